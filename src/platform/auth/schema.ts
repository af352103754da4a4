import type { Generated } from 'kysely';

/** The sign-in tables (migration 015_sign_in_methods); the service's Database type extends this. */

/** A service account linked to the person's account at the council's OpenID Connect provider. */
export interface CouncilAccountLinksTable {
  user_id: number;
  issuer: string;
  subject: string;
  linked_at: Date;
}

export interface TwoFactorSecretsTable {
  user_id: number;
  /** Base32, as authenticator apps take it. */
  secret: string;
  /** Null while the person is setting it up. */
  confirmed_at: Date | null;
  /** The last 30-second time step whose code was accepted. */
  last_step: number | null;
  failed_codes: Generated<number>;
  failing_since: Date | null;
  created_at: Date;
}

export interface TwoFactorRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Date | null;
}

export interface SignInTables {
  council_account_links: CouncilAccountLinksTable;
  two_factor_secrets: TwoFactorSecretsTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
}
