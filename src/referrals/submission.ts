import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readSettings } from '../platform/settings/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { formatIsoDate } from '../platform/date-input.ts';
import { enqueue } from '../platform/notify/outbox.ts';
import { schoolName } from '../schools/service.ts';
import { acknowledgementDueBy, formatLondonDateTime, outcomeDueBy, type ClockRules } from './rules.ts';

/** The clock rules in force, from the service settings. */
export async function clockRules(trx: Kysely<Database> | Transaction<Database>): Promise<ClockRules> {
  const settings = await readSettings(trx);
  return {
    acknowledgeWithinHours: settings['acknowledge-within-hours'],
    outcomeWithinHours: settings['outcome-within-hours'],
    outcomeClock: settings['outcome-clock'],
  };
}

/**
 * Every request is acknowledged on arrival (seed 003: within 24 hours): the acknowledgement is
 * recorded on the referral's timeline and sent to the referrer through the outbox, in the same
 * transaction as the submission.
 */
export async function acknowledge(
  trx: Transaction<Database>,
  referral: { id: number; reference: string; schoolUrn: number; recipient: string },
) {
  const now = new Date();
  const rules = await clockRules(trx);
  const outcomeDue = outcomeDueBy(now, rules, await loadCalendar(trx));
  const school = await trx
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('urn', '=', referral.schoolUrn)
    .executeTakeFirstOrThrow();
  await trx.updateTable('referrals').set({ acknowledged_at: now }).where('id', '=', referral.id).execute();
  await trx
    .insertInto('referral_events')
    .values({
      referral_id: referral.id,
      user_id: null,
      kind: 'acknowledged',
      message: `Received and acknowledged. You will be told the outcome by ${formatLondonDateTime(outcomeDue)}.`,
    })
    .execute();
  await enqueue(trx, {
    template: 'acknowledgement',
    recipient: referral.recipient,
    referralId: referral.id,
    personalisation: {
      reference: referral.reference,
      school_name: schoolName(school),
      date_received: formatIsoDate(now.toISOString().slice(0, 10)),
      outcome_due_by: formatLondonDateTime(outcomeDue),
    },
  });
  return { acknowledgementDue: acknowledgementDueBy(now, rules), outcomeDue };
}
