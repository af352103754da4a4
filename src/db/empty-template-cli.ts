// Run by `npm ci` and `npm install` (package.json's postinstall): makes the empty, migrated
// database a new embedded database starts from (src/db/empty-template.ts). It never fails the
// install: without the file the first start makes the database from nothing, as before.
import { makeEmptyDatabase } from './empty-template.ts';

const started = performance.now();
try {
  const path = await makeEmptyDatabase();
  console.log(
    `Inclusion Hub: the empty database for a first start is ready (${((performance.now() - started) / 1000).toFixed(1)} s): ${path}`,
  );
} catch (error) {
  console.warn(
    `Inclusion Hub: the empty database for a first start was not made (${(error as Error).message}); the first start makes it instead.`,
  );
}
