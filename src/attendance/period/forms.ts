// What the attendance pages are about, as the user chose it in the form at their top: a school
// year, a period in it (or dates of their own) and one school or all of theirs. A school user
// chooses among their own schools only; dates that are not real, or not in the school year, are
// named in an error summary and the page shows the school year to date meanwhile.
import type { Request, Response } from 'express';
import { DATE_PARTS, dateInputView, type DateParts } from '../../platform/date-input.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { seesOwnSchoolsOnly } from '../../platform/policies.ts';
import { PERIOD_CHOICES } from './rules.ts';
import { storedSchoolYear } from '../rules.ts';
import type { ChosenPeriodPage } from './service.ts';

export interface AskedPeriod {
  year?: string;
  period?: string;
  urn?: string;
  from?: Partial<DateParts>;
  to?: Partial<DateParts>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The choice in a page's query string. */
export function askedPeriod(req: Request): AskedPeriod {
  const parts = (name: string) =>
    Object.fromEntries(DATE_PARTS.map((part) => [part, text(req.query[`${name}-${part}`]) ?? ''])) as DateParts;
  return {
    year: text(req.query.year),
    period: text(req.query.period),
    urn: text(req.query.urn),
    from: parts('from'),
    to: parts('to'),
  };
}

/** The schools a user's pages cover: their own for a school user, every school otherwise. */
export function dashboardUrns(user: CurrentUser): number[] | undefined {
  return seesOwnSchoolsOnly(user.roles) ? user.schoolUrns : undefined;
}

type Chosen = ChosenPeriodPage;

/** The query string that shows the same choice again, for links and downloads. */
export function periodQuery(chosen: Chosen, extra: Record<string, string> = {}): string {
  if (!chosen.year) return new URLSearchParams(extra).toString();
  const params: Record<string, string> = { year: chosen.year, period: chosen.choice };
  if (chosen.choice === 'dates' && !chosen.errors.length) {
    const [from, to] = [chosen.period.from, chosen.period.to].map((iso) => iso.split('-'));
    Object.assign(params, {
      'from-day': from[2],
      'from-month': from[1],
      'from-year': from[0],
      'to-day': to[2],
      'to-month': to[1],
      'to-year': to[0],
    });
  }
  if (chosen.school) params.urn = String(chosen.school.urn);
  return new URLSearchParams({ ...params, ...extra }).toString();
}

/** The form's items: periods, school years, schools and the two date inputs with what was typed. */
export function periodFormView(chosen: Chosen, asked: AskedPeriod) {
  if (!chosen.year) return {};
  const typed: Record<string, string> = {};
  for (const part of DATE_PARTS) {
    typed[`from-${part}`] = asked.from?.[part] ?? '';
    typed[`to-${part}`] = asked.to?.[part] ?? '';
  }
  return {
    errors: chosen.errors.length ? chosen.errors : undefined,
    periodQuery: periodQuery(chosen),
    allSchoolsQuery: periodQuery(chosen, { urn: '' }),
    /** The same choice for one school. */
    schoolQuery: (urn: number) => periodQuery(chosen, { urn: String(urn) }),
    periodItems: PERIOD_CHOICES.map((each) => ({
      value: each.value,
      text: each.text,
      checked: each.value === chosen.choice,
    })),
    /** The school year as pages name it, '2026 to 2027'. */
    yearLabel: storedSchoolYear(chosen.year)?.label ?? chosen.year,
    yearItems: chosen.years.map((year) => ({
      value: year,
      text: storedSchoolYear(year)?.label ?? year,
      selected: year === chosen.year,
    })),
    schoolItems:
      chosen.schools.length > 1
        ? [
            { value: '', text: 'All schools' },
            ...chosen.schools.map((school) => ({
              value: String(school.urn),
              text: school.name ?? `URN ${school.urn}`,
              selected: school.urn === chosen.school?.urn,
            })),
          ]
        : undefined,
    fromDate: dateInputView('from', typed, chosen.fieldErrors),
    toDate: dateInputView('to', typed, chosen.fieldErrors),
  };
}

/** The page's heading: the school chosen, a school user's own schools, or the authority. */
function scopeName(chosen: Chosen, user: CurrentUser) {
  if (chosen.school) return chosen.school.name ?? `URN ${chosen.school.urn}`;
  return dashboardUrns(user)
    ? chosen.schools?.length === 1
      ? (chosen.schools[0].name ?? 'Your school')
      : 'Your schools'
    : 'All schools';
}

/** What every page with the period form shows around its own figures. */
export function periodPage(req: Request, res: Response, chosen: Chosen) {
  return { ...periodFormView(chosen, askedPeriod(req)), scopeName: scopeName(chosen, res.locals.user) };
}
