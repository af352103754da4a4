import { loadConfig } from './config.ts';
import { startService } from './start.ts';
import { ConfigProblems } from './config-check.ts';
import { demoAccountList } from './demo/accounts.ts';

const started = performance.now();
const config = loadConfig();
const running = await startService(config).catch((error: unknown) => {
  if (!(error instanceof ConfigProblems)) throw error;
  console.error(error.message);
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const database = config.databaseUrl
  ? 'Database: PostgreSQL from DATABASE_URL'
  : `Database: embedded PostgreSQL (PGlite) in ${config.dataDir}`;
const demoLines = [
  'This is the demo borough: all people are fictional.',
  '',
  'Demo accounts (one per role):',
  ...demoAccountList().map((account) => `  ${account.email.padEnd(48)} ${account.name}`),
  '',
  running.seeded?.password
    ? `Password for every demo account: ${running.seeded.password}\n(shown only now; it is stored hashed. Set DEMO_PASSWORD and run "npm run seed -- --reset" to choose your own.)`
    : config.demoPassword && running.seeded
      ? 'Password for every demo account: the DEMO_PASSWORD you set.'
      : 'Password: the one printed when the demo was first created, or DEMO_PASSWORD if it was set then. "npm run seed -- --reset" makes a new one.',
];
const liveLines = [
  'This is a live instance: it holds no demo data.',
  'To add an administrator: npm run --silent admin -- create --email EMAIL --name "NAME" (see docs/operating.md).',
];
const lines = [
  `Inclusion Hub is running at ${running.url} (started in ${seconds} s)`,
  database,
  '',
  ...(running.kind === 'demo' ? demoLines : liveLines),
];
console.log(lines.join('\n'));

// SIGTERM or Ctrl-C: requests in flight finish, workers stop, the database closes (start.ts). A
// second signal while stopping ends the process at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      console.error(`Inclusion Hub did not stop cleanly: ${(error as Error).message}`);
      process.exit(1);
    }
  });
}
