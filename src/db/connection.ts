import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import { emptyDatabaseFor } from './empty-template.ts';

// Dates stay as 'YYYY-MM-DD' strings (no time-zone drift); counts and decimals as numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;
/** A connection or a transaction: for reads and writes that may run inside either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface Connection {
  db: Db;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir?: string;
  loadFrom?: string;
  /**
   * The embedded database, already opening (src/server.ts starts it before loading the rest of
   * the service); without it, and without `databaseUrl`, it is started here.
   */
  embedded?: Promise<EmbeddedPostgres>;
  /**
   * Told of a connection lost outside a query (the server restarted, an administrator ended the
   * session, a fail-over). The pool drops that connection and makes a new one when next needed.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * How far the service's clock is ahead of the real time, in milliseconds (src/platform/clock.ts):
   * each connection tells the database, so that times it fills in itself (`clock_now()`, the
   * columns' defaults) agree with the clock. 0, the default, is the real time.
   */
  clockOffsetMs?: number;
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  const onConnectionError = options.onConnectionError ?? (() => {});
  const embedded = options.databaseUrl
    ? undefined
    : await (options.embedded ??
        startEmbeddedPostgres({
          dataDir: options.dataDir,
          // A new data directory starts as a copy of the empty, migrated database when there is one.
          loadFrom: options.loadFrom ?? emptyDatabaseFor(options.dataDir),
        }));
  embedded?.onEvent((event, detail) =>
    onConnectionError(new Error(`Embedded database ${event}${detail ? `: ${detail}` : ''}`)),
  );
  const pool = new pg.Pool(
    embedded
      ? // The embedded database is one session: a single pooled client keeps transactions whole.
        // Its connections run over the database thread's message port, never a network socket.
        { stream: () => embedded.stream(), user: 'postgres', database: 'postgres', max: 1 }
      : // A connection that cannot be made within 5 s fails the request (503) rather than hanging.
        { connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 },
  );
  // An idle connection that errors is removed by the pool; without a listener the error would end
  // the process. A connection in use that errors fails its query, and is removed when released.
  pool.on('error', onConnectionError);
  const offset = Math.round(options.clockOffsetMs ?? 0);
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
    // Runs before any query the connection is checked out for.
    if (offset !== 0) client.query(`set inclusion.clock_offset = '${offset} milliseconds'`).catch(onConnectionError);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}
