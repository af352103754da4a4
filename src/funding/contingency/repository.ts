// The contingency fund as the database keeps it: each year's fund, and the schools' applications
// with their decisions and conversions to academies.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { schoolName } from '../../schools/service.ts';
import type { ApplicationRow } from './rules.ts';

/** The database or a transaction. */
export type Reader = Kysely<Database>;

/** The year's applications (of the schools `urns` only, when given), by URN. */
export async function applicationsOf(db: Reader, year: string, urns?: readonly number[]): Promise<ApplicationRow[]> {
  if (urns && urns.length === 0) return [];
  let query = db
    .selectFrom('funding_contingency_applications as a')
    .leftJoin('schools', 'schools.urn', 'a.urn')
    .selectAll('a')
    .select('schools.name as school_name')
    .where('a.year', '=', year);
  if (urns) query = query.where('a.urn', 'in', urns);
  const rows = await query.orderBy('a.urn').execute();
  return rows.map((row) => ({
    id: row.id,
    urn: row.urn,
    schoolName: schoolName({ urn: row.urn, name: row.school_name }),
    deficitPence: Number(row.deficit_pence),
    askedPence: Number(row.asked_pence),
    status: row.status,
    allocatedPence: row.allocated_pence === null ? null : Number(row.allocated_pence),
    evidence: row.evidence,
    decisionNote: row.decision_note,
    decidedAt: row.decided_at,
    convertedOn: row.converted_to_academy_on,
    appliedAt: row.applied_at,
  }));
}

/** The fund's size (its row locked until the transaction ends, with `lock`), if it is set. */
export async function fundOf(db: Reader, year: string, { lock = false } = {}) {
  let query = db.selectFrom('funding_contingency_funds').select(['fund_pence', 'set_at']).where('year', '=', year);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { pence: Number(row.fund_pence), setAt: row.set_at };
}

/** The schools `urns`, by name, with their names and whether they are maintained. */
export async function schoolsOf(db: Reader, urns: readonly number[]) {
  const schools = await db
    .selectFrom('schools')
    .select(['urn', 'name', 'maintained'])
    .where('urn', 'in', [...urns])
    .orderBy('name')
    .execute();
  return schools.map((school) => ({ urn: school.urn, name: schoolName(school), maintained: school.maintained }));
}

export async function isMaintained(db: Reader, urn: number): Promise<boolean> {
  const school = await db.selectFrom('schools').select('maintained').where('urn', '=', urn).executeTakeFirst();
  return Boolean(school?.maintained);
}

export async function saveFund(db: Reader, year: string, pence: number, setBy: number | null, at: Date) {
  await db
    .insertInto('funding_contingency_funds')
    .values({ year, fund_pence: pence, set_by: setBy })
    .onConflict((conflict) => conflict.column('year').doUpdateSet({ fund_pence: pence, set_by: setBy, set_at: at }))
    .execute();
}

export async function insertApplication(
  db: Reader,
  application: {
    year: string;
    urn: number;
    deficit: number;
    asked: number;
    evidence: string;
    appliedBy: number | null;
  },
): Promise<number> {
  const { year, urn, deficit, asked, evidence, appliedBy } = application;
  const row = await db
    .insertInto('funding_contingency_applications')
    .values({ year, urn, deficit_pence: deficit, asked_pence: asked, evidence, applied_by: appliedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the decision on an application: agreed with an allocation, or declined with a reason. */
export async function saveDecision(
  db: Reader,
  id: number,
  decision: { status: 'agreed' | 'declined'; allocatedPence: number | null; note: string; by: number | null; at: Date },
) {
  await db
    .updateTable('funding_contingency_applications')
    .set({
      status: decision.status,
      allocated_pence: decision.allocatedPence,
      decision_note: decision.note,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function saveConversion(db: Reader, id: number, convertedOn: string) {
  await db
    .updateTable('funding_contingency_applications')
    .set({ converted_to_academy_on: convertedOn })
    .where('id', '=', id)
    .execute();
}
