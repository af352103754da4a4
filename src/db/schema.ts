import type { ColumnType, Generated } from 'kysely';
import type { SignInTables } from '../platform/auth/schema.ts';
import type { InstanceTables } from '../platform/instance/schema.ts';
import type { PasswordLinkTables } from '../platform/users/schema.ts';

/** Column types the tables share, here and in the areas' schema.ts files. */
/** A creation time the database sets: never written. */
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as JSON text, read as the value. */
export type Json<T> = ColumnType<T, string, string>;
/** A time that defaults to now when it is not given. */
export type Now = ColumnType<Date, Date | undefined, Date>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  roles: string[];
  password_hash: string;
  disabled_at: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UserSchoolsTable {
  user_id: number;
  school_urn: number;
}

export interface SessionsTable {
  sid: string;
  sess: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: CreatedAt;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  user_id: number | null;
  action: string;
  record_type: string;
  record_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface BankHolidaysTable {
  date: string;
  name: string;
}

export interface TermPeriodsTable {
  id: Generated<number>;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  template: string;
  recipient: string;
  personalisation: ColumnType<Record<string, string>, string, string>;
  referral_id: number | null;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

/**
 * The service's tables. This file declares the platform's own (accounts, sessions, audit, settings,
 * calendar, notifications, the instance and its council); each area adds its tables in its own
 * schema.ts (src/<area>/schema.ts) by declaration merging, so the data layer imports no area.
 */
export interface Database extends SignInTables, InstanceTables, PasswordLinkTables {
  users: UsersTable;
  user_schools: UserSchoolsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
  bank_holidays: BankHolidaysTable;
  term_periods: TermPeriodsTable;
  notifications: NotificationsTable;
}
