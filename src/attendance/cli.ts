// The attendance command line, using the service's own code:
//   npm run --silent attendance -- measures --marks FILE.csv [--from DATE --to DATE] [--format json|text]
// prints the national measures per school and in total. Bad input exits with status 1 and names
// the line and column.
import { parseArgs } from 'node:util';
import { systemClock } from '../platform/clock.ts';
import { measuresOfFile, PRINTED_FIELDS } from './measures/service.ts';

const USAGE =
  'Usage: npm run --silent attendance -- measures --marks FILE.csv [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format json|text]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'measures') fail(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      marks: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'json' },
    },
    strict: true,
  });
  if (!values.marks) fail(`--marks is missing.\n${USAGE}`);
  for (const name of ['from', 'to'] as const) {
    if (values[name] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[name]))
      fail(`--${name} must be a date like 2026-09-03`);
  }
  if (values.from && values.to && values.from > values.to) fail('--from must be on or before --to');
  if (values.format !== 'json' && values.format !== 'text') fail('--format must be json or text');

  const result = await measuresOfFile(
    values.marks,
    { from: values.from, to: values.to },
    { today: systemClock.today() },
  ).catch((error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'ENOENT'
        ? `There is no file ${values.marks}`
        : `The file ${values.marks} could not be read: ${error.message}`,
    ),
  );
  if (!result.ok) {
    const lines = result.problems.map(
      (problem) => `${values.marks}: line ${problem.line}, column ${problem.column}: ${problem.message}`,
    );
    if (result.problemCount > result.problems.length)
      lines.push(`… and ${result.problemCount - result.problems.length} more problems`);
    fail(lines.join('\n'));
  }
  if (values.format === 'json') {
    process.stdout.write(`${JSON.stringify({ schools: result.schools, total: result.total })}\n`);
    return;
  }
  const header = ['urn', ...PRINTED_FIELDS];
  const rows = [
    ...result.schools.map((school) => header.map((field) => String(school[field as keyof typeof school]))),
    ['total', ...PRINTED_FIELDS.map((field) => String(result.total[field]))],
  ];
  process.stdout.write([header.join('\t'), ...rows.map((row) => row.join('\t'))].join('\n') + '\n');
}

await main(process.argv.slice(2));
