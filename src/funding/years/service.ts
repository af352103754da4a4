// The finance officer's funding data (Havering schools forum report 2024-25): funding years (a
// new one may copy the year before's services and rates, each rate becoming the new year's
// previous rate), the services in paper order with their phases, the rates per phase × factor
// and the forum's decision per phase. Every change is audited in the same transaction as the
// change itself.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { invalid as invalidForm, saved, type FormOutcome, type Invalid } from '../../platform/form-outcome.ts';
import { validate } from '../../platform/validation.ts';
import { PHASE_NAMES, type Phase } from '../rules.ts';
import { decisionFormSchema, parseRatesForm, serviceFormSchema, yearFormSchema } from './forms.ts';
import {
  copyServices,
  deleteService,
  factorChoices,
  insertService,
  insertYear,
  ratedPhases,
  replaceRates,
  saveDecision,
  serviceNames,
  servicesOf,
  serviceToDelete,
  statementsFor,
  updateService,
  yearExists,
  yearLabels,
  yearSummaries,
  type FundingService,
} from './repository.ts';
import { serviceKeyOf, yearToCopy } from './rules.ts';

export const YEAR_RECORD = 'funding-year';
export const SERVICE_RECORD = 'funding-service';

const invalid = (field: string, text: string): Invalid => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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

    /** Adds a funding year, optionally copying the newest earlier year's services and rates. */
    async addYear(actor: Actor, body: unknown): Promise<FormOutcome<{ label: string }>> {
      const form = validate(yearFormSchema, body);
      if (!form.ok) return invalidForm(form);
      const { year: label, copy } = form.data;
      return db.transaction().execute(async (trx) => {
        const existing = await yearLabels(trx);
        if (existing.includes(label)) return invalid('year', `The funding year ${label} already exists`);
        const copiedFrom = copy ? yearToCopy(label, existing) : undefined;
        if (copy && !copiedFrom)
          return invalid('copy', 'There is no earlier year to copy; add the year without copying');
        await insertYear(trx, label);
        const copied = copiedFrom ? await copyServices(trx, copiedFrom, label) : { services: 0, rates: 0 };
        await audit(trx, actor, {
          action: 'add',
          recordType: YEAR_RECORD,
          recordId: label,
          details: { copiedFrom: copiedFrom ?? null, services: copied.services, rates: copied.rates },
        });
        return saved(
          copiedFrom
            ? `Funding year ${label} added with ${plural(copied.services, 'service', 'services')} and their rates copied from ${copiedFrom}`
            : `Funding year ${label} added`,
          { label },
        );
      });
    },

    /** Adds a service to the year (key from its name, after the others), or changes one. */
    async saveService(
      actor: Actor,
      year: string,
      id: number | undefined,
      body: unknown,
    ): Promise<FormOutcome<{ id: number }>> {
      const form = validate(serviceFormSchema, body);
      if (!form.ok) return invalidForm(form);
      const { name, description, kind, phases } = form.data;
      return db.transaction().execute(async (trx) => {
        const others = await serviceNames(trx, year);
        const key = serviceKeyOf(name)!;
        const clash = others.find(
          (other) =>
            other.id !== id &&
            (other.name.toLowerCase() === name.toLowerCase() || (id === undefined && other.key === key)),
        );
        if (clash) return invalid('name', `${year} already has a service called ${clash.name}`);
        if (id === undefined) {
          const sort = Math.max(0, ...others.map((other) => other.sort)) + 1;
          const added = await insertService(trx, { year, key, name, description, kind, phases, sort });
          await audit(trx, actor, {
            action: 'add',
            recordType: SERVICE_RECORD,
            recordId: added,
            details: { year, key, kind, phases },
          });
          return saved(`${name} added; now set its rates`, { id: added });
        }
        const dropped = (await ratedPhases(trx, id)).filter((phase) => !phases.includes(phase));
        if (dropped.length)
          return invalid(
            'phases',
            `Clear the ${dropped.join(' and ')} rates before taking ${dropped.length === 1 ? 'that phase' : 'those phases'} away`,
          );
        // The key stays as it was: printed figures and statements refer to the service by it.
        await updateService(trx, year, id, { name, description, kind, phases });
        await audit(trx, actor, {
          action: 'change',
          recordType: SERVICE_RECORD,
          recordId: id,
          details: { year, kind, phases },
        });
        return saved(`${name} saved`, { id });
      });
    },

    /** Deletes a service that has no rates yet. */
    async deleteService(
      actor: Actor,
      year: string,
      id: number,
    ): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
      return db.transaction().execute(async (trx) => {
        const service = await serviceToDelete(trx, year, id);
        if (!service) return { ok: false as const, message: 'There is no such service' };
        if (service.hasRates)
          return {
            ok: false as const,
            message: `${service.name} has rates, so it cannot be deleted; clear its rates first`,
          };
        await deleteService(trx, id);
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
    ): Promise<FormOutcome> {
      const form = parseRatesForm(body, service.phases, factors);
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      await db.transaction().execute(async (trx) => {
        await replaceRates(trx, service.id, form.rates);
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
      return saved(`Rates for ${service.name} saved`);
    },

    /** Records the forum's decision for a service in one phase. */
    async saveDecision(actor: Actor, service: FundingService, phase: Phase, body: unknown): Promise<FormOutcome> {
      const form = validate(decisionFormSchema, withDateInputs(body, ['decidedOn']));
      if (!form.ok) return invalidForm(form);
      const { decision, decidedOn, note } = form.data;
      await db.transaction().execute(async (trx) => {
        await saveDecision(trx, service.id, phase, {
          decision,
          decidedOn,
          note,
          recordedBy: actor.userId,
          at: clock.now(),
        });
        await audit(trx, actor, {
          action: 'decide',
          recordType: SERVICE_RECORD,
          recordId: service.id,
          details: { key: service.key, phase, decision, decidedOn },
        });
      });
      return saved(`Forum decision for ${service.name} (${PHASE_NAMES[phase]}) saved`);
    },
  };
}

export type FundingYearsService = ReturnType<typeof fundingYearsService>;
