// The funding command line, using the service's own code [issue 8]:
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
import { parseArgs } from 'node:util';
import { csvText } from '../platform/csv-export.ts';
import { calculate, type Calculation } from './calculate.ts';
import { fileProblemText, readStatementFiles } from './files.ts';
import { poundsOf } from './money.ts';

const USAGE =
  'Usage: npm run --silent funding -- statement --schools SCHOOLS.csv --rates RATES.csv [--format json|csv]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
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
