import { parseArgs } from 'node:util';
import { ROLES } from '../roles.ts';
import { validate } from '../validation.ts';
import { editUserSchema, type UserForm } from './schemas.ts';

export const USAGE = `Usage:
  npm run --silent admin -- create --email EMAIL --name "NAME" [--role ROLE] [--school URN]
  npm run --silent admin -- reset-password --email EMAIL
  npm run --silent admin -- list [--format text|json]
ROLE is one of ${ROLES.join(', ')} (admin when left out); a school_user needs --school URN (more than one --school for several schools).`;

export type AccountCommand =
  | { command: 'create'; form: UserForm }
  | { command: 'reset-password'; email: string }
  | { command: 'list'; format: 'text' | 'json' };

export type Parsed = { ok: true; value: AccountCommand } | { ok: false; problem: string };

const OPTIONS = {
  create: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    school: { type: 'string', multiple: true },
  },
  'reset-password': { email: { type: 'string' } },
  list: { format: { type: 'string', default: 'text' } },
} as const;

/** The form fields' names as the command line's options. */
const OPTION_OF: Record<string, string> = { name: '--name', email: '--email', roles: '--role', schools: '--school' };

const isCommand = (value: string | undefined): value is keyof typeof OPTIONS =>
  value !== undefined && Object.hasOwn(OPTIONS, value);

/** The command and its options, checked by the same rules as the add-a-user form; nothing is read from the database. */
export function parseAccountArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  if (!isCommand(command))
    return { ok: false, problem: command ? `There is no command "${command}".` : 'Give a command.' };
  let values: Record<string, string | string[] | undefined>;
  try {
    values = parseArgs({ args: rest, options: OPTIONS[command], strict: true, allowPositionals: false })
      .values as typeof values;
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  if (command === 'list') {
    return values.format === 'text' || values.format === 'json'
      ? { ok: true, value: { command, format: values.format } }
      : { ok: false, problem: '--format must be text or json.' };
  }
  if (command === 'reset-password') {
    const email = typeof values.email === 'string' ? values.email.trim() : '';
    return email ? { ok: true, value: { command, email } } : { ok: false, problem: '--email is missing.' };
  }
  for (const option of ['email', 'name'] as const)
    if (values[option] === undefined) return { ok: false, problem: `--${option} is missing.` };
  const role = String(values.role);
  if (!(ROLES as readonly string[]).includes(role)) return { ok: false, problem: `There is no role "${role}".` };
  const badUrn = (values.school as string[] | undefined)?.find((urn) => !/^[1-9]\d{0,7}$/.test(urn));
  if (badUrn)
    return { ok: false, problem: `--school must be a school's URN, a number like 102317 ("${badUrn}" is not).` };
  const form = validate(editUserSchema, {
    name: values.name,
    email: values.email,
    roles: [role],
    schools: values.school ?? [],
  });
  if (!form.ok)
    return {
      ok: false,
      problem: form.errors.map((error) => `${OPTION_OF[error.href.slice(1)] ?? ''}: ${error.text}.`).join(' '),
    };
  return { ok: true, value: { command, form: form.data } };
}
