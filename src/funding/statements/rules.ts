// One school's de-delegation statement for a funding year (Havering schools forum report
// 2024-25): every service's amount and the factors behind it (units × rate), the total and the
// same at the previous year's rates. A maintained school's amounts are de-delegated; an academy is never
// de-delegated, so its figures are what the service would cost it to buy back. School users see
// their own schools' statements only. Pure functions.
import { mayReadFunding } from '../../platform/policies.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { decisionFor, factorNameOf, forumPaper, type FundingYear } from '../papers/rules.ts';
import { PHASE_NAMES, formatPounds, unitsText, type Calculation } from '../rules.ts';
import { previousYearOf } from '../years/rules.ts';

/** The schools whose statements a user may see: every school for funding readers, otherwise their own. */
export function statementUrns(user: Pick<CurrentUser, 'roles' | 'schoolUrns'>): readonly number[] | undefined {
  return mayReadFunding(user.roles) ? undefined : user.schoolUrns;
}

export const maySeeStatement = (user: Pick<CurrentUser, 'roles' | 'schoolUrns'>, urn: number) =>
  statementUrns(user)?.includes(urn) ?? true;

const STATUS_NAMES = { maintained: 'Maintained', academy: 'Academy' } as const;

/** The schools of the year's data set a user may choose, by name. */
export function schoolChoices(year: FundingYear, user: Pick<CurrentUser, 'roles' | 'schoolUrns'>) {
  return year.schools
    .filter((school) => maySeeStatement(user, school.urn))
    .sort((a, b) => a.name.localeCompare(b.name) || a.urn - b.urn)
    .map((school) => ({
      urn: school.urn,
      name: school.name,
      phaseName: PHASE_NAMES[school.phase],
      statusName: STATUS_NAMES[school.status],
    }));
}

const withPence = (pence: number | null) => (pence === null ? '–' : formatPounds(pence, { pence: true }));

export const ACADEMY_NOTE = 'Academies are not de-delegated; this is what the service would cost to buy back.';

/** A school's statement, or undefined when the school is not in the year's data set. */
export function schoolStatement(year: FundingYear, calculation: Calculation, urn: number) {
  const school = year.schools.find((each) => each.urn === urn);
  if (!school) return undefined;
  const academy = school.status === 'academy';
  const amounts = academy ? calculation.buyBack : calculation.amounts;
  const services = forumPaper(year, calculation).flatMap((paper) => {
    const amount = amounts.find((each) => each.urn === urn && each.service === paper.key);
    const service = year.services.find((each) => each.key === paper.key);
    if (!amount || !service) return [];
    return [
      {
        key: paper.key,
        name: paper.name,
        pence: amount.pence,
        previousPence: amount.previousPence,
        amount: withPence(amount.pence),
        previous: withPence(amount.previousPence),
        decision: decisionFor(service, school.phase),
        lines: amount.lines.map((line) => ({
          factor: factorNameOf(year, line.factor),
          units: unitsText(line.units),
          rate: withPence(line.ratePence),
          amount: withPence(line.pence),
        })),
      },
    ];
  });
  const total = services.reduce((sum, service) => sum + service.pence, 0);
  const previousTotal = services.reduce((sum, service) => sum + (service.previousPence ?? 0), 0);
  return {
    urn: school.urn,
    name: school.name,
    phaseName: PHASE_NAMES[school.phase],
    statusName: STATUS_NAMES[school.status],
    academy,
    previousYear: previousYearOf(year.year),
    services,
    total: withPence(total),
    totalPence: total,
    previousTotal: withPence(previousTotal),
    /** Some service had no rate the year before, so the previous total leaves it out. */
    previousPartial: services.some((service) => service.previousPence === null),
  };
}
export type SchoolStatement = NonNullable<ReturnType<typeof schoolStatement>>;
