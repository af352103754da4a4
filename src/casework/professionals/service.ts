// The professionals on a case: reading them (audited as a view of the case), adding one and
// removing one, each in one transaction with the case row locked and its own audit entry. A
// professional removed is kept, with when and by whom, so the case's history stays whole.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../service.ts';
import { professionalsRepository } from './repository.ts';
import { professionalSchema } from './rules.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

const repository = professionalsRepository();

export function professionalsService(db: Db, clock: Clock) {
  const change = (
    user: CurrentUser,
    id: number,
    fn: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  ): Promise<Outcome> => changeOutcome(db, user, id, fn);

  return {
    /** The professionals section, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'professionals', async (trx, kase) => {
        const [current, former] = await Promise.all([repository.current(trx, id), repository.former(trx, id)]);
        return { kase, current, former };
      });
    },

    /** The case, for the form; undefined when not found. */
    form(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'professionals', async (_trx, kase) => ({ kase }));
    },

    add(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const result = validate(professionalSchema, body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const input = result.data;
        const professionalId = await repository.add(trx, id, input, user.id);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'professional-added',
          message: `${input.name} (${input.roleOrAgency}) added to the case`,
        });
        await auditCase(trx, actor, id, 'add professional', {
          professionalId,
          email: input.email !== null,
          phone: input.phone !== null,
        });
        return { kind: 'saved', message: `${input.name} added to the case` };
      });
    },

    /** Takes a professional off the case, keeping the record; not found when they are not on it. */
    remove(actor: Actor, user: CurrentUser, id: number, professionalId: number): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const removed = await repository.remove(trx, id, professionalId, user.id, clock.now());
        if (!removed) return { kind: 'not-found' };
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'professional-removed',
          message: `${removed.name} (${removed.role_or_agency}) removed from the case`,
        });
        await auditCase(trx, actor, id, 'remove professional', { professionalId });
        return { kind: 'saved', message: `${removed.name} removed from the case` };
      });
    },
  };
}
