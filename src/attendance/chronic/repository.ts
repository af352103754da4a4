// The chronic absence work list's SQL: who already has a lead professional (an open case, or one
// recorded here), the pupils' names, the target, and recording a lead professional.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

export interface PupilKey {
  year: string;
  urn: number;
  upn: string;
}

export interface LeadValues {
  lead_name: string;
  lead_role: string;
  has_plan: boolean;
  plan_summary: string | null;
  recorded_by: number;
}

export function chronicRepository(db: Db) {
  return {
    /** The open cases of the children with these UPNs, with their practitioner's name. */
    openCasesOf(upns: readonly string[]) {
      return db
        .selectFrom('cases')
        .innerJoin('children', 'children.id', 'cases.child_id')
        .innerJoin('users', 'users.id', 'cases.practitioner_id')
        .select(['cases.id', 'children.upn', 'users.name'])
        .where('cases.status', '!=', 'closed')
        .where('children.upn', 'in', upns)
        .execute();
    },

    /** The lead professionals recorded for the year for these UPNs. */
    leadsOf(year: string, upns: readonly string[]) {
      return db
        .selectFrom('attendance_lead_professionals')
        .selectAll()
        .where('academic_year', '=', year)
        .where('upn', 'in', upns)
        .execute();
    },

    /** The target for chronically absent pupils with a lead professional and a plan. */
    target() {
      return db
        .selectFrom('attendance_targets')
        .selectAll()
        .where('measure', '=', 'chronic-with-lead-professional')
        .executeTakeFirst();
    },

    /** The names on the year's roll of the pupils with these UPNs. */
    rollNames(year: string, upns: readonly string[]) {
      return db
        .selectFrom('pupil_roll')
        .select(['urn', 'upn', 'first_name', 'last_name'])
        .where('academic_year', '=', year)
        .where('upn', 'in', upns)
        .execute();
    },

    /** The names the service holds of the children with these UPNs. */
    childNames(upns: readonly string[]) {
      return db.selectFrom('children').select(['upn', 'first_name', 'last_name']).where('upn', 'in', upns).execute();
    },

    schools() {
      return db.selectFrom('schools').select(['urn', 'name']).execute();
    },

    /** Whether the pupil has marks at the school in the year. */
    async hasMarks(key: PupilKey): Promise<boolean> {
      const marked = await db
        .selectFrom('attendance_marks')
        .select('upn')
        .where('academic_year', '=', key.year)
        .where('urn', '=', key.urn)
        .where('upn', '=', key.upn)
        .executeTakeFirst();
      return marked !== undefined;
    },
  };
}

/** Records (or replaces) the pupil's lead professional for the year. */
export async function saveLead(db: Kysely<Database>, key: PupilKey, values: LeadValues, now: Date): Promise<void> {
  await db
    .insertInto('attendance_lead_professionals')
    .values({ academic_year: key.year, urn: key.urn, upn: key.upn, ...values })
    .onConflict((oc) => oc.columns(['academic_year', 'urn', 'upn']).doUpdateSet({ ...values, recorded_at: now }))
    .execute();
}
