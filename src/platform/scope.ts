import type { Scope } from './roles.ts';

/**
 * Narrows a query to the schools a user may see. Every query for children's records takes the
 * user's scope, so a school user's queries only ever reach their own schools' rows.
 */
export function inScope<Q extends { where: (...args: never[]) => Q }>(query: Q, scope: Scope, column: string): Q {
  if (scope.kind === 'all') return query;
  // No schools means no rows, not all rows.
  const urns = scope.urns.length ? scope.urns : [-1];
  return (query.where as unknown as (c: string, op: string, v: number[]) => Q)(column, 'in', urns);
}
