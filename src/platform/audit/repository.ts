import type { Db } from '../../db/connection.ts';

export interface AuditFilter {
  userId?: number;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function auditRepository(db: Db) {
  function filtered(filter: AuditFilter) {
    let query = db.selectFrom('audit_events').leftJoin('users', 'users.id', 'audit_events.user_id');
    if (filter.userId) query = query.where('audit_events.user_id', '=', filter.userId);
    if (filter.recordType) query = query.where('audit_events.record_type', '=', filter.recordType);
    if (filter.recordId) query = query.where('audit_events.record_id', '=', filter.recordId);
    if (filter.from) query = query.where('audit_events.at', '>=', new Date(`${filter.from}T00:00:00Z`));
    if (filter.to) query = query.where('audit_events.at', '<', new Date(`${filter.to}T24:00:00Z`));
    return query;
  }

  return {
    async search(filter: AuditFilter, page: number) {
      const [rows, total] = await Promise.all([
        filtered(filter)
          .select([
            'audit_events.id',
            'audit_events.at',
            'audit_events.action',
            'audit_events.record_type',
            'audit_events.record_id',
            'audit_events.ip',
            'audit_events.details',
            'users.name as user_name',
            'users.email as user_email',
          ])
          .orderBy('audit_events.id', 'desc')
          .limit(AUDIT_PAGE_SIZE)
          .offset((page - 1) * AUDIT_PAGE_SIZE)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },
    /** Everyone who can appear in the log, for the filter. */
    people() {
      return db.selectFrom('users').select(['id', 'name', 'email']).orderBy('name').execute();
    },
    recordTypes() {
      return db.selectFrom('audit_events').select('record_type').distinct().orderBy('record_type').execute();
    },
  };
}
