// Changing the lead professional at a review [Portsmouth early help assessment, plan, review and
// closure guidance, §2.5: 'when the LP changes, records must be updated and everyone involved
// informed']. The case has one lead at a time: the current spell ends on the meeting's date, the
// new one starts then, the case moves to the new lead's caseload (with their practitioner type, if
// set), and the new lead, the old lead, the referrer and every professional on the case with an
// email address are told, each once. In the caller's transaction.
import type { Actor } from '../../../platform/audit/audit.ts';
import { formatIsoDate } from '../../../platform/date-input.ts';
import { enqueue } from '../../../platform/notify/outbox.ts';
import { addCaseEvent, auditCase, type CaseRecord, type Trx } from '../../service.ts';
import { distinctEmails } from '../../professionals/rules.ts';
import { currentProfessionals } from '../../professionals/repository.ts';
import { meetingsRepository } from '../repository.ts';

const repository = meetingsRepository();

export interface LeadChange {
  newLeadId: number;
  reason: string;
  fromDate: string;
}

export async function changeLead(
  trx: Trx,
  actor: Actor,
  kase: CaseRecord,
  change: LeadChange,
): Promise<{ name: string }> {
  const newLead = (await repository.leadChoices(trx)).find((choice) => choice.id === change.newLeadId);
  if (!newLead) throw new Error('The new lead professional is not an active practitioner');
  await repository.handOver(trx, kase.id, {
    practitionerId: newLead.id,
    practitionerType: newLead.practitioner_type ?? kase.practitioner_type,
    fromDate: change.fromDate,
    reason: change.reason,
    changedBy: actor.userId,
  });

  const referrer = await repository.referrerEmail(trx, kase.referral_id);
  const professionals = await currentProfessionals(trx, kase.id);
  const recipients = distinctEmails([
    newLead.email,
    kase.lead_email,
    referrer,
    ...professionals.map((professional) => professional.email),
  ]);
  const personalisation = {
    reference: kase.reference ?? String(kase.id),
    lead_professional: newLead.name,
    from_date: formatIsoDate(change.fromDate),
  };
  for (const recipient of recipients) {
    await enqueue(trx, {
      template: 'lead-professional-changed',
      recipient,
      referralId: kase.referral_id,
      personalisation,
    });
  }

  await addCaseEvent(trx, {
    caseId: kase.id,
    userId: actor.userId,
    kind: 'lead-changed',
    message: `${kase.lead_name} to ${newLead.name} from ${formatIsoDate(change.fromDate)}. Reason: ${change.reason}`,
  });
  await auditCase(trx, actor, kase.id, 'change-lead', {
    from: kase.practitioner_id,
    to: newLead.id,
    fromDate: change.fromDate,
    told: recipients.length,
  });
  return { name: newLead.name };
}
