// The national measures straight from a marks file, per school and for the whole file, over a
// date range: what the command line prints, and what the benchmark checks the database against.
import { createReadStream } from 'node:fs';
import { countMarks, emptyCounts, Totals, type Summary, type Thresholds } from './rules.ts';
import { MarksReader, type MarksContext, type RowProblem } from '../marks/file/forms.ts';
import { sliceOf } from '../rules.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';

export interface Range {
  from?: string;
  to?: string;
}

/** The fields printed for a school and for the total, in order. */
export const PRINTED_FIELDS = [
  'pupils',
  'possible_sessions',
  'absence_sessions',
  'authorised_sessions',
  'unauthorised_sessions',
  'overall_absence_pct',
  'persistent_absentees',
  'persistent_absence_pct',
  'severe_absentees',
  'severe_absence_pct',
] as const satisfies readonly (keyof Summary)[];

export type Printed = { [K in (typeof PRINTED_FIELDS)[number]]: number };

export type FileMeasures =
  | { ok: true; schools: ({ urn: number } & Printed)[]; total: Printed; rows: number }
  | { ok: false; problems: RowProblem[]; problemCount: number };

const printed = (summary: Summary): Printed =>
  Object.fromEntries(PRINTED_FIELDS.map((field) => [field, summary[field]])) as Printed;

/** Reads a marks file and works out the measures, or says what is wrong with it. */
export async function measuresOfFile(
  path: string,
  range: Range,
  context: MarksContext,
  thresholds?: Thresholds,
): Promise<FileMeasures> {
  const reader = new MarksReader(context);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) reader.push(chunk as Buffer);
  reader.end();
  if (!reader.ok) return { ok: false, problems: reader.problems, problemCount: reader.problemCount };

  const year = reader.startYear!;
  const bounds = schoolYearStarting(year);
  const { start, end } = sliceOf(range.from ?? bounds.from, range.to ?? bounds.to, year);
  const bySchool = new Map<number, Totals>();
  const total = new Totals(thresholds);
  for (const pupil of reader.pupils.values()) {
    const counts = countMarks(pupil.marks, start, end, emptyCounts());
    let school = bySchool.get(pupil.urn);
    if (!school) bySchool.set(pupil.urn, (school = new Totals(thresholds)));
    school.add(counts);
    total.add(counts);
  }
  const schools = [...bySchool]
    .sort(([a], [b]) => a - b)
    .map(([urn, totals]) => ({ urn, ...printed(totals.summary()) }));
  return { ok: true, schools, total: printed(total.summary()), rows: reader.rows };
}
