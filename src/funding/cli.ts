// The funding command line, using the service's own code:
//   npm run --silent funding -- statement --schools SCHOOLS.csv --rates RATES.csv [--format json|csv]
// works out what each maintained school pays for each de-delegated service.
//
// JSON (the default) prints one object: `services` (each factor's rate, units and total per
// service and phase), `schools` (each maintained school's amount per service) and `summary` (per
// service and phase: the number of schools, the total and the lowest, median and highest amount
// per school). Amounts are pounds as JSON numbers rounded to 2 decimal places; JSON keeps no
// trailing zeros, so £86,420.00 prints as 86420 and £11.50 as 11.5. CSV prints the per-school
// table (urn, name, service, phase, amount) with amounts to 2 decimal places. Academies are never
// de-delegated, so neither lists them.
//
// Bad input exits with status 1, printing one 'FILE: line N, column C: message' line per problem.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvText } from '../platform/csv-export.ts';
import { readCsvRecords, type NumberedRecord } from '../platform/csv-import.ts';
import { calculate, poundsOf, type Calculation, type Rate, type SchoolUnits } from './rules.ts';
import {
  fileProblemText,
  readRateRecords,
  readSchoolRecords,
  type FileProblem,
  type Read,
} from './school-data/rules.ts';

const USAGE =
  'Usage: npm run --silent funding -- statement --schools SCHOOLS.csv --rates RATES.csv [--format json|csv]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function readCsvFile<T>(
  file: string,
  read: (records: NumberedRecord[]) => Read<T>,
): Promise<{ ok: true; rows: T[] } | { ok: false; problems: FileProblem[] }> {
  let input: Buffer;
  try {
    input = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problems: [
        {
          file,
          message:
            code === 'ENOENT' ? 'there is no such file' : `the file could not be read (${code ?? String(error)})`,
        },
      ],
    };
  }
  const records = readCsvRecords(input);
  const result = records.ok ? read(records.records) : records;
  return result.ok ? result : { ok: false, problems: result.problems.map((problem) => ({ file, ...problem })) };
}

/** Both CSV files read and checked: the schools and rates, or every problem in either file. */
async function readStatementFiles(files: {
  schools: string;
  rates: string;
}): Promise<{ ok: true; schools: SchoolUnits[]; rates: Rate[] } | { ok: false; problems: FileProblem[] }> {
  const [schools, rates] = await Promise.all([
    readCsvFile(files.schools, (records) => readSchoolRecords(records)),
    readCsvFile(files.rates, (records) => readRateRecords(records)),
  ]);
  if (schools.ok && rates.ok) return { ok: true, schools: schools.rows, rates: rates.rows };
  return { ok: false, problems: [...(schools.ok ? [] : schools.problems), ...(rates.ok ? [] : rates.problems)] };
}

/** The statement as the JSON output lays it out. */
function statementJson({ amounts, factors, summary }: Calculation) {
  return {
    services: factors.map((factor) => ({
      service: factor.service,
      phase: factor.phase,
      factor: factor.factor,
      rate: poundsOf(factor.ratePence),
      units: factor.units,
      total: poundsOf(factor.pence),
    })),
    schools: amounts.map((amount) => ({ urn: amount.urn, service: amount.service, amount: poundsOf(amount.pence) })),
    summary: summary.map((each) => ({
      service: each.service,
      phase: each.phase,
      schools: each.schools,
      total: poundsOf(each.totalPence),
      lowest: poundsOf(each.lowestPence),
      median: poundsOf(each.medianPence),
      highest: poundsOf(each.highestPence),
    })),
  };
}

/** The per-school table as CSV, amounts to 2 decimal places. */
function statementCsv({ amounts }: Calculation): string {
  const rows = amounts.map((amount) => [
    amount.urn,
    amount.name,
    amount.service,
    amount.phase,
    (amount.pence / 100).toFixed(2),
  ]);
  return csvText([['urn', 'name', 'service', 'phase', 'amount'], ...rows]);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'statement') fail(USAGE);
  let values: { schools?: string; rates?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { schools: { type: 'string' }, rates: { type: 'string' }, format: { type: 'string', default: 'json' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.schools) fail(`--schools is missing.\n${USAGE}`);
  if (!values.rates) fail(`--rates is missing.\n${USAGE}`);
  if (values.format !== 'json' && values.format !== 'csv') fail('--format must be json or csv');

  const files = await readStatementFiles({ schools: values.schools, rates: values.rates });
  if (!files.ok) fail(files.problems.map(fileProblemText).join('\n'));
  const calculation = calculate(files.schools, files.rates);
  process.stdout.write(
    values.format === 'json' ? `${JSON.stringify(statementJson(calculation))}\n` : statementCsv(calculation),
  );
}

await main(process.argv.slice(2));
