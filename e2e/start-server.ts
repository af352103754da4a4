/**
 * Starts the real service for the browser journeys on a fresh embedded database in a temporary
 * folder, built with the demo borough and a known password; removes the folder when stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PASSWORD, E2E_PORT, E2E_TWO_FACTOR_SECRET } from './constants.ts';
import { journeyClock } from './clock.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'inclusion-hub-e2e-'));
process.env.DATA_DIR = dataDir;
process.env.UPLOAD_DIR = join(dataDir, 'uploads');
process.env.PORT = String(E2E_PORT);
process.env.DEMO_PASSWORD = E2E_PASSWORD;
process.env.LOG_LEVEL = 'warn';
delete process.env.DATABASE_URL;

const { loadConfig } = await import('../src/config.ts');
const { startService } = await import('../src/start.ts');
const { twoFactorRepository } = await import('../src/platform/auth/two-factor/repository.ts');
const { demoEmail } = await import('../src/demo/accounts.ts');

let running: Awaited<ReturnType<typeof startService>>;
try {
  // The journeys read the demo's attendance marks: they are made before the service says it is ready.
  running = await startService(loadConfig(), { demoMarks: 'before-ready' });
} catch (error) {
  await rm(dataDir, { recursive: true, force: true });
  throw error;
}
// The demo administrator has two-factor on with a key the journeys know (see E2E_TWO_FACTOR_SECRET).
const { db } = running.connection;
const admin = await db
  .selectFrom('users')
  .select('id')
  .where('email', '=', demoEmail('admin'))
  .executeTakeFirstOrThrow();
const twoFactor = twoFactorRepository(db);
await twoFactor.saveUnconfirmed(admin.id, E2E_TWO_FACTOR_SECRET, journeyClock.now());
await twoFactor.confirm(db, admin.id, null, [], journeyClock.now());

console.log(`e2e: Inclusion Hub running at ${running.url} on a fresh database in ${dataDir}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    try {
      await running.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}
