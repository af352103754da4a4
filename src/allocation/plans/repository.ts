// What the allocation plans read and write: each academic year's plan versions, their approval,
// and the cases allocated per school in the year.
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { AllocationPlansTable } from '../schema.ts';

/** The year's plan versions, newest first, with who created and who approved each. */
export function planRowsOf(db: DbOrTrx, year: string) {
  return db
    .selectFrom('allocation_plans as p')
    .leftJoin('users as c', 'c.id', 'p.created_by')
    .leftJoin('users as a', 'a.id', 'p.approved_by')
    .selectAll('p')
    .select(['c.name as created_by_name', 'a.name as approved_by_name'])
    .where('p.academic_year', '=', year)
    .orderBy('p.version', 'desc')
    .execute();
}

/** Cases allocated per school in the year, closed cases included. */
export async function casesPerSchool(db: DbOrTrx, year: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['school_urn', db.fn.countAll<string>().as('count')])
    .where('academic_year', '=', year)
    .groupBy('school_urn')
    .execute();
  return new Map(rows.map((row) => [row.school_urn, Number(row.count)]));
}

/** The year's plan versions and their status, locked so a new version can be numbered. */
export function lockedVersionsOf(trx: DbOrTrx, year: string) {
  return trx
    .selectFrom('allocation_plans')
    .select(['version', 'status'])
    .where('academic_year', '=', year)
    .forUpdate()
    .execute();
}

/** Saves a plan version; returns its id. */
export async function insertPlan(trx: DbOrTrx, plan: Insertable<AllocationPlansTable>): Promise<number> {
  const { id } = await trx.insertInto('allocation_plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** One plan version, locked so it can be approved. */
export function lockedPlan(trx: DbOrTrx, planId: number) {
  return trx
    .selectFrom('allocation_plans')
    .select(['id', 'academic_year', 'version', 'status'])
    .where('id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the year has a version later than `version`. */
export async function hasNewerVersion(trx: DbOrTrx, year: string, version: number): Promise<boolean> {
  const newer = await trx
    .selectFrom('allocation_plans')
    .select('id')
    .where('academic_year', '=', year)
    .where('version', '>', version)
    .executeTakeFirst();
  return newer !== undefined;
}

/** Marks the year's approved version superseded; returns the versions it changed. */
export async function supersedeApproved(trx: DbOrTrx, year: string): Promise<number[]> {
  const rows = await trx
    .updateTable('allocation_plans')
    .set({ status: 'superseded' })
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .returning('version')
    .execute();
  return rows.map((row) => row.version);
}

/** Records a version's approval. */
export async function markApproved(trx: DbOrTrx, planId: number, approvedBy: number | null, at: Date): Promise<void> {
  await trx
    .updateTable('allocation_plans')
    .set({ status: 'approved', approved_by: approvedBy, approved_at: at })
    .where('id', '=', planId)
    .execute();
}
