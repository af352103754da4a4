// A funding year's data as the database keeps it (Havering schools forum report 2024-25): the
// years, their services in paper order with the phases they are proposed for, the forum's
// decisions and the rates per phase × factor; and a year as the calculation needs it (services,
// rates beside the previous year's, the school data set with each school's units, the formula
// factors), one query per table, whatever the number of services or schools.
import type { Db } from '../../db/connection.ts';
import { PHASES, type Decision, type Phase, type Rate, type SchoolUnits, type ServiceKind } from '../rules.ts';

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

const phaseOrder = (phase: Phase) => PHASES.indexOf(phase);
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

export interface YearSummary {
  label: string;
  services: number;
  schools: number;
}

export interface FundingRate {
  phase: Phase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
  factorName: string;
}

export interface DecisionRecord {
  decision: Decision;
  decidedOn: string | null;
  note: string;
}

export interface FundingService {
  id: number;
  key: string;
  name: string;
  description: string;
  kind: ServiceKind;
  phases: Phase[];
  sort: number;
  decisions: Partial<Record<Phase, DecisionRecord>>;
  rates: FundingRate[];
}

const countsBy = async (db: Db, table: 'funding_services' | 'funding_schools') =>
  new Map(
    (
      await db
        .selectFrom(table)
        .select(['year', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('year')
        .execute()
    ).map((row) => [row.year, Number(row.n)]),
  );

/** A year's services in paper order (or the one with id `only`), with their decisions and rates. */
export async function servicesOf(db: Db, year: string, only?: number): Promise<FundingService[]> {
  let query = db.selectFrom('funding_services').selectAll().where('year', '=', year);
  if (only !== undefined) query = query.where('id', '=', only);
  const rows = await query.orderBy('sort').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const decisions = await db.selectFrom('funding_decisions').selectAll().where('service_id', 'in', ids).execute();
  const rates = await db
    .selectFrom('funding_rates')
    .innerJoin('funding_factors', 'funding_factors.key', 'funding_rates.factor')
    .select([
      'service_id',
      'phase',
      'factor',
      'rate_pence',
      'previous_rate_pence',
      'funding_factors.name as factorName',
      'funding_factors.sort',
    ])
    .where('service_id', 'in', ids)
    .orderBy('funding_factors.sort')
    .execute();
  const phaseOrder = (phase: Phase) => ['primary', 'secondary', 'special'].indexOf(phase);
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    kind: row.kind,
    phases: row.phases,
    sort: row.sort,
    decisions: Object.fromEntries(
      decisions
        .filter((d) => d.service_id === row.id)
        .map((d) => [d.phase, { decision: d.decision, decidedOn: d.decided_on, note: d.note }]),
    ),
    rates: rates
      .filter((rate) => rate.service_id === row.id)
      .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || a.sort - b.sort)
      .map((rate) => ({
        phase: rate.phase,
        factor: rate.factor,
        factorName: rate.factorName,
        ratePence: rate.rate_pence,
        previousRatePence: rate.previous_rate_pence,
      })),
  }));
}

/** Every funding year, newest first, with how many services and schools it has. */
export async function yearSummaries(db: Db): Promise<YearSummary[]> {
  const years = await db.selectFrom('funding_years').select('label').orderBy('label', 'desc').execute();
  const [serviceCounts, schoolCounts] = [await countsBy(db, 'funding_services'), await countsBy(db, 'funding_schools')];
  return years.map(({ label }) => ({
    label,
    services: serviceCounts.get(label) ?? 0,
    schools: schoolCounts.get(label) ?? 0,
  }));
}

/** The years' data set entries for a school user's own schools: the statements they may open. */
export async function statementsFor(db: Db, urns: readonly number[]) {
  if (urns.length === 0) return [];
  return db
    .selectFrom('funding_schools')
    .select(['year', 'urn', 'name'])
    .where('urn', 'in', [...urns])
    .orderBy('year', 'desc')
    .orderBy('name')
    .execute();
}

export async function yearExists(db: Db, label: string): Promise<boolean> {
  return (
    (await db.selectFrom('funding_years').select('label').where('label', '=', label).executeTakeFirst()) !== undefined
  );
}

/** The formula factors rates may be per unit of, in their order. */
export const factorChoices = (db: Db) =>
  db.selectFrom('funding_factors').select(['key', 'name', 'unit']).orderBy('sort').execute();

/**
 * Copies the services of the year `from` into the year `to`, with their rates; the new year
 * starts with each of last year's rates as its previous rate, and unchanged until set.
 */
export async function copyServices(db: Db, from: string, to: string): Promise<{ services: number; rates: number }> {
  let copied = 0;
  let rates = 0;
  const services = await db
    .selectFrom('funding_services')
    .selectAll()
    .where('year', '=', from)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  for (const service of services) {
    const { id } = await db
      .insertInto('funding_services')
      .values({
        year: to,
        key: service.key,
        name: service.name,
        description: service.description,
        kind: service.kind,
        phases: service.phases,
        sort: service.sort,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const old = await db.selectFrom('funding_rates').selectAll().where('service_id', '=', service.id).execute();
    if (old.length) {
      await db
        .insertInto('funding_rates')
        .values(
          old.map((rate) => ({
            service_id: id,
            phase: rate.phase,
            factor: rate.factor,
            rate_pence: rate.rate_pence,
            previous_rate_pence: rate.rate_pence,
          })),
        )
        .execute();
    }
    copied += 1;
    rates += old.length;
  }
  return { services: copied, rates };
}
