// The comparators file an attendance officer or analyst imports: one figure a row, for an area
// (England, a region, statistical neighbours), academic year, phase and measure. Read as every
// import reads a file (src/platform/csv-import.ts): a header row, then the figures; one bad row
// refuses the whole file with every problem named by row and column. Pure functions.
import { checkRows, parseCsvTable, type Check, type ImportProblem, type TableSpec } from '../../platform/csv-import.ts';
import { storedSchoolYear } from '../rules.ts';
import { MEASURE_NAMES, PHASES, areaKey, isMeasure, type ComparatorFigure, type Measure, type Phase } from './rules.ts';

export const COMPARATOR_COLUMNS = ['area', 'academic_year', 'phase', 'measure', 'value'] as const;
/** An optional column: where the figures come from, such as the DfE release. */
export const SOURCE_COLUMN = 'source';
export type ComparatorColumn = (typeof COMPARATOR_COLUMNS)[number] | typeof SOURCE_COLUMN;
const TABLE: TableSpec<ComparatorColumn> = {
  columns: [...COMPARATOR_COLUMNS, SOURCE_COLUMN],
  required: COMPARATOR_COLUMNS,
  aliases: { year: 'academic_year', time_period: 'academic_year', school_phase: 'phase', rate: 'value' },
};

export const MAX_AREA_LENGTH = 100;
export const MAX_SOURCE_LENGTH = 200;
/** The first academic year a figure may be for. */
export const FIRST_YEAR = 2000;

/** 'a, b or c'. */
const eitherOf = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

export type ComparatorsResult =
  { ok: true; rows: ComparatorFigure[] } | { ok: false; problems: ImportProblem<ComparatorColumn>[] };

/** An area's name, with its spaces tidied: up to 100 characters. */
export function parseArea(value: string): Check<string> {
  const area = value.trim().replace(/\s+/g, ' ');
  if (!area) return { ok: false, message: 'enter the area, like England' };
  if (area.length > MAX_AREA_LENGTH)
    return { ok: false, message: `the area must be ${MAX_AREA_LENGTH} characters or fewer` };
  return { ok: true, value: area };
}

/** An academic year as '2024/25': two years that follow each other, from 2000/01 on. */
export function parseAcademicYear(value: string): Check<string> {
  const text = value.trim();
  if (!text) return { ok: false, message: 'enter the academic year, like 2024/25' };
  const match = /^(\d{4})\/(\d{2})$/.exec(text);
  if (!match) return { ok: false, message: 'enter the academic year like 2024/25' };
  const start = storedSchoolYear(text)?.start;
  if (start === undefined)
    return {
      ok: false,
      message: `the years must follow each other, like ${match[1]}/${String((Number(match[1]) + 1) % 100).padStart(2, '0')}`,
    };
  if (start < FIRST_YEAR)
    return {
      ok: false,
      message: `enter an academic year from ${FIRST_YEAR}/${String((FIRST_YEAR + 1) % 100).padStart(2, '0')} on`,
    };
  return { ok: true, value: text };
}

/** Primary, Secondary or All (any case). */
export function parsePhase(value: string): Check<Phase> {
  const phase = PHASES.find((each) => each.toLowerCase() === value.trim().toLowerCase());
  return phase ? { ok: true, value: phase } : { ok: false, message: `enter the phase as ${eitherOf(PHASES)}` };
}

/** One of the measures, as named in MEASURES ('Overall absence' and overall_absence also read). */
export function parseMeasure(value: string): Check<Measure> {
  const name = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (isMeasure(name)) return { ok: true, value: name };
  return { ok: false, message: `enter the measure as one of ${eitherOf(MEASURE_NAMES)}` };
}

/** A percentage or rate per 100 pupils: 0 to 100, up to 2 decimal places; a % sign is allowed. */
export function parseValue(value: string): Check<number> {
  const text = value.trim().replace(/\s*%$/, '');
  if (!text)
    return { ok: false, message: 'enter the value, like 3.9 (leave out rows for figures that are not published)' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: 'enter the value as a number from 0 to 100, like 3.9' };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { ok: false, message: 'enter the value with up to 2 decimal places' };
  const number = Number(text);
  if (number > 100)
    return { ok: false, message: 'enter a value from 0 to 100 (a percentage or a rate per 100 pupils)' };
  return { ok: true, value: number };
}

function parseSource(value: string, fallback: string): Check<string> {
  const source = value.trim().replace(/\s+/g, ' ') || fallback;
  return source.length > MAX_SOURCE_LENGTH
    ? { ok: false, message: `the source must be ${MAX_SOURCE_LENGTH} characters or fewer` }
    : { ok: true, value: source };
}

/**
 * Reads and checks a comparators file: every figure, or every problem. A figure appears once
 * (one area, academic year, phase and measure; the area's capitals and spaces aside). Rows with
 * no source take `source`, such as the file's name.
 */
export function parseComparatorsCsv(input: Buffer | string, { source }: { source: string }): ComparatorsResult {
  const table = parseCsvTable(input, TABLE);
  if (!table.ok) return table;
  const seen = new Map<string, number>();
  return checkRows(table.rows, ({ row, cell }, take, problem): ComparatorFigure => {
    const figure = {
      area: take('area', parseArea(cell('area'))),
      academicYear: take('academic_year', parseAcademicYear(cell('academic_year'))),
      phase: take('phase', parsePhase(cell('phase'))),
      measure: take('measure', parseMeasure(cell('measure'))),
      value: take('value', parseValue(cell('value'))),
      source: take(SOURCE_COLUMN, parseSource(cell(SOURCE_COLUMN), source)),
    };
    if (
      figure.area !== undefined &&
      figure.academicYear !== undefined &&
      figure.phase !== undefined &&
      figure.measure !== undefined
    ) {
      const key = JSON.stringify([areaKey(figure.area), figure.academicYear, figure.phase, figure.measure]);
      const earlier = seen.get(key);
      if (earlier !== undefined)
        problem('measure', `this area, academic year, phase and measure is already in row ${earlier}`);
      else seen.set(key, row);
    }
    return figure;
  });
}
