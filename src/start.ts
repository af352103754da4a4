import type { Server } from 'node:http';
import type { Config } from './config.ts';
import { assertStartable } from './config-check.ts';
import { connect, migrateToLatest, type Connection } from './db/connection.ts';
import { isEmpty, seedDemo, type DemoAccounts } from './db/seed/demo.ts';
import { createLogger } from './platform/logger.ts';
import { buildServices } from './services.ts';
import { buildApp } from './app.ts';
import { startSenderIfConfigured } from './platform/notify/sender.ts';

export interface Running {
  url: string;
  server: Server;
  connection: Connection;
  seeded?: DemoAccounts;
  stop(): Promise<void>;
}

/** Checks the settings, opens the database, migrates it, seeds the demo borough when empty, tidies up after imports a restart cut short, and serves the app. */
export async function startService(config: Config): Promise<Running> {
  assertStartable(config);
  const logger = createLogger(config.logLevel);
  const connection = await connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) => logger.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'database connection lost'),
  });
  try {
    await migrateToLatest(connection.db);
    const seeded = (await isEmpty(connection.db)) ? await seedDemo(connection.db, { password: config.demoPassword }) : undefined;
    const services = buildServices(connection.db, config, logger);
    const interrupted = await services.attendanceImports.recoverInterrupted();
    if (interrupted) logger.warn({ imports: interrupted }, 'attendance imports cut short by a restart were marked failed');
    const { app, sessionStore } = buildApp(services);
    const server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, (error?: Error) => (error ? reject(error) : resolve(listening)));
    });
    const pruning = setInterval(() => sessionStore.prune().catch((error) => logger.warn({ err: error }, 'session prune failed')), 15 * 60 * 1000);
    pruning.unref();
    const sender = startSenderIfConfigured(connection.db, config, logger);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      url: `http://localhost:${port}`,
      server,
      connection,
      seeded,
      async stop() {
        clearInterval(pruning);
        await sender?.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
