// The demo borough's contingency fund for a funding year: £190,000, the contingency total the
// forum paper prints for 2024-25 (Havering schools forum report 2024-25), and six applications from the authority's maintained
// primaries (the first six by URN, so the same every time). Two are agreed at the allocation the
// rule proposed, one is declined, three wait for a decision; the first school became an academy
// on 1 September with its agreed allocation standing, as the Havering schools forum report 2024-25 says it should.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { fundPosition, type Application } from './rules.ts';

/** The contingency total printed for 2024-25 (Havering schools forum report 2024-25: "Total £190,000"). */
export const DEMO_FUND_PENCE = 19_000_000;

/** Deficit brought forward, amount asked for and evidence, in pence, for the first six maintained primaries. */
const APPLICATIONS: [number, number, string][] = [
  [
    24_860_000,
    24_860_000,
    'Falling rolls and a staffing structure set for two forms of entry. Three-year recovery plan agreed with the authority’s finance team.',
  ],
  [
    9_635_000,
    1_000_000,
    'Energy costs doubled after the fixed-price contract ended. Asking only for what the recovery plan cannot meet this year.',
  ],
  [31_120_000, 31_120_000, 'Deficit carried from the rebuild of the kitchen, met from the school’s own budget.'],
  [15_430_000, 15_430_000, 'Pay awards above the budgeted 3% and a rise in pupils with high needs awaiting plans.'],
  [42_175_000, 42_175_000, 'Long-term staff absence covered by agency supply for two terms.'],
  [6_980_000, 6_980_000, 'Unfunded support for pupils with complex needs while assessments are completed.'],
];
const AGREED = [0, 1];
const DECLINED = 2;
const CONVERTED = 0;
const DECLINE_REASON =
  'The deficit comes from a building project the governors chose to fund, not from difficulty setting a balanced budget.';

const yearStart = (year: string) => Number(year.slice(0, 4));

export async function seedContingencyDemo(trx: Kysely<Database>, { year }: { year: string }): Promise<void> {
  const officer = await trx
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`'finance_officer' = any(roles)`)
    .orderBy('id')
    .executeTakeFirst();
  const decidedBy = officer?.id ?? null;
  await trx
    .insertInto('funding_years')
    .values({ label: year })
    .onConflict((oc) => oc.column('label').doNothing())
    .execute();
  await trx
    .insertInto('funding_contingency_funds')
    .values({ year, fund_pence: DEMO_FUND_PENCE, set_by: decidedBy })
    .execute();

  const schools = await trx
    .selectFrom('schools')
    .select('urn')
    .where('maintained', '=', true)
    .where('phase', '=', 'Primary')
    .orderBy('urn')
    .limit(APPLICATIONS.length)
    .execute();
  const rows = await trx
    .insertInto('funding_contingency_applications')
    .values(
      schools.map((school, index) => ({
        year,
        urn: school.urn,
        deficit_pence: APPLICATIONS[index][0],
        asked_pence: APPLICATIONS[index][1],
        evidence: APPLICATIONS[index][2],
        applied_at: new Date(Date.UTC(yearStart(year), 3, 15 + index, 9)),
      })),
    )
    .returning(['id', 'deficit_pence', 'asked_pence'])
    .execute();

  // Each agreement at the allocation the rule proposed at the time, one after the other.
  const applications: Application[] = rows.map((row) => ({
    id: row.id,
    deficitPence: Number(row.deficit_pence),
    askedPence: Number(row.asked_pence),
    status: 'submitted',
    allocatedPence: null,
  }));
  const decidedAt = new Date(Date.UTC(yearStart(year), 5, 20, 15));
  for (const index of AGREED) {
    const allocated = fundPosition(DEMO_FUND_PENCE, applications).shares.proposals.get(applications[index].id) ?? 0;
    applications[index] = { ...applications[index], status: 'agreed', allocatedPence: allocated };
    await trx
      .updateTable('funding_contingency_applications')
      .set({
        status: 'agreed',
        allocated_pence: allocated,
        decided_by: decidedBy,
        decided_at: decidedAt,
        converted_to_academy_on: index === CONVERTED ? `${yearStart(year)}-09-01` : null,
      })
      .where('id', '=', applications[index].id)
      .execute();
  }
  await trx
    .updateTable('funding_contingency_applications')
    .set({ status: 'declined', decision_note: DECLINE_REASON, decided_by: decidedBy, decided_at: decidedAt })
    .where('id', '=', applications[DECLINED].id)
    .execute();
}
