// Demo session marks and pupil roll for the demo borough: every school's pupils (its number on
// roll, with a year group, SEN, free school meals and EAL; the demo children keep their own UPNs
// and names so the work lists can link to their records) from the start of the
// school year to yesterday, on term days only. Each school's absence is drawn around its real
// 2018/19 overall absence rate from the DfE (see PROVENANCE), with a few pupils chronically absent,
// so the dashboards look like a borough's. Generated: not any real pupil's attendance.
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PupilRollTable } from './schema.ts';
import { makeUpn } from '../children/rules.ts';
import { FIRST_NAMES, LAST_NAMES, randomSource } from '../demo/people.ts';
import { isTermTime, isWorkingDay, type Calendar } from '../platform/calendar/calendar.ts';
import { londonDate } from '../platform/london-time.ts';
import { schoolYearOf, schoolYearStarting } from '../platform/school-year.ts';
import { NO_MARK } from './rules.ts';
import type { PupilYear } from './marks/file/forms.ts';
import { dayOfSchoolYear, SESSIONS_PER_YEAR } from './rules.ts';
import { saveMarks } from './marks/repository.ts';

const AUTHORISED = 'IIIIIIIIMMCRE'; // illness most often, then appointments, leave, religious observance, suspension without provision
const UNAUTHORISED = 'NNOOGU';
const byte = (char: string) => char.charCodeAt(0);

/** School days from the first day of term to `until` (inclusive), as days of the school year. */
function schoolDays(startYear: number, until: string, cal: Calendar): number[] {
  const days: number[] = [];
  for (
    let date = new Date(Date.UTC(startYear, 8, 1));
    date.toISOString().slice(0, 10) <= until;
    date.setUTCDate(date.getUTCDate() + 1)
  ) {
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

const YEAR_GROUPS: Record<string, string[]> = {
  Primary: ['R', '1', '2', '3', '4', '5', '6'],
  Secondary: ['7', '8', '9', '10', '11'],
};

/** The roll's year group for a child's 'Year 3' or 'Reception'. */
const rollYearGroup = (yearGroup: string) =>
  yearGroup === 'Reception' ? 'R' : yearGroup === 'Nursery' ? 'N2' : yearGroup.replace('Year ', '');

/** A date of birth in the school year's cohort for a year group ('R' is the year children turn 5). */
function birthDate(yearGroup: string, startYear: number, rng: ReturnType<typeof randomSource>): string {
  const offset = yearGroup === 'R' ? 0 : yearGroup.startsWith('N') ? -1 : Number(yearGroup);
  return new Date(Date.UTC(startYear - 5 - offset, 8, 1) + rng.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
}

export interface DemoMarksOptions {
  startYear: number;
  /** The last day with marks (yesterday). */
  until: string;
  cal: Calendar;
}

/** Generates and saves the demo marks; returns how many pupils and marks. */
export async function attendanceMarksDemo(
  trx: Transaction<Database>,
  options: DemoMarksOptions,
): Promise<{ pupils: number; marks: number }> {
  const rng = randomSource(2024);
  const days = schoolDays(options.startYear, options.until, options.cal);
  if (days.length === 0) return { pupils: 0, marks: 0 };
  const schools = await trx
    .selectFrom('schools')
    .select(['urn', 'laestab', 'phase', 'number_on_roll', 'overall_absence_pct', 'fsm_count', 'eal_count'])
    .orderBy('urn')
    .execute();
  const children = await trx
    .selectFrom('children')
    .select(['upn', 'school_urn', 'first_name', 'last_name', 'date_of_birth', 'year_group'])
    .where('upn', 'is not', null)
    .orderBy('id')
    .execute();
  const roll: Insertable<PupilRollTable>[] = [];
  const yearLabel = schoolYearStarting(options.startYear).key;
  // Half the children with an open case are chronically absent too, as families referred for attendance are.
  const withCases = new Set(
    (
      await trx
        .selectFrom('cases')
        .innerJoin('children', 'children.id', 'cases.child_id')
        .select('children.upn')
        .where('cases.status', '!=', 'closed')
        .execute()
    ).map((row) => row.upn),
  );
  const pupils: PupilYear[] = [];
  const ranges = new Map<number, { first: number; last: number }>();
  let marks = 0;
  for (const school of schools) {
    const known = children.filter((child) => child.school_urn === school.urn);
    const onRoll = Math.max(school.number_on_roll, known.length);
    const rate = (school.overall_absence_pct ?? 5) / 100;
    const years = YEAR_GROUPS[school.phase] ?? [...YEAR_GROUPS.Primary!.slice(1), ...YEAR_GROUPS.Secondary!];
    const share = (count: number | null) => (count ?? 0) / Math.max(1, school.number_on_roll);
    for (let i = 0; i < onRoll; i++) {
      const child = known[i];
      const upn = child?.upn ?? makeUpn(311, school.laestab.slice(3), 90 + Math.floor(i / 1000), i % 1000);
      const yearGroup = child ? rollYearGroup(child.year_group) : rng.pick(years);
      const sen = rng.next() < 0.03 ? 'E' : rng.next() < 0.13 ? 'K' : 'N';
      const fsm = rng.next() < share(school.fsm_count);
      roll.push({
        academic_year: yearLabel,
        urn: school.urn,
        upn,
        first_name: child?.first_name ?? rng.pick(FIRST_NAMES),
        last_name: child?.last_name ?? rng.pick(LAST_NAMES),
        date_of_birth: child?.date_of_birth ?? birthDate(yearGroup, options.startYear, rng),
        year_group: yearGroup,
        sen,
        fsm,
        eal: rng.next() < share(school.eal_count),
        imported_by: null,
      });
      // Pupils on free school meals or with special educational needs miss more school, as nationally.
      const weight = (fsm ? 1.6 : 1) * (sen === 'N' ? 1 : 1.4);
      const chance =
        withCases.has(upn) && rng.next() < 0.5
          ? 0.5 + rng.next() * 0.3
          : Math.min(0.9, absenceChance(rate, rng) * weight);
      const year = new Uint8Array(SESSIONS_PER_YEAR).fill(byte(NO_MARK));
      for (const day of days) {
        for (const pm of [0, 1]) {
          const roll = rng.next();
          year[day * 2 + pm] = byte(
            roll < chance
              ? rng.next() < 0.7
                ? rng.pick([...AUTHORISED])
                : rng.pick([...UNAUTHORISED])
              : roll > 0.985
                ? 'L'
                : pm
                  ? '\\'
                  : '/',
          );
          marks++;
        }
      }
      pupils.push({ urn: school.urn, upn, marks: year });
    }
    ranges.set(school.urn, { first: days[0]! * 2, last: days.at(-1)! * 2 + 1 });
    // A school at a time, so a service making the marks after it is ready still answers meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The roll first: saving the marks works out the totals by group of pupils on it.
  for (let i = 0; i < roll.length; i += 1000)
    await trx
      .insertInto('pupil_roll')
      .values(roll.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  await saveMarks(trx, { startYear: options.startYear, pupils, ranges });
  return { pupils: pupils.length, marks };
}

// Demo attendance records for the demo children: about 20 suspensions and 2 permanent exclusions,
// mostly at secondary schools, and 12 reduced timetables in every state the work list shows
// (flagged for no plan after the flag weeks, no consent, review overdue; CINROSE under 25 hours).
// The demo school user's school has some of each. Small and fast: a few inserts.

const REASON_MIX = [
  'DB',
  'DB',
  'DB',
  'DB',
  'VA',
  'VA',
  'PP',
  'PP',
  'PA',
  'VP',
  'BU',
  'DM',
  'DA',
  'MT',
  'OW',
  'OT',
] as const;
const RT_REASONS = [
  'Anxiety about school; building up time in class with the pastoral lead',
  'Returning after a long illness; hospital school advice',
  'Awaiting an EHC needs assessment; dysregulation in the afternoons',
  'Phased return after a managed move',
];

function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export async function attendanceRecordsDemo(
  trx: Transaction<Database>,
  { recordedBy, schoolUrn, now }: { recordedBy: number | null; schoolUrn: number; now: Date },
) {
  const rng = randomSource(2024);
  const today = londonDate(now);
  const children = await trx
    .selectFrom('children')
    .innerJoin('schools', 'schools.urn', 'children.school_urn')
    .select(['children.first_name', 'children.last_name', 'children.upn', 'children.school_urn', 'schools.phase'])
    .where('children.upn', 'is not', null)
    .orderBy('children.id')
    .execute();
  const secondary = children.filter((child) => child.phase === 'Secondary');
  const own = children.filter((child) => child.school_urn === schoolUrn);
  if (!secondary.length || !own.length) return;
  // Spread over this school year so far, or the last 150 days early in the year.
  const yearStart = `${schoolYearOf(today).start}-09-01`;
  const span = Math.max(30, Math.min(150, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000)));

  const pupils = [...own.slice(0, 2), ...secondary.filter((_, index) => index % 7 === 0).slice(0, 14)];
  const suspensions = pupils.flatMap((child, index) => {
    const permanent = index >= pupils.length - 2;
    const times = !permanent && index % 3 === 0 ? 2 : 1;
    return Array.from({ length: times }, (_, n) => {
      const start = daysBefore(today, rng.int(1, span) + n * 3);
      return {
        upn: child.upn!,
        urn: child.school_urn,
        academic_year: schoolYearOf(start).key,
        kind: permanent ? ('permanent-exclusion' as const) : ('suspension' as const),
        start_date: start,
        sessions: child.phase === 'Secondary' ? rng.pick([1, 2, 2, 4, 6, 10]) : rng.pick([1, 2]),
        reason: child.phase === 'Secondary' ? rng.pick(REASON_MIX) : rng.pick(['DB', 'PA', 'VA'] as const),
        source: 'form' as const,
        recorded_by: recordedBy,
      };
    });
  });
  await trx
    .insertInto('suspensions')
    .values(suspensions)
    .onConflict((oc) => oc.columns(['upn', 'urn', 'start_date', 'kind']).doNothing())
    .execute();

  const onTimetable = [own[2] ?? own[0], ...secondary.filter((_, index) => index % 5 === 1).slice(0, 11)];
  const timetables = onTimetable.map((child, index) => {
    const start = daysBefore(today, [10, 20, 42, 50, 65, 80, 15, 35, 44, 90, 28, 7][index % 12]);
    const returnPlan = index % 3 !== 1;
    return {
      upn: child.upn!,
      pupil_name: `${child.first_name} ${child.last_name}`,
      urn: child.school_urn,
      academic_year: schoolYearOf(start).key,
      start_date: start,
      planned_end: daysBefore(start, -rng.int(28, 84)),
      hours_per_week: [15, 20, 12.5, 25, 27.5, 10][index % 6],
      reason: RT_REASONS[index % RT_REASONS.length],
      parental_consent: index % 4 !== 2,
      return_plan: returnPlan,
      return_plan_summary: returnPlan
        ? 'Add a lesson a week each fortnight, reviewed with the family at each step'
        : null,
      review_date: index % 5 === 3 ? daysBefore(today, 5) : daysBefore(today, -rng.int(3, 30)),
      ended_on: null,
      recorded_by: recordedBy,
      updated_by: recordedBy,
    };
  });
  await trx
    .insertInto('reduced_timetables')
    .values(
      timetables.map((row) => ({
        ...row,
        review_date: row.review_date < row.start_date ? row.start_date : row.review_date,
      })),
    )
    .execute();
}
