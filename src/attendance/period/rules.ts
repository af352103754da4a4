// The periods the attendance pages offer (year to date, term, half term, week): the
// school year to date, this term, this half term, last week, or dates the user chooses within
// one school year. The calendar holds half terms (Autumn 1, Autumn 2 …); a term is the half terms
// of one season together. Pure functions.
import type { TermPeriod } from '../../platform/calendar/calendar.ts';
import { checkDateParts, formatIsoDate, type DateParts } from '../../platform/date-input.ts';
import { mondayOf } from '../measures/repository.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';

export const PERIOD_CHOICES = [
  { value: 'year', text: 'School year to date' },
  { value: 'term', text: 'This term' },
  { value: 'half-term', text: 'This half term' },
  { value: 'week', text: 'Last week' },
  { value: 'dates', text: 'Dates you choose' },
] as const;

export type PeriodChoice = (typeof PERIOD_CHOICES)[number]['value'];

export function isPeriodChoice(value: unknown): value is PeriodChoice {
  return PERIOD_CHOICES.some((choice) => choice.value === value);
}

export interface ChosenPeriod {
  startYear: number;
  from: string;
  to: string;
  label: string;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The season a half term belongs to, from the month it starts: autumn from August, spring from January, summer from April. */
function seasonOf(startsOn: string): 'Autumn' | 'Spring' | 'Summer' {
  const month = Number(startsOn.slice(5, 7));
  return month >= 8 ? 'Autumn' : month <= 3 ? 'Spring' : 'Summer';
}

/** The terms of the calendar: consecutive half terms of the same season joined, named like 'Autumn term 2026'. */
export function termsOf(halfTerms: readonly TermPeriod[]): TermPeriod[] {
  const terms: TermPeriod[] = [];
  for (const half of [...halfTerms].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
    const name = `${seasonOf(half.startsOn)} term ${half.startsOn.slice(0, 4)}`;
    const last = terms.at(-1);
    if (last?.name === name) last.endsOn = half.endsOn > last.endsOn ? half.endsOn : last.endsOn;
    else terms.push({ name, startsOn: half.startsOn, endsOn: half.endsOn });
  }
  return terms;
}

/** The period in `periods` that `end` falls in, or the last one before it, within the school year; ends no later than `end`. */
function periodAt(periods: readonly TermPeriod[], startYear: number, end: string): ChosenPeriod | undefined {
  const year = schoolYearStarting(startYear);
  const started = periods.filter(
    (period) => period.startsOn >= year.from && period.endsOn <= year.to && period.startsOn <= end,
  );
  const period = started.find((each) => each.startsOn <= end && end <= each.endsOn) ?? started.at(-1);
  return (
    period && { startYear, from: period.startsOn, to: period.endsOn < end ? period.endsOn : end, label: period.name }
  );
}

/**
 * The period for a choice in the school year starting in `startYear`, seen on `today`. A term,
 * half term or week the year does not have yet gives the year to date; 'dates' is checked by
 * `checkChosenDates` and gives the year here.
 */
export function periodFor(
  choice: PeriodChoice,
  startYear: number,
  today: string,
  halfTerms: readonly TermPeriod[],
): ChosenPeriod {
  const year = schoolYearStarting(startYear);
  const end = today < year.to ? today : year.to;
  const found =
    choice === 'term'
      ? periodAt(termsOf(halfTerms), startYear, end)
      : choice === 'half-term'
        ? periodAt(halfTerms, startYear, end)
        : undefined;
  if (found) return found;
  if (choice === 'week') {
    const monday = addDays(mondayOf(end), -7);
    if (monday >= year.from)
      return { startYear, from: monday, to: addDays(monday, 6), label: `Week beginning ${formatIsoDate(monday)}` };
  }
  return {
    startYear,
    from: year.from,
    to: end,
    label: end === year.to ? 'The whole school year' : 'School year to date',
  };
}

export interface DatesProblem {
  field: 'from' | 'to';
  part: keyof DateParts;
  message: string;
}

/**
 * The dates a user chose, checked: each a real date within the school year, and the end on or
 * after the start. Gives the period, or every problem with the box it belongs to.
 */
export function checkChosenDates(
  startYear: number,
  from: Partial<DateParts>,
  to: Partial<DateParts>,
): { ok: true; period: ChosenPeriod } | { ok: false; problems: DatesProblem[] } {
  const year = schoolYearStarting(startYear);
  const within = { earliest: year.from, latest: year.to };
  const problems: DatesProblem[] = [];
  const yearNamed = (message: string) =>
    message.includes('same as') ? `${message} (the ${schoolYearStarting(startYear).label} school year)` : message;
  const start = checkDateParts(from, 'start date', within);
  const end = checkDateParts(to, 'end date', within);
  if (!start.ok) problems.push({ field: 'from', part: start.parts[0], message: yearNamed(start.message) });
  if (!end.ok) problems.push({ field: 'to', part: end.parts[0], message: yearNamed(end.message) });
  if (start.ok && end.ok && end.date < start.date)
    problems.push({ field: 'to', part: 'day', message: 'End date must be the same as or after the start date' });
  if (!start.ok || !end.ok || problems.length) return { ok: false, problems };
  return {
    ok: true,
    period: {
      startYear,
      from: start.date,
      to: end.date,
      label: `${formatIsoDate(start.date)} to ${formatIsoDate(end.date)}`,
    },
  };
}
