// The values every attendance record file and form shares: a pupil's UPN, a school the user may
// record for, and a date. Also who sees which schools' records: attendance officers and analysts
// see every school, a school user only their own. Pure functions.
import { z } from 'zod';
import { schoolYearNamed } from '../../platform/school-year.ts';
import type { Check } from '../../platform/csv-import.ts';
import { isValidUpn } from '../../children/rules.ts';
import { seesEverySchoolsRecords } from '../../platform/policies.ts';
import { scopeOf, type CurrentUser, type Scope } from '../../platform/roles.ts';
import { parseUrn } from '../../schools/figures/forms.ts';
import { parseDateOfBirth } from '../../platform/date-of-birth.ts';

export { parseDateOfBirth };

/** The schools whose records a user sees: all for attendance officers and analysts, else their own. */
export function recordsScope(user: CurrentUser): Scope {
  return seesEverySchoolsRecords(user.roles) ? { kind: 'all' } : scopeOf(user);
}

export const inScopeUrn = (scope: Scope, urn: number) => scope.kind === 'all' || scope.urns.includes(urn);

export const NOT_YOUR_SCHOOL = 'you can only record pupils at your own schools';

/** A UPN, stored in capitals without spaces: 13 characters with a correct check letter. */
export function parseRequiredUpn(value: string): Check<string> {
  if (!value.trim()) return { ok: false, message: 'enter the pupil’s UPN' };
  const upn = value.replace(/\s/g, '').toUpperCase();
  return isValidUpn(upn)
    ? { ok: true, value: upn }
    : { ok: false, message: 'enter a real UPN (13 characters with a correct check letter)' };
}

/** A school of the authority that the user may record for, by its 6-digit URN. */
export function parseSchool(value: string, known: ReadonlySet<number>, scope: Scope): Check<number> {
  const urn = parseUrn(value.trim());
  if (!urn.ok) return urn;
  if (!known.has(urn.value)) return { ok: false, message: `no school with URN ${urn.value} in this authority` };
  if (!inScopeUrn(scope, urn.value)) return { ok: false, message: NOT_YOUR_SCHOOL };
  return urn;
}

const EXAMPLE = '2026-09-14';

/** A real date as YYYY-MM-DD or DD/MM/YYYY, from 2000 on. */
export function parseDate(value: string): Check<string> {
  if (!value.trim()) return { ok: false, message: 'enter a date' };
  // The date-of-birth reader knows both spellings; any date up to 9999 is in its past.
  const read = parseDateOfBirth(value.trim(), '9999-12-31');
  if (!read.ok) return { ok: false, message: read.message.replace('enter a date of birth', 'enter a date') };
  if (read.value < '2000-01-01') return { ok: false, message: `enter a date from 2000 on, like ${EXAMPLE}` };
  return read;
}

/** 'Y' or 'N' (also yes, no, true, false, 1 or 0, any case). */
export function parseYesNo(value: string, column: string): Check<boolean> {
  const answer = value.trim().toLowerCase();
  if (['y', 'yes', 'true', '1'].includes(answer)) return { ok: true, value: true };
  if (['n', 'no', 'false', '0'].includes(answer)) return { ok: true, value: false };
  return { ok: false, message: `enter Y or N for ${column}` };
}

const YEAR_MESSAGE = 'Enter the academic year like 2026/27';

/** A school year as '2026/27' or '2026 to 2027', given in its stored form '2026/27'. */
export const academicYearField = z
  .string({ error: YEAR_MESSAGE })
  .trim()
  .transform((value, ctx) => {
    const year = schoolYearNamed(value);
    if (year) return year.key;
    ctx.addIssue({ code: 'custom', message: YEAR_MESSAGE });
    return z.NEVER;
  });
