// Suspensions and permanent exclusions as a school or the attendance officer records them: the
// CSV file (`upn,urn,start_date,sessions,kind,reason`, read as every import reads a file, one bad
// row refusing the whole file) and the form. Both check the same things. Pure functions.
import { z } from 'zod';
import { checkRows, parseCsvTable, type Check, type ImportProblem, type TableSpec } from '../../platform/csv-import.ts';
import { dateInput } from '../../platform/date-input.ts';
import type { Scope } from '../../platform/roles.ts';
import { parseDate, parseRequiredUpn, parseSchool } from '../records/forms.ts';
import { MAX_SESSIONS, kindOf, reasonOf, type Kind, type ReasonCode } from './rules.ts';

export const SUSPENSION_COLUMNS = ['upn', 'urn', 'start_date', 'sessions', 'kind', 'reason'] as const;
export type SuspensionColumn = (typeof SUSPENSION_COLUMNS)[number];
const TABLE: TableSpec<SuspensionColumn> = {
  columns: SUSPENSION_COLUMNS,
  required: SUSPENSION_COLUMNS,
  aliases: { school_urn: 'urn', category: 'reason' },
};

export interface SuspensionInput {
  upn: string;
  urn: number;
  startDate: string;
  sessions: number;
  kind: Kind;
  reason: ReasonCode;
}

export type SuspensionsResult =
  { ok: true; rows: SuspensionInput[] } | { ok: false; problems: ImportProblem<SuspensionColumn>[] };

/** A whole number of sessions (half days) from 1 to 90. */
export function parseSessions(value: string): Check<number> {
  const text = value.trim();
  if (!/^\d+$/.test(text))
    return { ok: false, message: 'enter the number of sessions as a whole number, like 2 for one day' };
  const sessions = Number(text);
  if (sessions < 1 || sessions > MAX_SESSIONS)
    return { ok: false, message: `enter a number of sessions from 1 to ${MAX_SESSIONS}` };
  return { ok: true, value: sessions };
}

export function parseKind(value: string): Check<Kind> {
  const kind = kindOf(value);
  return kind ? { ok: true, value: kind } : { ok: false, message: 'enter suspension or permanent exclusion' };
}

export function parseReason(value: string): Check<ReasonCode> {
  const reason = reasonOf(value);
  return reason
    ? { ok: true, value: reason }
    : { ok: false, message: 'enter one of the DfE’s reason codes, like DB for persistent disruptive behaviour' };
}

/** A start date from 2000 and no later than `today`. */
function parseStartDate(value: string, today: string): Check<string> {
  const date = parseDate(value);
  if (date.ok && date.value > today) return { ok: false, message: 'the start date must be today or in the past' };
  return date;
}

/** Reads and checks a suspensions file: every row, or every problem. */
export function parseSuspensionsCsv(
  input: Buffer | string,
  { known, scope, today }: { known: ReadonlySet<number>; scope: Scope; today: string },
): SuspensionsResult {
  const table = parseCsvTable(input, TABLE);
  if (!table.ok) return table;
  const seen = new Map<string, number>();
  return checkRows(table.rows, ({ row, cell }, take, problem): SuspensionInput => {
    const input = {
      upn: take('upn', parseRequiredUpn(cell('upn'))),
      urn: take('urn', parseSchool(cell('urn'), known, scope)),
      startDate: take('start_date', parseStartDate(cell('start_date'), today)),
      sessions: take('sessions', parseSessions(cell('sessions'))),
      kind: take('kind', parseKind(cell('kind'))),
      reason: take('reason', parseReason(cell('reason'))),
    };
    if (Object.values(input).every((value) => value !== undefined)) {
      const key = [input.upn, input.urn, input.startDate, input.kind].join(':');
      if (seen.has(key))
        problem(
          'start_date',
          `the same ${input.kind === 'suspension' ? 'suspension' : 'permanent exclusion'} is already in row ${seen.get(key)}`,
        );
      else seen.set(key, row);
    }
    return input;
  });
}

const capitalised = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** A form field checked by one of the file's checks, with the message in a sentence. */
function checked<T>(check: (value: string) => Check<T>) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const result = check(value ?? '');
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: capitalised(result.message) });
      return z.NEVER;
    });
}

/** The form: the same checks as the file, with GOV.UK messages. */
export function suspensionFormSchema({
  known,
  scope,
  today,
}: {
  known: ReadonlySet<number>;
  scope: Scope;
  today: string;
}) {
  return z.object({
    upn: checked(parseRequiredUpn),
    urn: checked((value) => (value ? parseSchool(value, known, scope) : { ok: false, message: 'select the school' })),
    kind: checked((value) =>
      value ? parseKind(value) : { ok: false, message: 'select suspension or permanent exclusion' },
    ),
    startDate: dateInput('start date', { earliest: '2000-01-01', latest: today }),
    sessions: checked(parseSessions),
    reason: checked((value) => (value ? parseReason(value) : { ok: false, message: 'select the reason' })),
  });
}
