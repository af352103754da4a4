// A child's attendance and suspensions this school year, for their case page (a case shows the
// child's attendance and suspension figures): from the marks and suspensions held for their UPN
// at their school. Undefined when the service holds no marks for them.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/connection.ts';
import { absentSessions, isPersistentlyAbsent, isSeverelyAbsent, percent } from './measures/rules.ts';
import { schoolYearOf } from '../platform/school-year.ts';
import { childAtSchool, latestOnRoll, pupilExclusions, pupilYearCounts } from './repository.ts';

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
  const year = schoolYearOf(today).key;
  const marks = await pupilYearCounts(db, year, urn, upn);
  if (!marks || marks.possible === 0) return undefined;
  const exclusions = await pupilExclusions(db, year, upn);
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

// What the service knows of a pupil from the school's roll (or, failing that, the children it
// already holds), to start a referral for them without typing it all again.
/** A referral's child page answers for a pupil at a school: their name and more when the service knows them, at least the UPN. */
export async function childAnswersFor(db: Db, urn: number, upn: string): Promise<Record<string, string>> {
  const roll = await latestOnRoll(db, urn, upn);
  const child = roll ? undefined : await childAtSchool(db, urn, upn);
  const found = roll ?? child;
  if (!found) return { upn };
  const [year, month, day] = found.date_of_birth.split('-') as [string, string, string];
  const yearGroup = roll
    ? ({ N1: 'Nursery', N2: 'Nursery', R: 'Reception' }[roll.year_group] ?? `Year ${roll.year_group}`)
    : found.year_group;
  return {
    firstName: found.first_name,
    lastName: found.last_name,
    'dateOfBirth-day': String(Number(day)),
    'dateOfBirth-month': String(Number(month)),
    'dateOfBirth-year': year,
    upn,
    yearGroup,
  };
}
