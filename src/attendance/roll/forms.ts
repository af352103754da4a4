// The pupil roll file a school (or the attendance officer) imports for an academic year, so the
// attendance and suspension measures can be split by year group, SEN, free school meals and
// English as an additional language. Read as every import reads a file
// (src/platform/csv-import.ts): a header row, then one pupil a row; one bad row refuses the
// whole file with every problem named by row and column. Pure functions.
import { checkRows, parseCsvTable, type Check, type ImportProblem, type TableSpec } from '../../platform/csv-import.ts';
import type { Scope } from '../../platform/roles.ts';
import { parseDateOfBirth, parseRequiredUpn, parseSchool, parseYesNo } from '../records/forms.ts';

export const ROLL_COLUMNS = [
  'upn',
  'first_name',
  'last_name',
  'date_of_birth',
  'urn',
  'year_group',
  'sen',
  'fsm',
  'eal',
] as const;
export type RollColumn = (typeof ROLL_COLUMNS)[number];
const TABLE: TableSpec<RollColumn> = {
  columns: ROLL_COLUMNS,
  required: ROLL_COLUMNS,
  aliases: { school_urn: 'urn', dob: 'date_of_birth', ncyear: 'year_group' },
};

/** National curriculum year groups: nursery (N1, N2), reception (R) and years 1 to 13. */
export const YEAR_GROUPS = [
  'N1',
  'N2',
  'R',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];

/** The school census's SEN provision codes: N no SEN, K SEN support, E education, health and care plan. */
export const SEN_CODES = { N: 'No special educational needs', K: 'SEN support', E: 'EHC plan' } as const;
export type SenCode = keyof typeof SEN_CODES;

const MAX_NAME_LENGTH = 100;

export interface RollRow {
  upn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  urn: number;
  yearGroup: YearGroup;
  sen: SenCode;
  fsm: boolean;
  eal: boolean;
}

export type RollResult = { ok: true; rows: RollRow[] } | { ok: false; problems: ImportProblem<RollColumn>[] };

/** 'R', 'N1', '1' … '13'; also 'Reception', 'Year 7' or 'Y7'. */
export function parseYearGroup(value: string): Check<YearGroup> {
  const text = value
    .trim()
    .toUpperCase()
    .replace(/^(YEAR|Y)\s*/, '');
  const group = text === 'RECEPTION' ? 'R' : String(/^\d+$/.test(text) ? Number(text) : text);
  return (YEAR_GROUPS as readonly string[]).includes(group)
    ? { ok: true, value: group as YearGroup }
    : { ok: false, message: 'enter the year group as R, 1 to 13, N1 or N2' };
}

export function parseSen(value: string): Check<SenCode> {
  const code = value.trim().toUpperCase();
  return code in SEN_CODES
    ? { ok: true, value: code as SenCode }
    : { ok: false, message: 'enter N (no SEN), K (SEN support) or E (EHC plan)' };
}

function parseName(value: string, which: string): Check<string> {
  if (!value) return { ok: false, message: `enter the pupil’s ${which} name` };
  if (value.length > MAX_NAME_LENGTH)
    return { ok: false, message: `the ${which} name must be ${MAX_NAME_LENGTH} characters or fewer` };
  return { ok: true, value };
}

/**
 * Reads and checks a roll file: every pupil, or every problem. Schools must be the authority's
 * (`known`) and the user's (`scope`); a pupil appears once per school.
 */
export function parseRollCsv(
  input: Buffer | string,
  { known, scope, today }: { known: ReadonlySet<number>; scope: Scope; today: string },
): RollResult {
  const table = parseCsvTable(input, TABLE);
  if (!table.ok) return table;
  const seen = new Map<string, number>();
  return checkRows(table.rows, ({ row, cell }, take, problem): RollRow => {
    const upn = take('upn', parseRequiredUpn(cell('upn')));
    const urn = take('urn', parseSchool(cell('urn'), known, scope));
    if (upn !== undefined && urn !== undefined) {
      const key = `${urn}:${upn}`;
      if (seen.has(key)) problem('upn', `this pupil is already in row ${seen.get(key)} for the same school`);
      else seen.set(key, row);
    }
    return {
      upn,
      firstName: take('first_name', parseName(cell('first_name'), 'first')),
      lastName: take('last_name', parseName(cell('last_name'), 'last')),
      dateOfBirth: take('date_of_birth', parseDateOfBirth(cell('date_of_birth'), today)),
      urn,
      yearGroup: take('year_group', parseYearGroup(cell('year_group'))),
      sen: take('sen', parseSen(cell('sen'))),
      fsm: take('fsm', parseYesNo(cell('fsm'), 'fsm')),
      eal: take('eal', parseYesNo(cell('eal'), 'eal')),
    };
  });
}
