import type { Generated } from 'kysely';

/** The password links table (migration 018_password_links); the service's Database type extends this. */

export type PasswordLinkPurpose = 'set' | 'reset';

/** A one-time link to set a password: only the SHA-256 of its secret is kept. */
export interface PasswordLinksTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  purpose: PasswordLinkPurpose;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  created_by: number | null;
}

export interface PasswordLinkTables {
  password_links: PasswordLinksTable;
}
