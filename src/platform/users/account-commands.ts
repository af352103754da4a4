import type { Db } from '../../db/connection.ts';
import type { Actor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Role } from '../roles.ts';
import { passwordLinksService } from './password-links.ts';
import { usersRepository } from './repository.ts';
import type { UserForm } from './schemas.ts';
import { userAccountsService } from './service.ts';

/**
 * What the accounts command line does (src/platform/users/cli.ts), with the same services as the
 * web pages. Its audit entries have no user and say they came from the command line.
 */
export const COMMAND_LINE: Actor = { userId: null, ip: null, via: 'command line' };

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface IssuedLink {
  token: string;
  expiresAt: Date;
}

export interface AccountSummary {
  email: string;
  name: string;
  roles: Role[];
  schools: number[];
  disabled: boolean;
}

export function accountCommands(db: Db, clock: Clock) {
  const users = userAccountsService(db, clock);
  const accounts = usersRepository(db);
  const links = passwordLinksService(db, clock);

  return {
    /** A new account, with a link for its person to set their password. */
    async create(form: UserForm): Promise<CommandOutcome<IssuedLink>> {
      const outcome = await users.create(COMMAND_LINE, form);
      if (!outcome) throw new Error('Creating an account found no account');
      if (!outcome.ok) {
        const { field, message } = outcome.problem;
        if (field === 'email')
          return {
            ok: false,
            message: `An account with the email address ${form.email} already exists. To send its person a new link, use reset-password.`,
          };
        if (field === 'schools')
          return {
            ok: false,
            message: `There is no school with URN ${form.schools.join(' or ')}. Load the authority's schools first.`,
          };
        return { ok: false, message };
      }
      return { ok: true, value: await links.issue(COMMAND_LINE, outcome.value, 'set') };
    },

    /** A link for the person to set a new password; an earlier link stops working. */
    async resetPassword(email: string): Promise<CommandOutcome<IssuedLink & { disabled: boolean }>> {
      const account = await accounts.findForSignIn(email);
      if (!account) return { ok: false, message: `There is no account with the email address ${email}.` };
      const link = await links.issue(COMMAND_LINE, account.id, 'reset');
      return { ok: true, value: { ...link, disabled: Boolean(account.disabled_at) } };
    },

    /** Every account, by name. */
    async list(): Promise<AccountSummary[]> {
      const all: AccountSummary[] = [];
      for (let page = 1; ; page++) {
        const { rows, total } = await accounts.list(page);
        all.push(
          ...rows.map((row) => ({
            email: row.email,
            name: row.name,
            roles: row.roles,
            schools: row.school_urns,
            disabled: Boolean(row.disabled_at),
          })),
        );
        if (rows.length === 0 || all.length >= total) return all;
      }
    },
  };
}
