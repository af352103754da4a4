import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { randomSource } from '../../demo/people.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';
import type { CensusRow, FigureColumn } from './forms.ts';
import { insertFigures } from './repository.ts';

/** The figures the published census lacks, so the demo generates them (see /about-the-data). */
export const DEMO_FIELDS: readonly FigureColumn[] = ['looked_after', 'mobility'];

type Rng = ReturnType<typeof randomSource>;

/** A whole number near `expected` (from 60% to 140% of it), never more than the roll. */
function near(expected: number, roll: number, rng: Rng): number {
  return Math.min(roll, Math.round(expected * (0.6 + rng.next() * 0.8)));
}

/**
 * Plausible demo figures: looked-after children are about 0.5% of pupils, more where more
 * pupils have free school meals and more again in special schools and PRUs; pupils who joined
 * at a non-standard time are about 3% of the roll plus a share of FSM pupils, and most of a PRU.
 */
export function demoLookedAfterAndMobility(
  school: { phase: string; number_on_roll: number; fsm_count: number | null },
  rng: Rng,
) {
  const roll = school.number_on_roll;
  const fsm = school.fsm_count ?? roll * 0.15;
  const specialist = school.phase === 'Special' || school.phase === 'PRU/AP';
  const lookedAfter = (roll * 0.003 + fsm * 0.02) * (specialist ? 3 : 1);
  const mobility = school.phase === 'PRU/AP' ? roll * 0.6 : roll * 0.03 + fsm * 0.1;
  return { looked_after: near(lookedAfter, roll, rng), mobility: near(mobility, roll, rng) };
}

/**
 * One year of census figures for the demo borough's schools: the real January 2019 census
 * counts already in the schools table (number on roll, SEN support, EHC plans, EAL, FSM),
 * with looked-after children and mobility generated and marked as demo values.
 */
export async function schoolFiguresDemo(
  trx: Transaction<Database>,
  { academicYear, importedBy }: { academicYear: number; importedBy: number | null },
): Promise<number> {
  const schools = await trx
    .selectFrom('schools')
    .select(['urn', 'phase', 'number_on_roll', 'sen_support_count', 'ehcp_count', 'eal_count', 'fsm_count'])
    .orderBy('urn')
    .execute();
  const rng = randomSource(2019);
  const rows: CensusRow[] = schools.map((school) => ({
    urn: school.urn,
    number_on_roll: school.number_on_roll,
    sen_support: school.sen_support_count,
    ehcp: school.ehcp_count,
    eal: school.eal_count,
    fsm: school.fsm_count,
    ...demoLookedAfterAndMobility(school, rng),
  }));
  await insertFigures(trx, schoolYearStarting(academicYear).key, rows, { importedBy, demoFields: DEMO_FIELDS });
  return rows.length;
}
