import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.ts';

/**
 * The funding area's tables: de-delegation years, services, rates, schools and the contingency fund (migration 012_funding).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    funding_years: FundingYearsTable;
    funding_factors: FundingFactorsTable;
    funding_services: FundingServicesTable;
    funding_decisions: FundingDecisionsTable;
    funding_rates: FundingRatesTable;
    funding_schools: FundingSchoolsTable;
    funding_school_units: FundingSchoolUnitsTable;
    funding_printed_figures: FundingPrintedFiguresTable;
    funding_contingency_funds: FundingContingencyFundsTable;
    funding_contingency_applications: FundingContingencyApplicationsTable;
  }
}

/** 'primary', 'secondary' or 'special': the phases de-delegation is decided for. */
export type FundingPhase = 'primary' | 'secondary' | 'special';

export interface FundingYearsTable {
  /** '2024-25': funding years run April to March. */
  label: string;
  created_at: CreatedAt;
}

export interface FundingFactorsTable {
  /** The school data set's column: 'nor' (AWPU), 'fsm', 'fsm6', 'eal3', 'idaci_a' … 'idaci_f', 'low_attainment', 'special_places', or one the authority adds. */
  key: string;
  name: string;
  /** What one unit is, in words: 'pupil', 'FSM pupil', 'special place'. */
  unit: string;
  sort: number;
  built_in: Generated<boolean>;
}

export interface FundingServicesTable {
  id: Generated<number>;
  year: string;
  /** Stable within a year: 'behaviour-support', 'insurance'. */
  key: string;
  name: string;
  description: Generated<string>;
  kind: 'service' | 'education-function';
  phases: FundingPhase[];
  sort: Generated<number>;
}

export interface FundingDecisionsTable {
  service_id: number;
  phase: FundingPhase;
  decision: 'proposed' | 'agreed' | 'not-agreed';
  decided_on: string | null;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface FundingRatesTable {
  service_id: number;
  phase: FundingPhase;
  factor: string;
  rate_pence: number;
  previous_rate_pence: number | null;
}

export interface FundingSchoolsTable {
  year: string;
  urn: number;
  name: string;
  phase: FundingPhase;
  status: 'maintained' | 'academy';
  imported_by: number | null;
  imported_at: Generated<Date>;
}

export interface FundingSchoolUnitsTable {
  year: string;
  urn: number;
  factor: string;
  /** May be a decimal: the proforma tool weights some factors by proportions. */
  units: number;
}

export interface FundingPrintedFiguresTable {
  id: Generated<number>;
  year: string;
  service_key: string;
  phase: FundingPhase;
  figure: 'factor-total' | 'total' | 'lowest' | 'median' | 'highest';
  /** For a factor's total. */
  factor: string | null;
  printed_pence: number;
  /** How the paper rounded it: 100 to the pound, 100000 to the thousand pounds. */
  rounded_to_pence: Generated<number>;
  source: string;
  note: Generated<string>;
}

export interface FundingContingencyFundsTable {
  year: string;
  fund_pence: number;
  rule: Generated<'pro-rata'>;
  set_by: number | null;
  set_at: Generated<Date>;
}

export interface FundingContingencyApplicationsTable {
  id: Generated<number>;
  year: string;
  urn: number;
  deficit_pence: number;
  asked_pence: number;
  evidence: string;
  status: Generated<'submitted' | 'agreed' | 'declined' | 'withdrawn'>;
  allocated_pence: number | null;
  decision_note: Generated<string>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  converted_to_academy_on: string | null;
  applied_by: number | null;
  applied_at: Generated<Date>;
}
