// Demo session marks for the demo borough: every school's pupils (its number on roll; the demo
// children keep their own UPNs so the work lists can link to their records) from the start of the
// school year to yesterday, on term days only. Each school's absence is drawn around its real
// 2018/19 overall absence rate from the DfE (see PROVENANCE), with a few pupils chronically absent,
// so the dashboards look like a borough's. Generated: not any real pupil's attendance.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { makeUpn } from '../children/upn.ts';
import { randomSource } from '../db/seed/people.ts';
import { isTermTime, isWorkingDay, type Calendar } from '../platform/calendar/calendar.ts';
import { NO_MARK } from './codes.ts';
import type { PupilYear } from './marks-file.ts';
import { dayOfSchoolYear, SESSIONS_PER_YEAR } from './sessions.ts';
import { saveMarks } from './store.ts';

const AUTHORISED = 'IIIIIIIIMMCRE'; // illness most often, then appointments, leave, religious observance, suspension without provision
const UNAUTHORISED = 'NNOOGU';
const byte = (char: string) => char.charCodeAt(0);

/** School days from the first day of term to `until` (inclusive), as days of the school year. */
function schoolDays(startYear: number, until: string, cal: Calendar): number[] {
  const days: number[] = [];
  for (let date = new Date(Date.UTC(startYear, 8, 1)); date.toISOString().slice(0, 10) <= until; date.setUTCDate(date.getUTCDate() + 1)) {
    const iso = date.toISOString().slice(0, 10);
    if (isWorkingDay(iso, cal) && isTermTime(iso, cal)) days.push(dayOfSchoolYear(iso, startYear));
  }
  return days;
}

/** A pupil's chance of missing a session: most near the school's rate, a long tail, a few chronic. */
function absenceChance(schoolRate: number, rng: ReturnType<typeof randomSource>): number {
  if (rng.next() < 0.012) return 0.5 + rng.next() * 0.4;
  return Math.min(0.9, -schoolRate * Math.log(1 - rng.next() * 0.999));
}

export interface DemoMarksOptions {
  startYear: number;
  /** The last day with marks (yesterday). */
  until: string;
  cal: Calendar;
}

/** Generates and saves the demo marks; returns how many pupils and marks. */
export async function seedDemoMarks(trx: Transaction<Database>, options: DemoMarksOptions): Promise<{ pupils: number; marks: number }> {
  const rng = randomSource(2024);
  const days = schoolDays(options.startYear, options.until, options.cal);
  if (days.length === 0) return { pupils: 0, marks: 0 };
  const schools = await trx.selectFrom('schools').select(['urn', 'laestab', 'number_on_roll', 'overall_absence_pct']).orderBy('urn').execute();
  const children = await trx.selectFrom('children').select(['upn', 'school_urn']).where('upn', 'is not', null).orderBy('id').execute();
  // Half the children with an open case are chronically absent too, as families referred for attendance are.
  const withCases = new Set(
    (await trx.selectFrom('cases').innerJoin('children', 'children.id', 'cases.child_id').select('children.upn').where('cases.status', '!=', 'closed').execute()).map((row) => row.upn),
  );
  const pupils: PupilYear[] = [];
  const ranges = new Map<number, { first: number; last: number }>();
  let marks = 0;
  for (const school of schools) {
    const known = children.filter((child) => child.school_urn === school.urn).map((child) => child.upn!);
    const roll = Math.max(school.number_on_roll, known.length);
    const rate = (school.overall_absence_pct ?? 5) / 100;
    for (let i = 0; i < roll; i++) {
      const upn = known[i] ?? makeUpn(311, school.laestab.slice(3), 15 + (i % 10), 500 + i);
      const chance = withCases.has(upn) && rng.next() < 0.5 ? 0.5 + rng.next() * 0.3 : absenceChance(rate, rng);
      const year = new Uint8Array(SESSIONS_PER_YEAR).fill(byte(NO_MARK));
      for (const day of days) {
        for (const pm of [0, 1]) {
          const roll = rng.next();
          year[day * 2 + pm] = byte(roll < chance ? (rng.next() < 0.7 ? rng.pick([...AUTHORISED]) : rng.pick([...UNAUTHORISED])) : roll > 0.985 ? 'L' : pm ? '\\' : '/');
          marks++;
        }
      }
      pupils.push({ urn: school.urn, upn, marks: year });
    }
    ranges.set(school.urn, { first: days[0]! * 2, last: days.at(-1)! * 2 + 1 });
  }
  await saveMarks(trx, { startYear: options.startYear, pupils, ranges });
  return { pupils: pupils.length, marks };
}
