// Importing term dates from a CSV file: one row per term with the columns `term name`,
// `start date` and `end date` (dates like 2026-09-03 or 03/09/2026). The same rules as the form:
// a name of 1 to 100 characters, the end on or after the start, no term overlapping another
// (in the file or already saved) and no two terms with one name. All or nothing, in one
// transaction with one audit entry; a file with any problem saves nothing and lists every
// problem by row and column.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { checkRows, parseCsvTable, type Check, type ImportProblem, type TableSpec } from '../csv-import.ts';
import { formatIsoDate } from '../date-input.ts';
import type { TermPeriod } from './calendar.ts';

export const TERM_COLUMNS = ['term_name', 'start_date', 'end_date'] as const;
type Column = (typeof TERM_COLUMNS)[number];

/** The most terms one file may hold (40 school years of six terms). */
export const MAX_TERMS_IN_FILE = 240;

const SPEC: TableSpec<Column> = {
  columns: TERM_COLUMNS,
  required: TERM_COLUMNS,
  aliases: {
    name: 'term_name',
    term: 'term_name',
    start: 'start_date',
    starts_on: 'start_date',
    end: 'end_date',
    ends_on: 'end_date',
  },
};

function termDate(text: string): Check<string> {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const british = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : british
      ? [british[3], british[2]!.padStart(2, '0'), british[1]!.padStart(2, '0')]
      : [];
  const value = `${year}-${month}-${day}`;
  const real =
    year !== undefined &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!real) return { ok: false, message: `‘${text}’ is not a date: write it like 2026-09-03 or 03/09/2026` };
  if (value < '2000-01-01' || value > '2099-12-31')
    return { ok: false, message: 'the date must be between 2000 and 2099' };
  return { ok: true, value };
}

function termName(text: string): Check<string> {
  if (text === '') return { ok: false, message: 'enter the name of the term' };
  if (text.length > 100) return { ok: false, message: 'the name of the term must be 100 characters or fewer' };
  return { ok: true, value: text };
}

const overlaps = (a: TermPeriod, b: TermPeriod) => a.startsOn <= b.endsOn && a.endsOn >= b.startsOn;
const period = (term: TermPeriod) => `${term.name} (${formatIsoDate(term.startsOn)} to ${formatIsoDate(term.endsOn)})`;

export type TermsImport = { ok: true; terms: TermPeriod[] } | { ok: false; problems: ImportProblem[] };

/** Reads the file and, if every row is good, saves its terms. */
export async function importTermsFile(db: Db, actor: Actor, file: Buffer): Promise<TermsImport> {
  const table = parseCsvTable(file, SPEC);
  if (!table.ok) return table;
  if (table.rows.length > MAX_TERMS_IN_FILE)
    return { ok: false, problems: [{ message: `The file must have ${MAX_TERMS_IN_FILE} terms or fewer` }] };
  const read = checkRows(table.rows, (row, take, problem) => {
    const term = {
      row: row.row,
      name: take('term_name', termName(row.cell('term_name'))),
      startsOn: take('start_date', termDate(row.cell('start_date'))),
      endsOn: take('end_date', termDate(row.cell('end_date'))),
    };
    if (term.startsOn && term.endsOn && term.endsOn < term.startsOn)
      problem('end_date', 'the end date must be the same as or after the start date');
    return term;
  });
  if (!read.ok) return read;
  return db.transaction().execute(async (trx): Promise<TermsImport> => {
    // One change to term dates at a time, as the form does.
    await sql`lock table term_periods in share row exclusive mode`.execute(trx);
    const saved = (await trx.selectFrom('term_periods').select(['name', 'starts_on', 'ends_on']).execute()).map(
      (term) => ({ name: term.name, startsOn: term.starts_on, endsOn: term.ends_on }),
    );
    const problems: ImportProblem[] = [];
    read.rows.forEach((term, index) => {
      const earlier = read.rows.slice(0, index);
      const clash = saved.find((other) => overlaps(term, other)) ?? earlier.find((other) => overlaps(term, other));
      if (clash)
        problems.push({
          row: term.row,
          column: 'start_date',
          message: `this term overlaps ${period(clash)}${'row' in clash ? ` on row ${clash.row}` : ''}`,
        });
      const sameName = [...saved, ...earlier].find((other) => other.name.toLowerCase() === term.name.toLowerCase());
      if (sameName)
        problems.push({
          row: term.row,
          column: 'term_name',
          message: `there is already a term called ${sameName.name}`,
        });
    });
    if (problems.length) return { ok: false, problems };
    const terms = read.rows.map(({ name, startsOn, endsOn }) => ({ name, startsOn, endsOn }));
    await trx
      .insertInto('term_periods')
      .values(terms.map((term) => ({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })))
      .execute();
    await audit(trx, actor, { action: 'import', recordType: 'term', details: { terms } });
    return { ok: true, terms };
  });
}
