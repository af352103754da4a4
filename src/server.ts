// The embedded database starts opening first, on its own thread, while the rest of the service
// loads: only the settings and the database's own small modules are loaded before it.
import { loadConfig } from './config.ts';
import { ConfigProblems, EMBEDDED_IN_PRODUCTION, configProblems } from './config-check.ts';
import { startEmbeddedPostgres } from './db/embedded.ts';
import { emptyDatabaseFor } from './db/empty-template.ts';
import { listenWith, startingGate } from './platform/starting.ts';

const config = loadConfig();
const embedded =
  config.databaseUrl || configProblems(config).includes(EMBEDDED_IN_PRODUCTION)
    ? undefined
    : startEmbeddedPostgres({ dataDir: config.dataDir, loadFrom: emptyDatabaseFor(config.dataDir) });
embedded?.catch(() => {}); // start.ts reports why it did not open
// Listening at once: /health/live answers while the rest loads; pages wait for the service (503).
const gate = startingGate();
const server = await listenWith(gate, config.port);

const { startService } = await import('./start.ts');
const { demoAccountList } = await import('./demo/accounts.ts');
const running = await startService(config, { embedded, listening: { server, gate } }).catch((error: unknown) => {
  if (!(error instanceof ConfigProblems)) throw error;
  console.error(error.message);
  process.exit(1);
});
// From the process's start (performance.timeOrigin), so the time spent loading modules counts.
const seconds = (performance.now() / 1000).toFixed(1);

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
