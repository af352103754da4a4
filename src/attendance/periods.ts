// The periods the dashboards offer: the school year to date, the term, last week, or any dates
// within one school year. Pure functions.
import type { TermPeriod } from '../platform/calendar/calendar.ts';
import { mondayOf } from './queries.ts';
import { schoolYearBounds } from './sessions.ts';

export const PERIOD_CHOICES = [
  { value: 'year', text: 'School year to date' },
  { value: 'term', text: 'This term' },
  { value: 'week', text: 'Last week' },
] as const;

export type PeriodChoice = (typeof PERIOD_CHOICES)[number]['value'];

export interface ChosenPeriod {
  startYear: number;
  from: string;
  to: string;
  label: string;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The period for a choice in the school year starting in `startYear`, seen on `today`. */
export function periodFor(choice: PeriodChoice, startYear: number, today: string, terms: readonly TermPeriod[]): ChosenPeriod {
  const year = schoolYearBounds(startYear);
  const end = today < year.to ? today : year.to;
  if (choice === 'term') {
    const inYear = terms.filter((term) => term.startsOn >= year.from && term.endsOn <= year.to && term.startsOn <= end);
    const term = inYear.find((each) => each.startsOn <= end && end <= each.endsOn) ?? inYear.at(-1);
    if (term) return { startYear, from: term.startsOn, to: term.endsOn < end ? term.endsOn : end, label: term.name };
  }
  if (choice === 'week') {
    const monday = addDays(mondayOf(end), -7);
    if (monday >= year.from) return { startYear, from: monday, to: addDays(monday, 6), label: `Week beginning ${monday}` };
  }
  return { startYear, from: year.from, to: end, label: end === year.to ? 'The whole school year' : 'School year to date' };
}
