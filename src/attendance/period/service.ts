// The school year, the period in it and the schools an attendance page is about, from what the
// user asked for in the form at its top (./forms.ts) and the marks held.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { attendanceQueries } from '../measures/repository.ts';
import { storedSchoolYear } from '../rules.ts';
import { dashboardUrns, type AskedPeriod } from './forms.ts';
import { periodRepository } from './repository.ts';
import { checkChosenDates, isPeriodChoice, periodFor, type PeriodChoice } from './rules.ts';

/**
 * The school year (the newest with marks unless another is asked for), the period in it, and
 * the schools a page shows; undefined year before any marks.
 */
export async function choosePeriod(db: Db, clock: Clock, user: CurrentUser, asked: AskedPeriod) {
  const years = await attendanceQueries(db, clock).years();
  const year = years.find((each) => each === asked.year) ?? years[0];
  if (!year) return { years, year: undefined };
  const startYear = storedSchoolYear(year)!.start;
  const choice: PeriodChoice = isPeriodChoice(asked.period) ? asked.period : 'year';
  const halfTerms = await periodRepository(db).halfTerms();
  let period = periodFor(choice, startYear, clock.today(), halfTerms);
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  if (choice === 'dates') {
    const dates = checkChosenDates(startYear, asked.from ?? {}, asked.to ?? {});
    if (dates.ok) period = dates.period;
    else
      for (const problem of dates.problems) {
        errors.push({ text: problem.message, href: `#${problem.field}-${problem.part}` });
        fieldErrors[`${problem.field}-${problem.part}`] ??= { text: problem.message };
      }
  }
  const own = dashboardUrns(user);
  const schools = await periodRepository(db).schools(own);
  const school = schools.find((each) => String(each.urn) === asked.urn);
  return { years, year, choice, period, errors, fieldErrors, schools, school, urns: school ? [school.urn] : own };
}

export type ChosenPeriodPage = Awaited<ReturnType<typeof choosePeriod>>;
