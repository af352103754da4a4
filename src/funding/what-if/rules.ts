// What if (Havering schools forum report 2024-25): the finance officer changes rates, or one
// school's units for one factor, and sees every service's total, its lowest, median and highest
// amount per school, and the changed school's amounts move, before anything is saved. Nothing
// here writes: the figures are worked out from the year as loaded with the changes laid over it.
// Pure functions.
import { PHASE_NAMES, calculate, unitsText, formatPounds, type Calculation, type SchoolAmount } from '../rules.ts';
import { factorNameOf, forumPaper, type FundingYear } from '../papers/rules.ts';
import { rateFieldId, rateFields, type SchoolChange, type WhatIfChange } from './forms.ts';

const money = (pence: number | null) => (pence === null ? '–' : formatPounds(pence, { pence: true }));
const changeOf = (before: number, after: number) =>
  after === before ? 'No change' : `${after > before ? '+' : ''}${money(after - before)}`;

/** The year's schools with the one school's units changed. */
function withSchoolChange(year: FundingYear, change: SchoolChange | undefined) {
  if (!change) return year.schools;
  return year.schools.map((school) =>
    school.urn === change.urn ? { ...school, units: { ...school.units, [change.factor]: change.units } } : school,
  );
}

function schoolAmounts(calculation: Calculation, urn: number): SchoolAmount[] {
  return [...calculation.amounts, ...calculation.buyBack].filter((amount) => amount.urn === urn);
}

/** The year's figures before and after the change, side by side. Saves nothing. */
export function whatIf(year: FundingYear, change: WhatIfChange) {
  const before = calculate(year.schools, year.rates);
  const after = calculate(withSchoolChange(year, change.school), change.rates);
  const services = forumPaper(year, before);
  const summaries = services.flatMap((service) =>
    service.phases.map(({ phase, summary }) => {
      const next = after.summary.find((each) => each.service === service.key && each.phase === phase) ?? summary;
      const figure = (pick: (s: typeof summary) => number) => ({
        before: money(pick(summary)),
        after: money(pick(next)),
        changed: pick(summary) !== pick(next),
      });
      return {
        serviceName: service.name,
        phaseName: PHASE_NAMES[phase],
        total: { ...figure((s) => s.totalPence), change: changeOf(summary.totalPence, next.totalPence) },
        lowest: figure((s) => s.lowestPence),
        median: figure((s) => s.medianPence),
        highest: figure((s) => s.highestPence),
      };
    }),
  );
  const changedRates = rateFields(year)
    .flatMap((group) => group.fields)
    .flatMap((field) => {
      const next = change.rates.find((rate) => rateFieldId(rate) === field.id);
      return next && next.ratePence !== field.rate.ratePence
        ? [{ label: field.label, before: money(field.rate.ratePence), after: money(next.ratePence) }]
        : [];
    });
  return { summaries, changedRates, school: change.school && schoolMoves(year, before, after, change.school) };
}

/** The changed school's units and its amount for each service, before → after. */
function schoolMoves(year: FundingYear, before: Calculation, after: Calculation, change: SchoolChange) {
  const school = year.schools.find((each) => each.urn === change.urn)!;
  const previous = schoolAmounts(before, change.urn);
  const next = schoolAmounts(after, change.urn);
  const services = forumPaper(year, before).flatMap((service) => {
    const was = previous.find((amount) => amount.service === service.key);
    const now = next.find((amount) => amount.service === service.key);
    return was && now
      ? [
          {
            name: service.name,
            before: money(was.pence),
            after: money(now.pence),
            change: changeOf(was.pence, now.pence),
          },
        ]
      : [];
  });
  const sum = (amounts: SchoolAmount[]) => amounts.reduce((total, amount) => total + amount.pence, 0);
  return {
    urn: school.urn,
    name: school.name,
    academy: school.status === 'academy',
    factorName: factorNameOf(year, change.factor),
    unitsBefore: unitsText(school.units[change.factor] ?? 0),
    unitsAfter: unitsText(change.units),
    services,
    total: { before: money(sum(previous)), after: money(sum(next)), change: changeOf(sum(previous), sum(next)) },
  };
}
export type WhatIfResult = ReturnType<typeof whatIf>;
