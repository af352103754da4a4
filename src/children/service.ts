import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { Scope } from '../platform/roles.ts';
import { childrenRepository } from './repository.ts';

export function childrenService(db: Db) {
  const repository = childrenRepository();
  return {
    /** A page of the children the user may see; the search itself is audited as a read. */
    list(actor: Actor, scope: Scope, search: string | undefined, page: number) {
      return db.transaction().execute(async (trx) => {
        const result = await repository.list(trx, scope, search, page);
        await audit(trx, actor, {
          action: 'list',
          recordType: 'child',
          details: { ids: result.rows.map((row) => row.id), page, searched: Boolean(search) },
        });
        return result;
      });
    },

    /** One child's record with their carers, or undefined when it is outside the user's scope. */
    view(actor: Actor, scope: Scope, id: number) {
      return db.transaction().execute(async (trx) => {
        const child = await repository.find(trx, scope, id);
        if (!child) return undefined;
        const carers = await repository.carers(trx, id);
        await audit(trx, actor, { action: 'view', recordType: 'child', recordId: id });
        return { child, carers };
      });
    },
  };
}
