import type { Server } from 'node:http';
import type { Config } from './config.ts';
import { ConfigProblems, DEMO_IN_PRODUCTION, EMBEDDED_IN_PRODUCTION, configProblems } from './config-check.ts';
import { connect, type Connection } from './db/connection.ts';
import { setUpDatabase, type DemoAccounts } from './db/set-up.ts';
import { buildDemo } from './demo/demo.ts';
import { demoAttendance, prepareDemoMarks } from './demo/marks.ts';
import { DEMO_STEPS, DEMO_STEPS_BEFORE_SERVING } from './demo/steps.ts';
import { clockFromSettings, clockOffsetMs } from './platform/clock.ts';
import type { InstanceKind } from './platform/instance/instance.ts';
import { createLogger } from './platform/logger.ts';
import { buildServices } from './services.ts';
import { buildApp } from './app.ts';
import { startSenderIfConfigured } from './platform/notify/sender.ts';
import { closeServer } from './platform/shutdown.ts';
import { serveBackupRequests } from './db/backup/control.ts';
import type { EmbeddedPostgres } from './db/embedded.ts';
import { listenWith, startingGate, type StartingGate } from './platform/starting.ts';

export interface Running {
  url: string;
  server: Server;
  connection: Connection;
  kind: InstanceKind;
  seeded?: DemoAccounts;
  /** The demo's year of attendance marks, made just after the service is ready when missing. */
  demoMarks: Promise<'made' | 'present' | 'failed' | 'not the demo'>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The embedded database, already opening (src/server.ts starts it first). */
  embedded?: Promise<EmbeddedPostgres>;
  /** The server, already listening with its gate (src/server.ts listens first). */
  listening?: { server: Server; gate: StartingGate };
  /**
   * When a first start makes the demo's year of attendance marks: just after the service is
   * ready (the default, with a banner on the attendance pages meanwhile), or before it is ready,
   * for browser tests that read the attendance pages as soon as `/health` answers.
   */
  demoMarks?: 'after-ready' | 'before-ready';
}

/**
 * Checks the settings, listens (only `/health/live` answers 200 until the service is ready),
 * opens the database, migrates it, makes a new database the demo borough or a live instance
 * (DEMO=off), tidies up after imports a restart cut short, and serves the app.
 * Refuses with every problem at once, one a line; in production that includes a demo database.
 */
export async function startService(config: Config, options: StartOptions = {}): Promise<Running> {
  const problems = configProblems(config);
  // Outside production, or without a database production may use, the settings alone decide.
  if (problems.length > 0 && (!config.production || problems.includes(EMBEDDED_IN_PRODUCTION)))
    throw new ConfigProblems(problems);
  const logger = createLogger(config.logLevel);
  const clock = clockFromSettings(config.now, config.nowSince);
  const gate = options.listening?.gate ?? startingGate();
  const server = options.listening?.server ?? (await listenWith(gate, config.port));
  const connection = await connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embedded: options.embedded,
    // With NOW the database's own times (column defaults) follow the fixed clock too.
    clockOffsetMs: config.now ? clockOffsetMs(clock) : 0,
    onConnectionError: (error) =>
      logger.warn(
        { err: { message: error.message, code: (error as { code?: string }).code } },
        'database connection lost',
      ),
  }).catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  try {
    const {
      kind,
      demoAccounts: seeded,
      demoInProduction,
    } = await setUpDatabase(connection.db, {
      demo: config.demo,
      production: config.production,
      buildDemo: (db) =>
        buildDemo(db, {
          password: config.demoPassword,
          clock,
          steps: options.demoMarks === 'before-ready' ? DEMO_STEPS : DEMO_STEPS_BEFORE_SERVING,
        }),
    });
    if (demoInProduction) problems.push(DEMO_IN_PRODUCTION);
    if (problems.length > 0) throw new ConfigProblems(problems);
    const services = buildServices(connection.db, config, logger, clock);
    const interrupted = await services.attendanceImports.recoverInterrupted();
    if (interrupted)
      logger.warn({ imports: interrupted }, 'attendance imports cut short by a restart were marked failed');
    const { app, sessionStore } = buildApp(services, undefined, (req) =>
      demoAttendance.preparing && req.path.startsWith('/attendance') ? { demoAttendancePreparing: true } : {},
    );
    gate.open(app);
    const demoMarks =
      kind === 'demo'
        ? prepareDemoMarks(connection.db, services.clock).catch((error: unknown) => {
            logger.error({ err: error }, 'the demo attendance marks could not be made; the next start tries again');
            return 'failed' as const;
          })
        : Promise.resolve('not the demo' as const);
    const pruning = setInterval(
      () => sessionStore.prune().catch((error) => logger.warn({ err: error }, 'session prune failed')),
      15 * 60 * 1000,
    );
    pruning.unref();
    const sender = startSenderIfConfigured(connection.db, config, logger, services.clock);
    // The backup command asks the running service for a copy of its embedded database.
    const backups = connection.embedded
      ? serveBackupRequests({
          dataDir: config.dataDir,
          db: connection.db,
          embedded: connection.embedded,
          clock: services.clock,
          logger,
        })
      : undefined;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      url: `http://localhost:${port}`,
      server,
      connection,
      kind,
      seeded,
      demoMarks,
      /**
       * Stops as SIGTERM asks: no new connections, the requests in flight finish (for at most 10
       * seconds), then the workers stop, the pool closes and the embedded database's lock is let go.
       */
      async stop() {
        const started = performance.now();
        const { cutOff } = await closeServer(server);
        clearInterval(pruning);
        await demoMarks; // their transaction finishes rather than being cut off
        await Promise.all([sender?.stop(), backups?.stop()]);
        await connection.close();
        const ms = Math.round(performance.now() - started);
        logger.info(
          { ms, cutOff },
          cutOff
            ? `stopped in ${ms} ms; ${cutOff} connections were cut off after the wait`
            : `stopped in ${ms} ms; requests in flight finished`,
        );
      },
    };
  } catch (error) {
    await closeServer(server);
    await connection.close();
    throw error;
  }
}
