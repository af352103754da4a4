// The accounts command line, with the service's own code and database settings:
//   npm run --silent admin -- create --email EMAIL --name "NAME" [--role ROLE] [--school URN]
//   npm run --silent admin -- reset-password --email EMAIL
//   npm run --silent admin -- list [--format text|json]
// create and reset-password print a one-time link to set a password on a line of its own.
// Exit status: 0 done, 1 refused (nothing changed), 2 bad arguments (nothing changed).
import { loadConfig, type Config } from '../../config.ts';
import { connect, migrateToLatest, type Connection } from '../../db/connection.ts';
import { DataDirInUseError } from '../../db/data-dir-lock.ts';
import { setUpDatabase } from '../../db/set-up.ts';
import { clockFromSettings } from '../clock.ts';
import { formatLondonDateTime } from '../london-time.ts';
import { ROLE_NAMES } from '../roles.ts';
import { accountCommands, type AccountSummary, type IssuedLink } from './account-commands.ts';
import { parseAccountArgs, USAGE, type AccountCommand } from './cli-args.ts';
import { PASSWORD_LINK_HOURS, setPasswordUrl } from './password-links.ts';

/** Says why nothing was done; the status to exit with. */
function refuse(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

function exit(status: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

const print = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

/** The link alone on its line, so it can be copied or read by a script. */
function linkLines(link: IssuedLink, serviceUrl: string): string[] {
  return [
    `Send this link to the person in a safe way. It works once, until ${formatLondonDateTime(link.expiresAt)} (${PASSWORD_LINK_HOURS} hours):`,
    setPasswordUrl(serviceUrl, link.token),
  ];
}

function table(accounts: AccountSummary[]): string[] {
  const rows = [
    ['Email', 'Name', 'Roles', 'Disabled'],
    ...accounts.map((a) => [a.email, a.name, a.roles.join(', '), a.disabled ? 'yes' : 'no']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

async function open(config: Config): Promise<Connection> {
  try {
    return await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    exit(
      1,
      `The database in ${error.dataDir} is in use by a running Inclusion Hub: stop the service first, or keep the database on PostgreSQL (DATABASE_URL) to manage accounts while the service runs.`,
    );
  }
}

/** Runs the command; returns the exit status, after closing the database. */
async function run(request: AccountCommand, config: Config): Promise<number> {
  const connection = await open(config);
  try {
    // A council creating its first administrator is setting up a live instance: a database never
    // set up becomes one, as `DEMO=off npm start` would make it (one already set up keeps its kind).
    if (request.command === 'create')
      await setUpDatabase(connection.db, { demo: false, production: config.production });
    else await migrateToLatest(connection.db);
    const commands = accountCommands(connection.db, clockFromSettings(config.now, config.nowSince));
    if (request.command === 'list') {
      const accounts = await commands.list();
      print(
        request.format === 'json'
          ? [JSON.stringify(accounts)]
          : accounts.length
            ? table(accounts)
            : ['There are no accounts.'],
      );
      return 0;
    }
    const outcome =
      request.command === 'create' ? await commands.create(request.form) : await commands.resetPassword(request.email);
    if (!outcome.ok) return refuse(outcome.message);
    if (request.command === 'create') {
      print([
        `Account created for ${request.form.name} (${request.form.roles.map((role) => ROLE_NAMES[role]).join(', ')}).`,
        ...linkLines(outcome.value, config.serviceUrl),
      ]);
    } else {
      if ('disabled' in outcome.value && outcome.value.disabled)
        process.stderr.write(
          'This account is disabled: an administrator must enable it before its person can sign in.\n',
        );
      print(['Any earlier link for this account no longer works.', ...linkLines(outcome.value, config.serviceUrl)]);
    }
    return 0;
  } finally {
    await connection.close();
  }
}

const parsed = parseAccountArgs(process.argv.slice(2));
if (!parsed.ok) exit(2, `${parsed.problem}\n${USAGE}`);
process.exitCode = await run(parsed.value, loadConfig());
