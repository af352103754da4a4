import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { isAdministrator } from '../policies.ts';
import { usersRepository, type UserDetails, type UserRow } from './repository.ts';
import type { UserForm } from './schemas.ts';

/** A rule the form broke that only the database can tell, tied to the field to correct. */
export interface Problem {
  field: 'email' | 'roles' | 'schools' | 'form';
  message: string;
}

/** `undefined` when there is no such user. */
export type Outcome<T = void> = { ok: true; value: T } | { ok: false; problem: Problem } | undefined;

export const EMAIL_TAKEN = 'A user with this email address already exists';
export const CANNOT_DISABLE_SELF = 'You cannot disable your own account';
export const CANNOT_DROP_OWN_ADMIN = 'You cannot remove the administrator role from your own account';

const fail = (field: Problem['field'], message: string) => ({ ok: false as const, problem: { field, message } });

function detailsOf(form: UserForm): UserDetails {
  return { name: form.name, email: form.email, roles: form.roles, schoolUrns: form.schools };
}

const sameList = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Which fields an edit changes: names only, never the values, so the audit log holds no personal data. */
export function changedFields(before: UserRow, after: UserDetails): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  if (before.email !== after.email) changed.push('email');
  if (!sameList(before.roles, after.roles)) changed.push('roles');
  if (!sameList(before.school_urns, after.schoolUrns)) changed.push('schools');
  return changed;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * Every school, by name, as pages name it. The schools area answers it (wired in src/services.ts),
 * so the platform need not know that area.
 */
export type SchoolNames = () => Promise<{ urn: number; name: string }[]>;

/** What administrators and the command line do to accounts: create, change, reset and disable. */
export function userAccountsService(db: Db, clock: Clock) {
  const users = usersRepository(db);

  /** Checks that need the database: a free email address and schools that exist. */
  async function problemWith(details: UserDetails, exceptId?: number) {
    if (await users.emailTaken(details.email, exceptId)) return fail('email', EMAIL_TAKEN);
    if (!(await users.schoolsExist(details.schoolUrns)))
      return fail('schools', 'Select the school this person works at');
    return undefined;
  }

  /** Runs a write; a duplicate email that slipped past the check (two admins at once) is reported, not a crash. */
  async function guarded<T>(write: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await write() };
    } catch (error) {
      if (isUniqueViolation(error)) return fail('email', EMAIL_TAKEN);
      throw error;
    }
  }

  return {
    /**
     * Without a password the account gets one nobody knows, so it cannot be signed in to until its
     * person sets their own through a password link (password-links.ts).
     */
    async create(actor: Actor, form: UserForm & { password?: string }): Promise<Outcome<number>> {
      const details = detailsOf(form);
      const problem = await problemWith(details);
      if (problem) return problem;
      const passwordHash = await hashPassword(form.password ?? randomBytes(32).toString('base64url'));
      return guarded(() =>
        db.transaction().execute(async (trx) => {
          const id = await users.create(trx, details, passwordHash);
          await audit(trx, actor, {
            action: 'create',
            recordType: 'user',
            recordId: id,
            details: { roles: details.roles },
          });
          return id;
        }),
      );
    },

    async update(actor: Actor, id: number, form: UserForm): Promise<Outcome<string[]>> {
      const before = await users.find(id);
      if (!before) return undefined;
      const details = detailsOf(form);
      if (actor.userId === id && isAdministrator(before.roles) && !isAdministrator(details.roles)) {
        return fail('roles', CANNOT_DROP_OWN_ADMIN);
      }
      const problem = await problemWith(details, id);
      if (problem) return problem;
      const changed = changedFields(before, details);
      if (changed.length === 0) return { ok: true, value: changed };
      return guarded(() =>
        db.transaction().execute(async (trx) => {
          await users.update(trx, id, details);
          await audit(trx, actor, { action: 'update', recordType: 'user', recordId: id, details: { changed } });
          return changed;
        }),
      );
    },

    /** A new password ends the person's other sessions, so whoever knew the old one is signed out. */
    async resetPassword(actor: Actor, id: number, password: string): Promise<Outcome> {
      const user = await users.find(id);
      if (!user) return undefined;
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await users.setPassword(trx, id, passwordHash);
        if (actor.userId !== id) await users.endSessions(trx, id);
        await audit(trx, actor, { action: 'reset password', recordType: 'user', recordId: id });
      });
      return { ok: true, value: undefined };
    },

    /** Disabling signs the person out at once; users are never deleted, as the audit log refers to them. */
    async setDisabled(actor: Actor, id: number, disabled: boolean): Promise<Outcome> {
      const user = await users.find(id);
      if (!user) return undefined;
      if (disabled && actor.userId === id) return fail('form', CANNOT_DISABLE_SELF);
      if (Boolean(user.disabled_at) === disabled) return { ok: true, value: undefined };
      await db.transaction().execute(async (trx) => {
        await users.setDisabled(trx, id, disabled ? clock.now() : null);
        if (disabled) await users.endSessions(trx, id);
        await audit(trx, actor, { action: disabled ? 'disable' : 'enable', recordType: 'user', recordId: id });
      });
      return { ok: true, value: undefined };
    },
  };
}

/** The administrators' pages: accounts listed with the names of their schools, and the account changes. */
export function usersService(db: Db, clock: Clock, schoolNames: SchoolNames) {
  const users = usersRepository(db);

  async function withSchoolNames<T extends UserRow>(rows: T[]) {
    const names = new Map((await schoolNames()).map((school) => [school.urn, school.name]));
    return rows.map((row) => ({ ...row, schoolNames: row.school_urns.map((urn) => names.get(urn) ?? `URN ${urn}`) }));
  }

  return {
    ...userAccountsService(db, clock),

    async list(page: number, search?: string) {
      const { rows, total } = await users.list(page, search);
      return { rows: await withSchoolNames(rows), total };
    },

    async find(id: number) {
      const user = await users.find(id);
      return user && (await withSchoolNames([user]))[0];
    },

    /** Every school, by name, for the school questions on the form. */
    schoolOptions: schoolNames,
  };
}

export type UsersService = ReturnType<typeof usersService>;
