import { problemText, type ImportProblem } from '../../platform/csv-import.ts';
import { LEFT_OUT_REASONS, LEFT_OUT_TEXT } from './establishments.ts';
import type { GiasCounts } from './import.ts';

const n = (count: number) => count.toLocaleString('en-GB');

/** The counts of an import as lines of text, for the command line. */
export function countsText(counts: GiasCounts): string[] {
  return [
    `Schools of LA ${counts.laCode} from ${n(counts.rows)} rows:`,
    `  New schools imported: ${n(counts.imported)}`,
    `  Schools updated: ${n(counts.updated)}`,
    `  Schools unchanged: ${n(counts.unchanged)}`,
    `  Schools marked closed: ${n(counts.closed)}`,
    'Left out:',
    ...LEFT_OUT_REASONS.map((reason) => `  ${LEFT_OUT_TEXT[reason]}: ${n(counts.leftOut[reason])}`),
  ];
}

/** A refused file's problems, one line each, naming the file, the row and the column. */
export function problemsText(file: string, problems: readonly ImportProblem[], problemCount: number): string[] {
  const lines = problems.map((problem) => `${file}: ${problemText(problem)}`);
  if (problemCount > problems.length) lines.push(`… and ${n(problemCount - problems.length)} more problems`);
  lines.push('Nothing was imported.');
  return lines;
}
