// A funding year as the calculation needs it (Havering schools forum report 2024-25): its
// services with the phases they are proposed for and the forum's decisions, the rates per
// service × phase × factor beside the previous year's, the school data set with each school's
// units, and the formula factors. One query per table, whatever the number of services or schools.
import type { Db } from '../../db/connection.ts';
import { phaseOrder, type Decision, type Phase, type Rate, type SchoolUnits, type ServiceKind } from '../rules.ts';

export interface YearDecision {
  phase: Phase;
  decision: Decision;
  /** 'YYYY-MM-DD'; null while only proposed. */
  decidedOn: string | null;
  note: string;
}

export interface YearService {
  id: number;
  key: string;
  name: string;
  description: string;
  kind: ServiceKind;
  phases: Phase[];
  sort: number;
  /** In phase order (primary, secondary, special); a phase without one is still proposed. */
  decisions: YearDecision[];
}

export interface YearFactor {
  key: string;
  name: string;
  unit: string;
  sort: number;
}

export interface FundingYearData {
  year: string;
  /** In the paper's order. */
  services: YearService[];
  /** In service order, then phase, then factor order. */
  rates: Rate[];
  /** By URN. */
  schools: SchoolUnits[];
  /** Every formula factor, in their order. */
  factors: YearFactor[];
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const byPhase = <T extends { phase: Phase }>(a: T, b: T) => phaseOrder(a.phase) - phaseOrder(b.phase);

/** The year's figures, or undefined when there is no such funding year. */
export async function loadFundingYear(db: Db, year: string): Promise<FundingYearData | undefined> {
  const [found, services, decisions, rates, schools, units, factors] = await Promise.all([
    db.selectFrom('funding_years').select('label').where('label', '=', year).executeTakeFirst(),
    db
      .selectFrom('funding_services')
      .select(['id', 'key', 'name', 'description', 'kind', 'phases', 'sort'])
      .where('year', '=', year)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('funding_decisions as d')
      .innerJoin('funding_services as s', 's.id', 'd.service_id')
      .select(['d.service_id', 'd.phase', 'd.decision', 'd.decided_on', 'd.note'])
      .where('s.year', '=', year)
      .execute(),
    db
      .selectFrom('funding_rates as r')
      .innerJoin('funding_services as s', 's.id', 'r.service_id')
      .innerJoin('funding_factors as f', 'f.key', 'r.factor')
      .select(['s.key as service', 'r.phase', 'r.factor', 'r.rate_pence', 'r.previous_rate_pence'])
      .where('s.year', '=', year)
      .orderBy('s.sort')
      .orderBy('s.id')
      .orderBy('r.phase')
      .orderBy('f.sort')
      .execute(),
    db
      .selectFrom('funding_schools')
      .select(['urn', 'name', 'phase', 'status'])
      .where('year', '=', year)
      .orderBy('urn')
      .execute(),
    db.selectFrom('funding_school_units').select(['urn', 'factor', 'units']).where('year', '=', year).execute(),
    db.selectFrom('funding_factors').select(['key', 'name', 'unit', 'sort']).orderBy('sort').orderBy('key').execute(),
  ]);
  if (!found) return undefined;

  const decisionsOf = groupBy(decisions, (decision) => decision.service_id);
  const unitsOf = groupBy(units, (row) => row.urn);
  return {
    year,
    services: services.map((service) => ({
      ...service,
      phases: [...service.phases].sort((a, b) => phaseOrder(a) - phaseOrder(b)),
      decisions: (decisionsOf.get(service.id) ?? [])
        .map((decision) => ({
          phase: decision.phase,
          decision: decision.decision,
          decidedOn: decision.decided_on,
          note: decision.note,
        }))
        .sort(byPhase),
    })),
    // The phases as text sort primary, secondary, special already; kept in that order within a service.
    rates: rates.map((rate) => ({
      service: rate.service,
      phase: rate.phase,
      factor: rate.factor,
      ratePence: rate.rate_pence,
      previousRatePence: rate.previous_rate_pence,
    })),
    schools: schools.map((school) => ({
      ...school,
      units: Object.fromEntries((unitsOf.get(school.urn) ?? []).map((row) => [row.factor, Number(row.units)])),
    })),
    factors,
  };
}
