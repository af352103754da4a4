// A funding year's data as the database keeps it (Havering schools forum report 2024-25): the
// years, their services in paper order with the phases they are proposed for, the forum's
// decisions and the rates per phase × factor.
import type { Db } from '../../db/connection.ts';
import { phaseOrder, type Decision, type Phase, type ServiceKind } from '../rules.ts';

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

/** Every funding year's label. */
export async function yearLabels(db: Db): Promise<string[]> {
  return (await db.selectFrom('funding_years').select('label').execute()).map((row) => row.label);
}

export async function insertYear(db: Db, label: string) {
  await db.insertInto('funding_years').values({ label }).execute();
}

/** A year's services' names, keys and places, to name and place another. */
export function serviceNames(db: Db, year: string) {
  return db.selectFrom('funding_services').select(['id', 'key', 'name', 'sort']).where('year', '=', year).execute();
}

interface ServiceValues {
  name: string;
  description: string;
  kind: ServiceKind;
  phases: Phase[];
}

export async function insertService(
  db: Db,
  service: ServiceValues & { year: string; key: string; sort: number },
): Promise<number> {
  const { id } = await db.insertInto('funding_services').values(service).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The phases a service has rates in. */
export async function ratedPhases(db: Db, serviceId: number): Promise<Phase[]> {
  const rows = await db
    .selectFrom('funding_rates')
    .select('phase')
    .distinct()
    .where('service_id', '=', serviceId)
    .execute();
  return rows.map((row) => row.phase);
}

/** Changes a service (never its key), and forgets the forum's decisions for phases it no longer has. */
export async function updateService(db: Db, year: string, id: number, service: ServiceValues) {
  await db.updateTable('funding_services').set(service).where('id', '=', id).where('year', '=', year).execute();
  await db
    .deleteFrom('funding_decisions')
    .where('service_id', '=', id)
    .where('phase', 'not in', service.phases)
    .execute();
}

/** A service of the year, with whether it has any rates. */
export async function serviceToDelete(db: Db, year: string, id: number) {
  const service = await db
    .selectFrom('funding_services')
    .select(['name', 'key'])
    .where('id', '=', id)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!service) return undefined;
  const rate = await db.selectFrom('funding_rates').select('factor').where('service_id', '=', id).executeTakeFirst();
  return { ...service, hasRates: rate !== undefined };
}

export async function deleteService(db: Db, id: number) {
  await db.deleteFrom('funding_services').where('id', '=', id).execute();
}

/** Replaces a service's rates. */
export async function replaceRates(
  db: Db,
  serviceId: number,
  rates: readonly { phase: Phase; factor: string; ratePence: number; previousRatePence: number | null }[],
) {
  await db.deleteFrom('funding_rates').where('service_id', '=', serviceId).execute();
  if (rates.length === 0) return;
  await db
    .insertInto('funding_rates')
    .values(
      rates.map((rate) => ({
        service_id: serviceId,
        phase: rate.phase,
        factor: rate.factor,
        rate_pence: rate.ratePence,
        previous_rate_pence: rate.previousRatePence,
      })),
    )
    .execute();
}

/** Records (or replaces) the forum's decision for a service in a phase. */
export async function saveDecision(
  db: Db,
  serviceId: number,
  phase: Phase,
  decision: { decision: Decision; decidedOn: string | null; note: string; recordedBy: number | null; at: Date },
) {
  const values = {
    decision: decision.decision,
    decided_on: decision.decidedOn,
    note: decision.note,
    recorded_by: decision.recordedBy,
    recorded_at: decision.at,
  };
  await db
    .insertInto('funding_decisions')
    .values({ service_id: serviceId, phase, ...values })
    .onConflict((oc) => oc.columns(['service_id', 'phase']).doUpdateSet(values))
    .execute();
}
