// A child's attendance and suspensions this school year, for their case page [issue: a case shows
// the child's attendance and suspension figures]: from the marks and suspensions held for their
// UPN at their school. Undefined when the service holds no marks for them.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { absentSessions, isPersistentlyAbsent, isSeverelyAbsent, percent } from './measures.ts';
import { schoolYearLabel, schoolYearStartOf } from './sessions.ts';

export interface ChildAttendance {
  year: string;
  possible: number;
  absent: number;
  attendancePct: number;
  band: 'severe' | 'persistent' | 'none';
  suspensions: number;
  suspendedSessions: number;
  permanentlyExcluded: boolean;
}

export async function childAttendance(
  db: Kysely<Database> | Transaction<Database>,
  upn: string | null,
  urn: number,
  today: string,
): Promise<ChildAttendance | undefined> {
  if (!upn) return undefined;
  const year = schoolYearLabel(schoolYearStartOf(today));
  const marks = await db
    .selectFrom('attendance_marks')
    .select(['possible', 'attended', 'authorised', 'unauthorised'])
    .where('academic_year', '=', year)
    .where('urn', '=', urn)
    .where('upn', '=', upn)
    .executeTakeFirst();
  if (!marks || marks.possible === 0) return undefined;
  const exclusions = await db
    .selectFrom('suspensions')
    .select(['kind', 'sessions'])
    .where('academic_year', '=', year)
    .where('upn', '=', upn)
    .execute();
  const suspensions = exclusions.filter((row) => row.kind === 'suspension');
  return {
    year,
    possible: marks.possible,
    absent: absentSessions(marks),
    attendancePct: percent(marks.possible - absentSessions(marks), marks.possible),
    band: isSeverelyAbsent(marks) ? 'severe' : isPersistentlyAbsent(marks) ? 'persistent' : 'none',
    suspensions: suspensions.length,
    suspendedSessions: suspensions.reduce((total, row) => total + row.sessions, 0),
    permanentlyExcluded: exclusions.some((row) => row.kind === 'permanent-exclusion'),
  };
}
