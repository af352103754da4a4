import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.ts';

/**
 * The front door's tables: referrals, their events, known episodes and matches (migration 002_front_door).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    referrals: ReferralsTable;
    referral_events: ReferralEventsTable;
    known_episodes: KnownEpisodesTable;
    referral_matches: ReferralMatchesTable;
  }
}

export interface ReferralsTable {
  id: Generated<number>;
  reference: string | null;
  service: Generated<string>;
  status: Generated<string>;
  school_urn: number;
  child_id: number | null;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  outcome_at: Timestamp | null;
  level_of_need: number | null;
  outcome: string | null;
  outcome_reason: string | null;
  panel_date: string | null;
  safeguarding_passed_at: Timestamp | null;
}

export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: number;
  at: CreatedAt;
  user_id: number | null;
  kind: string;
  message: string | null;
  visible_to_referrer: Generated<boolean>;
}

export interface KnownEpisodesTable {
  id: Generated<number>;
  upn: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  service: string;
  status: string;
  imported_at: CreatedAt;
  imported_by: number | null;
}

export interface ReferralMatchesTable {
  id: Generated<number>;
  referral_id: number;
  source: string;
  source_id: number;
  reason: string;
  decision: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}
