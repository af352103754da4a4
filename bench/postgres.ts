// A scratch database on a PostgreSQL server for the benchmark, when a server answers.
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

let made = 0;

/** A fresh database on the server at `url` (a new one each call), or undefined when no server answers. */
export async function scratchDatabase(url: string | undefined): Promise<ScratchDatabase | undefined> {
  if (!url) return undefined;
  const database = `inclusion_hub_bench_${process.pid}_${++made}`;
  try {
    await onServer(url, async (admin) => {
      await admin.query(`drop database if exists ${database}`);
      await admin.query(`create database ${database}`);
    });
  } catch {
    return undefined;
  }
  const scratch = new URL(url);
  scratch.pathname = `/${database}`;
  return {
    url: scratch.toString(),
    // `with (force)` closes the connections of a service that is still stopping.
    drop: () =>
      onServer(url, (admin) => admin.query(`drop database if exists ${database} with (force)`)).then(() => undefined),
  };
}
