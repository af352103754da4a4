// Demo attendance records for the demo children: about 20 suspensions and 2 permanent exclusions,
// mostly at secondary schools, and 12 reduced timetables in every state the work list shows
// (flagged for no plan after the flag weeks, no consent, review overdue; CINROSE under 25 hours).
// The demo school user's school has some of each. Small and fast: a few inserts.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { randomSource } from '../demo/people.ts';
import { londonDate } from '../platform/london-time.ts';
import { academicYearOfDate } from './roll/fields.ts';

type Trx = Transaction<Database>;

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

export async function seedAttendanceRecordsDemo(
  trx: Trx,
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
  const yearStart = `${academicYearOfDate(today).slice(0, 4)}-09-01`;
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
        academic_year: academicYearOfDate(start),
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
      academic_year: academicYearOfDate(start),
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
