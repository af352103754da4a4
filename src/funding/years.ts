// The finance officer's funding data [issue 8; seed 001]: funding years (a new one may copy the
// year before's services and rates, each rate becoming the new year's previous rate), the
// services in paper order with their phases, the rates per phase × factor and the forum's
// decision per phase. Every change is audited in the same transaction as the change itself.
import type { Db } from '../db/connection.ts';
import type { FundingPhase } from './schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { validate, type ErrorItem, type FieldErrors } from '../platform/validation.ts';
import { withDateInputs } from '../platform/date-input.ts';
import {
  decisionFormSchema,
  parseRatesForm,
  serviceFormSchema,
  serviceKeyOf,
  yearFormSchema,
  yearToCopy,
  type Decision,
  type RateInput,
  type ServiceKind,
} from './year-rules.ts';

export const YEAR_RECORD = 'funding-year';
export const SERVICE_RECORD = 'funding-service';

export type Invalid = { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors };
const invalid = (field: string, text: string): Invalid => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

export interface YearSummary {
  label: string;
  services: number;
  schools: number;
}

export interface FundingRate extends RateInput {
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
  phases: FundingPhase[];
  sort: number;
  decisions: Partial<Record<FundingPhase, DecisionRecord>>;
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

export function fundingYearsService(db: Db) {
  async function services(year: string, only?: number): Promise<FundingService[]> {
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
    const phaseOrder = (phase: FundingPhase) => ['primary', 'secondary', 'special'].indexOf(phase);
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

  return {
    /** Every funding year, newest first, with how many services and schools it has. */
    async list(): Promise<YearSummary[]> {
      const years = await db.selectFrom('funding_years').select('label').orderBy('label', 'desc').execute();
      const [serviceCounts, schoolCounts] = [
        await countsBy(db, 'funding_services'),
        await countsBy(db, 'funding_schools'),
      ];
      return years.map(({ label }) => ({
        label,
        services: serviceCounts.get(label) ?? 0,
        schools: schoolCounts.get(label) ?? 0,
      }));
    },

    /** The years' data set entries for a school user's own schools: the statements they may open. */
    async statementsFor(urns: readonly number[]) {
      if (urns.length === 0) return [];
      return db
        .selectFrom('funding_schools')
        .select(['year', 'urn', 'name'])
        .where('urn', 'in', [...urns])
        .orderBy('year', 'desc')
        .orderBy('name')
        .execute();
    },

    async exists(label: string): Promise<boolean> {
      return (
        (await db.selectFrom('funding_years').select('label').where('label', '=', label).executeTakeFirst()) !==
        undefined
      );
    },

    /** The formula factors rates may be per unit of, in their order. */
    factors: () => db.selectFrom('funding_factors').select(['key', 'name', 'unit']).orderBy('sort').execute(),

    /** A year's services in paper order, with decisions and rates. */
    services: (year: string) => services(year),

    async service(year: string, id: number): Promise<FundingService | undefined> {
      return (await services(year, id))[0];
    },

    /** Adds a funding year, optionally copying the newest earlier year's services and rates. */
    async addYear(
      actor: Actor,
      body: unknown,
    ): Promise<Invalid | { kind: 'saved'; label: string; copiedFrom?: string; services: number }> {
      const form = validate(yearFormSchema, body);
      if (!form.ok) return { kind: 'invalid', ...form };
      const { year: label, copy } = form.data;
      return db.transaction().execute(async (trx) => {
        const existing = (await trx.selectFrom('funding_years').select('label').execute()).map((row) => row.label);
        if (existing.includes(label)) return invalid('year', `The funding year ${label} already exists`);
        const copiedFrom = copy ? yearToCopy(label, existing) : undefined;
        if (copy && !copiedFrom)
          return invalid('copy', 'There is no earlier year to copy; add the year without copying');
        await trx.insertInto('funding_years').values({ label }).execute();
        let copied = 0;
        let rates = 0;
        if (copiedFrom) {
          const from = await trx
            .selectFrom('funding_services')
            .selectAll()
            .where('year', '=', copiedFrom)
            .orderBy('sort')
            .orderBy('id')
            .execute();
          for (const service of from) {
            const { id } = await trx
              .insertInto('funding_services')
              .values({
                year: label,
                key: service.key,
                name: service.name,
                description: service.description,
                kind: service.kind,
                phases: service.phases,
                sort: service.sort,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            const old = await trx
              .selectFrom('funding_rates')
              .selectAll()
              .where('service_id', '=', service.id)
              .execute();
            // The new year starts with last year's rate as its previous rate, and unchanged until set.
            if (old.length) {
              await trx
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
        }
        await audit(trx, actor, {
          action: 'add',
          recordType: YEAR_RECORD,
          recordId: label,
          details: { copiedFrom: copiedFrom ?? null, services: copied, rates },
        });
        return { kind: 'saved' as const, label, copiedFrom, services: copied };
      });
    },

    /** Adds a service to the year (key from its name, after the others), or changes one. */
    async saveService(
      actor: Actor,
      year: string,
      id: number | undefined,
      body: unknown,
    ): Promise<Invalid | { kind: 'saved'; id: number; name: string }> {
      const form = validate(serviceFormSchema, body);
      if (!form.ok) return { kind: 'invalid', ...form };
      const { name, description, kind, phases } = form.data;
      return db.transaction().execute(async (trx) => {
        const others = await trx
          .selectFrom('funding_services')
          .select(['id', 'key', 'name', 'sort'])
          .where('year', '=', year)
          .execute();
        const key = serviceKeyOf(name)!;
        const clash = others.find(
          (other) =>
            other.id !== id &&
            (other.name.toLowerCase() === name.toLowerCase() || (id === undefined && other.key === key)),
        );
        if (clash) return invalid('name', `${year} already has a service called ${clash.name}`);
        if (id === undefined) {
          const sort = Math.max(0, ...others.map((other) => other.sort)) + 1;
          const added = await trx
            .insertInto('funding_services')
            .values({ year, key, name, description, kind, phases, sort })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(trx, actor, {
            action: 'add',
            recordType: SERVICE_RECORD,
            recordId: added.id,
            details: { year, key, kind, phases },
          });
          return { kind: 'saved' as const, id: added.id, name };
        }
        const dropped = (
          await trx.selectFrom('funding_rates').select('phase').distinct().where('service_id', '=', id).execute()
        )
          .map((row) => row.phase)
          .filter((phase) => !phases.includes(phase));
        if (dropped.length)
          return invalid(
            'phases',
            `Clear the ${dropped.join(' and ')} rates before taking ${dropped.length === 1 ? 'that phase' : 'those phases'} away`,
          );
        // The key stays as it was: printed figures and statements refer to the service by it.
        await trx
          .updateTable('funding_services')
          .set({ name, description, kind, phases })
          .where('id', '=', id)
          .where('year', '=', year)
          .execute();
        await trx
          .deleteFrom('funding_decisions')
          .where('service_id', '=', id)
          .where('phase', 'not in', phases)
          .execute();
        await audit(trx, actor, {
          action: 'change',
          recordType: SERVICE_RECORD,
          recordId: id,
          details: { year, kind, phases },
        });
        return { kind: 'saved' as const, id, name };
      });
    },

    /** Deletes a service that has no rates yet. */
    async deleteService(
      actor: Actor,
      year: string,
      id: number,
    ): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
      return db.transaction().execute(async (trx) => {
        const service = await trx
          .selectFrom('funding_services')
          .select(['name', 'key'])
          .where('id', '=', id)
          .where('year', '=', year)
          .executeTakeFirst();
        if (!service) return { ok: false as const, message: 'There is no such service' };
        const rate = await trx
          .selectFrom('funding_rates')
          .select('factor')
          .where('service_id', '=', id)
          .executeTakeFirst();
        if (rate)
          return {
            ok: false as const,
            message: `${service.name} has rates, so it cannot be deleted; clear its rates first`,
          };
        await trx.deleteFrom('funding_services').where('id', '=', id).execute();
        await audit(trx, actor, {
          action: 'delete',
          recordType: SERVICE_RECORD,
          recordId: id,
          details: { year, key: service.key },
        });
        return { ok: true as const, name: service.name };
      });
    },

    /** Replaces a service's rates with the form's, all in one transaction. */
    async saveRates(
      actor: Actor,
      service: FundingService,
      factors: readonly { key: string; name: string }[],
      body: Record<string, unknown>,
    ): Promise<Invalid | { kind: 'saved'; rates: number }> {
      const form = parseRatesForm(body, service.phases, factors);
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('funding_rates').where('service_id', '=', service.id).execute();
        if (form.rates.length) {
          await trx
            .insertInto('funding_rates')
            .values(
              form.rates.map((rate) => ({
                service_id: service.id,
                phase: rate.phase,
                factor: rate.factor,
                rate_pence: rate.ratePence,
                previous_rate_pence: rate.previousRatePence,
              })),
            )
            .execute();
        }
        const details = {
          key: service.key,
          rates: form.rates.map((rate) => ({
            phase: rate.phase,
            factor: rate.factor,
            pence: rate.ratePence,
            previous: rate.previousRatePence,
          })),
        };
        await audit(trx, actor, { action: 'change-rates', recordType: SERVICE_RECORD, recordId: service.id, details });
      });
      return { kind: 'saved', rates: form.rates.length };
    },

    /** Records the forum's decision for a service in one phase. */
    async saveDecision(
      actor: Actor,
      service: FundingService,
      phase: FundingPhase,
      body: unknown,
    ): Promise<Invalid | { kind: 'saved' }> {
      const form = validate(decisionFormSchema, withDateInputs(body, ['decidedOn']));
      if (!form.ok) return { kind: 'invalid', ...form };
      const values = {
        decision: form.data.decision,
        decided_on: form.data.decidedOn,
        note: form.data.note,
        recorded_by: actor.userId,
        recorded_at: new Date(),
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('funding_decisions')
          .values({ service_id: service.id, phase, ...values })
          .onConflict((oc) => oc.columns(['service_id', 'phase']).doUpdateSet(values))
          .execute();
        await audit(trx, actor, {
          action: 'decide',
          recordType: SERVICE_RECORD,
          recordId: service.id,
          details: { key: service.key, phase, decision: values.decision, decidedOn: values.decided_on },
        });
      });
      return { kind: 'saved' };
    },
  };
}

export type FundingYearsService = ReturnType<typeof fundingYearsService>;
