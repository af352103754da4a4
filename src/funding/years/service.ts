// The finance officer's funding data (Havering schools forum report 2024-25): funding years (a
// new one may copy the year before's services and rates, each rate becoming the new year's
// previous rate), the services in paper order with their phases, the rates per phase × factor
// and the forum's decision per phase, and a year worked out as the forum paper prints it. Every
// change is audited in the same transaction as the change itself.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Invalid } from '../../platform/form-outcome.ts';
import { validate } from '../../platform/validation.ts';
import { calculate, type Calculation, type Phase } from '../rules.ts';
import { decisionFormSchema, parseRatesForm, serviceFormSchema, yearFormSchema } from './forms.ts';
import {
  copyServices,
  factorChoices,
  loadFundingYear,
  servicesOf,
  statementsFor,
  yearExists,
  yearSummaries,
  type FundingService,
  type FundingYearData,
} from './repository.ts';
import { isFundingYearLabel, serviceKeyOf, yearToCopy } from './rules.ts';

export const YEAR_RECORD = 'funding-year';
export const SERVICE_RECORD = 'funding-service';

const invalid = (field: string, text: string): Invalid => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

export function fundingYearsService(db: Db, clock: Clock) {
  return {
    /** Every funding year, newest first, with how many services and schools it has. */
    list: () => yearSummaries(db),

    /** The years' data set entries for a school user's own schools: the statements they may open. */
    statementsFor: (urns: readonly number[]) => statementsFor(db, urns),

    exists: (label: string) => yearExists(db, label),

    /** The formula factors rates may be per unit of, in their order. */
    factors: () => factorChoices(db),

    /** A year's services in paper order, with decisions and rates. */
    services: (year: string) => servicesOf(db, year),

    async service(year: string, id: number): Promise<FundingService | undefined> {
      return (await servicesOf(db, year, id))[0];
    },

    /** A year and its figures worked out, or 404 when the label names no funding year. */
    async calculated(label: string): Promise<{ year: FundingYearData; calculation: Calculation }> {
      const year = isFundingYearLabel(label) ? await loadFundingYear(db, label) : undefined;
      if (!year) throw new NotFoundError();
      return { year, calculation: calculate(year.schools, year.rates) };
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
        const { services: copied, rates } = copiedFrom
          ? await copyServices(trx, copiedFrom, label)
          : { services: 0, rates: 0 };
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
      phase: Phase,
      body: unknown,
    ): Promise<Invalid | { kind: 'saved' }> {
      const form = validate(decisionFormSchema, withDateInputs(body, ['decidedOn']));
      if (!form.ok) return { kind: 'invalid', ...form };
      const values = {
        decision: form.data.decision,
        decided_on: form.data.decidedOn,
        note: form.data.note,
        recorded_by: actor.userId,
        recorded_at: clock.now(),
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
