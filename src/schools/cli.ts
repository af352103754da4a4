// The schools command line, using the service's own code and database:
//   npm run --silent schools -- import-gias --file FILE --la CODE [--format json|text]
// imports the authority's schools from the GIAS 'all establishment data' file and prints how many
// were imported, updated, marked closed and left out (and why). A bad file exits with status 1,
// naming the row and column, and changes nothing. On the embedded database the service must be
// stopped first; on PostgreSQL it may run at any time.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connect, migrateToLatest, type Connection } from '../db/connection.ts';
import { clockFromSettings } from '../platform/clock.ts';
import { importGiasFile } from './gias/repository.ts';
import { problemText, type ImportProblem } from '../platform/csv-import.ts';
import { LEFT_OUT_REASONS, LEFT_OUT_TEXT } from './gias/rules.ts';
import type { GiasCounts } from './gias/repository.ts';

const n = (count: number) => count.toLocaleString('en-GB');

/** The counts of an import as lines of text, for the command line. */
function countsText(counts: GiasCounts): string[] {
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
function problemsText(file: string, problems: readonly ImportProblem[], problemCount: number): string[] {
  const lines = problems.map((problem) => `${file}: ${problemText(problem)}`);
  if (problemCount > problems.length) lines.push(`… and ${n(problemCount - problems.length)} more problems`);
  lines.push('Nothing was imported.');
  return lines;
}

const USAGE = 'Usage: npm run --silent schools -- import-gias --file FILE --la CODE [--format json|text]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'import-gias') fail(USAGE);
  let values: { file?: string; la?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { file: { type: 'string' }, la: { type: 'string' }, format: { type: 'string', default: 'text' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.file) fail(`--file is missing.\n${USAGE}`);
  if (!values.la) fail(`--la is missing.\n${USAGE}`);
  if (!/^\d{3}$/.test(values.la)) fail('--la must be the DfE code of a local authority, three digits like 938');
  if (values.format !== 'json' && values.format !== 'text') fail('--format must be json or text');

  const config = loadConfig();
  let connection: Connection;
  try {
    connection = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    fail((error as Error).message);
  }
  let exitCode = 0;
  try {
    await migrateToLatest(connection.db);
    const outcome = await importGiasFile(
      connection.db,
      { userId: null, ip: null },
      {
        path: values.file,
        laCode: Number(values.la),
        clock: clockFromSettings(config.now, config.nowSince),
        source: `command line: ${basename(values.file)}`,
      },
    ).catch((error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? `There is no file ${values.file}`
          : `The file ${values.file} could not be read: ${error.message}`,
      ),
    );
    if (!outcome.ok) {
      process.stderr.write(`${problemsText(values.file, outcome.problems, outcome.problemCount).join('\n')}\n`);
      exitCode = 1;
    } else if (values.format === 'json') process.stdout.write(`${JSON.stringify(outcome.counts)}\n`);
    else process.stdout.write(`${countsText(outcome.counts).join('\n')}\n`);
  } finally {
    await connection.close();
  }
  process.exit(exitCode);
}

await main(process.argv.slice(2));
