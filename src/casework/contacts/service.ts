// The case's contacts and lone-working risk checks: reading them (audited as a view of the case)
// and recording them, each in one transaction with the case row locked and its own audit entry.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { readSetting } from '../../platform/settings/service.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { londonDate } from '../../platform/london-time.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../service.ts';
import type { Reader } from '../repository.ts';
import {
  addContact,
  addRiskCheck,
  contactsOf,
  riskCheckOutcomesOf,
  riskChecksOf,
  setFirstContact,
} from './repository.ts';
import {
  contactClock,
  contactSchema,
  contactTypeLabel,
  describeContactClock,
  homeVisitAllowed,
  knownRisks,
  riskCheckSchema,
  riskOutcomeLabel,
} from './rules.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

/** Whether a home visit may be recorded today, from the case's risk checks. */
async function homeVisitCheck(db: Reader, caseId: number, today: string) {
  const checks = await riskCheckOutcomesOf(db, caseId);
  return homeVisitAllowed(
    checks.map((check) => ({ id: check.id, outcome: check.outcome, completedOn: londonDate(check.completed_at) })),
    today,
  );
}

/** The contact clock of a case, as the contacts page shows it. */
async function clockOf(db: Reader, kase: CaseRecord, today: string) {
  const [cal, days] = await Promise.all([loadCalendar(db), readSetting(db, 'initial-contact-working-days')]);
  const clock = contactClock(
    londonDate(kase.allocated_at),
    kase.first_contact_on,
    today,
    { contactWorkingDays: days },
    cal,
  );
  return { ...clock, days, view: describeContactClock(clock) };
}

export function contactsService(db: Db, clock: Clock) {
  const change = (
    user: CurrentUser,
    id: number,
    fn: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  ): Promise<Outcome> => changeOutcome(db, user, id, fn);

  return {
    /** The contacts section, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'contacts', async (trx, kase) => {
        const today = clock.today();
        const [contacts, checks, contactClock, homeVisit] = await Promise.all([
          contactsOf(trx, id),
          riskChecksOf(trx, id),
          clockOf(trx, kase, today),
          homeVisitCheck(trx, id, today),
        ]);
        return {
          kase,
          clock: contactClock,
          homeVisit,
          homeVisitText: homeVisit.ok
            ? `Home visits may go ahead: ${riskOutcomeLabel(homeVisit.outcome).toLowerCase()}`
            : homeVisit.message,
          contacts: contacts.map((contact) => ({
            ...contact,
            typeLabel: contactTypeLabel(contact.contact_type),
            riskLabel: contact.risk_outcome ? riskOutcomeLabel(contact.risk_outcome) : null,
          })),
          riskChecks: checks.map((check) => ({
            ...check,
            outcomeLabel: riskOutcomeLabel(check.outcome),
            risks: knownRisks(check.answers),
          })),
        };
      });
    },

    /** The case and whether a home visit may be recorded, for the forms; undefined when not found. */
    form(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'contacts', async (trx, kase) => ({
        kase,
        homeVisit: await homeVisitCheck(trx, id, clock.today()),
      }));
    },

    /**
     * Records a contact. A home visit needs a risk check that allows it, and is linked to it; the
     * first home visit meets the contact clock (an earlier one recorded later moves it back).
     */
    recordContact(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx, kase) => {
        const now = clock.now();
        const today = londonDate(now);
        const result = validate(contactSchema(londonDate(kase.allocated_at), now, today), body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const input = result.data;
        let riskCheckId: number | null = null;
        if (input.type === 'home-visit') {
          const check = await homeVisitCheck(trx, id, today);
          if (!check.ok) {
            return {
              kind: 'invalid',
              errors: [{ text: check.message, href: `/cases/${id}/contacts/risk-check` }],
              fieldErrors: { type: { text: check.message } },
            };
          }
          riskCheckId = check.riskCheckId;
        }
        const contactId = await addContact(trx, id, {
          contactAt: input.contactAt,
          type: input.type,
          withWhom: input.withWhom,
          summary: input.summary,
          riskCheckId,
          recordedBy: user.id,
        });
        const first =
          input.type === 'home-visit' && (!kase.first_contact_on || input.contactOn < kase.first_contact_on);
        if (first) await setFirstContact(trx, id, input.contactOn);
        const message =
          input.type === 'home-visit'
            ? first
              ? 'Initial home visit recorded'
              : 'Home visit recorded'
            : `${contactTypeLabel(input.type)} recorded`;
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: input.type === 'home-visit' ? 'home-visit' : 'contact',
          message,
        });
        await auditCase(trx, actor, id, 'record contact', { type: input.type, contactId });
        return { kind: 'saved', message };
      });
    },

    /** Records a lone-working risk check. */
    recordRiskCheck(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const result = validate(riskCheckSchema, body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const { answers, outcome, notes } = result.data;
        const riskCheckId = await addRiskCheck(trx, id, { answers, outcome, notes, completedBy: user.id });
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'risk-check',
          message: `Outcome: ${riskOutcomeLabel(outcome).toLowerCase()}`,
        });
        await auditCase(trx, actor, id, 'record risk check', { type: 'risk-check', outcome, riskCheckId });
        return {
          kind: 'saved',
          message: `Lone-working risk check recorded: ${riskOutcomeLabel(outcome).toLowerCase()}`,
        };
      });
    },
  };
}

export type ContactsService = ReturnType<typeof contactsService>;
