// "Who's in our family?" [Portsmouth early help assessment, plan, review and closure guidance, §3.1
// D]: every family member and significant adult, all the children including the unborn (with the
// expected date of delivery).
import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import { addCaseEvent, auditCase, readCase } from '../../service.ts';
import { MAX_FAMILY_MEMBERS, readFamilyMemberForm } from '../forms.ts';
import { changeAssessment, refusal, type Outcome } from '../service.ts';
import { addFamilyMember, familyOf, removeFamilyMember } from '../repository.ts';

export function familyService(db: Db, clock: Clock) {
  return {
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'assessment', async (trx, kase) => ({
        kase,
        members: await familyOf(trx, id),
      }));
    },

    add(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx) => {
        const form = readFamilyMemberForm(body, clock.today());
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const input = form.data;
        const members = await familyOf(trx, id);
        if (members.length >= MAX_FAMILY_MEMBERS)
          return refusal(
            'name',
            `A family can have up to ${MAX_FAMILY_MEMBERS} members recorded – remove one before adding another`,
          );
        const memberId = await addFamilyMember(trx, id, input);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'family-member',
          message: `Added ${input.name} (${input.relationship})`,
        });
        await auditCase(trx, actor, id, 'add family member', { memberId, unborn: input.unborn });
        return { kind: 'saved', message: `${input.name} added to the family` };
      });
    },

    remove(actor: Actor, user: CurrentUser, id: number, memberId: number): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx) => {
        const removed = await removeFamilyMember(trx, id, memberId);
        if (!removed) return { kind: 'not-found' };
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'family-member',
          message: `Removed ${removed.name} (${removed.relationship})`,
        });
        await auditCase(trx, actor, id, 'remove family member', { memberId });
        return { kind: 'saved', message: `${removed.name} removed from the family` };
      });
    },
  };
}
