// Recording the family's two consents and their withdrawal [Portsmouth early help assessment, plan,
// review and closure guidance, §2.7]. A withdrawal is kept on the consent, never deleted. A young
// person can give their own consent only from 12.
import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import { formatIsoDate } from '../../../platform/date-input.ts';
import { addCaseEvent, auditCase, readCase } from '../../service.ts';
import { consentKindLabel, consentState } from './rules.ts';
import { readConsentForm, readWithdrawalForm } from '../forms.ts';
import { youngPersonConsentProblem } from '../rules.ts';
import { changeAssessment, refusal, type Outcome } from '../service.ts';
import { addConsent, consentsOf, withdrawConsent } from '../repository.ts';

export function consentService(db: Db, clock: Clock) {
  const consentOf = async (reader: Parameters<typeof consentsOf>[0], caseId: number, consentId: number) =>
    (await consentsOf(reader, caseId)).find((consent) => consent.id === consentId);

  return {
    /** The consents page: where each consent stands today and every consent recorded. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'assessment', async (trx, kase) => {
        const consents = await consentsOf(trx, id);
        return { kase, consents, state: consentState(consents, clock.today()) };
      });
    },

    /** The case and one consent, for the withdrawal form; undefined when either is not found. */
    async withdrawalPage(actor: Actor, user: CurrentUser, id: number, consentId: number) {
      const found = await readCase(db, actor, user, id, 'assessment', async (trx, kase) => ({
        kase,
        consent: await consentOf(trx, id, consentId),
      }));
      return found?.consent ? { kase: found.kase, consent: found.consent } : undefined;
    },

    record(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx, kase) => {
        const form = readConsentForm(body, clock.today());
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const input = form.data;
        if (input.givenByRole === 'young-person') {
          const problem = youngPersonConsentProblem(kase.date_of_birth, input.givenOn);
          if (problem) return refusal('givenByRole', problem);
        }
        const consentId = await addConsent(trx, id, input, user.id);
        const who = input.givenByRole === 'young-person' ? 'the young person' : 'a parent or carer';
        const message = `${consentKindLabel(input.kind)}: ${input.agreed ? 'agreed' : 'did not agree'}, by ${who} on ${formatIsoDate(input.givenOn)}`;
        await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'consent', message });
        await auditCase(trx, actor, id, 'record consent', {
          consentId,
          kind: input.kind,
          agreed: input.agreed,
          role: input.givenByRole,
          givenOn: input.givenOn,
        });
        return { kind: 'saved', message: `Consent recorded: ${consentKindLabel(input.kind).toLowerCase()}` };
      });
    },

    /** Withdraws an agreed consent from a date, with the reason; the consent is kept. */
    withdraw(actor: Actor, user: CurrentUser, id: number, consentId: number, body: unknown): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx) => {
        const consent = await consentOf(trx, id, consentId);
        if (!consent) return { kind: 'not-found' };
        if (!consent.agreed)
          return refusal('withdrawnOn', 'The family did not agree to this, so there is nothing to withdraw');
        if (consent.withdrawn_on)
          return refusal('withdrawnOn', `This consent was already withdrawn on ${formatIsoDate(consent.withdrawn_on)}`);
        const form = readWithdrawalForm(body, consent.given_on, clock.today());
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        await withdrawConsent(trx, id, consentId, form.data);
        const message = `${consentKindLabel(consent.kind)}: withdrawn on ${formatIsoDate(form.data.withdrawnOn)}`;
        await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'consent-withdrawn', message });
        await auditCase(trx, actor, id, 'withdraw consent', {
          consentId,
          kind: consent.kind,
          withdrawnOn: form.data.withdrawnOn,
        });
        return { kind: 'saved', message: `Consent withdrawn: ${consentKindLabel(consent.kind).toLowerCase()}` };
      });
    },
  };
}
