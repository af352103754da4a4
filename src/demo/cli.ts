// `npm run seed` creates the demo borough in an empty database; `npm run seed -- --reset`
// deletes everything first and rebuilds it. Neither touches a council's live instance.
import { loadConfig } from '../config.ts';
import { connect, migrateToLatest } from '../db/connection.ts';
import { isEmpty } from '../db/set-up.ts';
import { clockFromSettings } from '../platform/clock.ts';
import { instanceKind } from '../platform/instance/instance.ts';
import { demoPasswordProblem } from './accounts.ts';
import { buildDemo, dropEverything } from './demo.ts';

const config = loadConfig();
const clock = clockFromSettings(config.now, config.nowSince);
const reset = process.argv.includes('--reset');
// Checked before anything is deleted, so a password that cannot be used leaves the demo as it was.
const passwordProblem = config.demoPassword && demoPasswordProblem(config.demoPassword);
if (passwordProblem) {
  console.error(`DEMO_PASSWORD cannot be used for the demo accounts. ${passwordProblem}.`);
  process.exit(1);
}
const connection = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(connection.db);
  if ((await instanceKind(connection.db)) === 'live') {
    console.error(
      'This database is a live instance: the demo is never created in it, and --reset would delete its records. Nothing was changed.',
    );
    process.exitCode = 1;
  } else {
    await buildDemoBorough();
  }
} finally {
  await connection.close();
}

async function buildDemoBorough() {
  if (reset) await dropEverything(connection.db);
  await migrateToLatest(connection.db);
  if (!(await isEmpty(connection.db))) {
    console.log(
      'The database already has data; nothing was changed. Use "npm run seed -- --reset" to rebuild the demo.',
    );
  } else {
    const built = await buildDemo(connection.db, { password: config.demoPassword, clock });
    console.log('Demo borough created.');
    console.log(
      built.password
        ? `Password for every demo account: ${built.password}`
        : 'Password for every demo account: the DEMO_PASSWORD you set.',
    );
  }
}
