import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The transaction `trx`, for code written to run against the whole database (a service that
 * opens its own transactions): a transaction it opens joins `trx` instead, so all of its work
 * commits or rolls back with `trx`. The demo builder uses it to build the demo in one transaction.
 * A failure anywhere inside fails the whole transaction: there are no save points.
 */
export function joinedTransaction(trx: Transaction<Database>): Transaction<Database> {
  const builder = {
    execute: <T>(work: (inner: Transaction<Database>) => Promise<T>) => work(joined),
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
  };
  const joined: Transaction<Database> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => builder;
      if (property === 'connection')
        return () => ({ execute: <T>(work: (db: Transaction<Database>) => Promise<T>) => work(joined) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return joined;
}
