// The professionals on a case: reading them (audited as a view of the case), adding one and
// removing one, each in one transaction with the case row locked and its own audit entry. A
// professional removed is kept, with when and by whom, so the case's history stays whole.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../service.ts';
import type { Reader } from '../repository.ts';
import { professionalSchema } from './rules.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

/** The professionals on the case now (not removed), in the order they were added. */
export function currentProfessionals(db: Reader, caseId: number) {
  return db
    .selectFrom('case_professionals')
    .leftJoin('users', 'users.id', 'case_professionals.added_by')
    .select([
      'case_professionals.id',
      'case_professionals.name',
      'case_professionals.role_or_agency',
      'case_professionals.email',
      'case_professionals.phone',
      'case_professionals.added_at',
      'users.name as added_by_name',
    ])
    .where('case_professionals.case_id', '=', caseId)
    .where('case_professionals.removed_at', 'is', null)
    .orderBy('case_professionals.added_at')
    .orderBy('case_professionals.id')
    .execute();
}

/** The professionals who have left the case, most recently removed first. */
function formerProfessionals(db: Reader, caseId: number) {
  return db
    .selectFrom('case_professionals')
    .leftJoin('users', 'users.id', 'case_professionals.removed_by')
    .select([
      'case_professionals.id',
      'case_professionals.name',
      'case_professionals.role_or_agency',
      'case_professionals.added_at',
      'case_professionals.removed_at',
      'users.name as removed_by_name',
    ])
    .where('case_professionals.case_id', '=', caseId)
    .where('case_professionals.removed_at', 'is not', null)
    .orderBy('case_professionals.removed_at', 'desc')
    .orderBy('case_professionals.id', 'desc')
    .execute();
}

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
        const [current, former] = await Promise.all([currentProfessionals(trx, id), formerProfessionals(trx, id)]);
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
        const { id: professionalId } = await trx
          .insertInto('case_professionals')
          .values({
            case_id: id,
            name: input.name,
            role_or_agency: input.roleOrAgency,
            email: input.email,
            phone: input.phone,
            added_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
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
        const removed = await trx
          .updateTable('case_professionals')
          .set({ removed_at: clock.now(), removed_by: user.id })
          .where('id', '=', professionalId)
          .where('case_id', '=', id)
          .where('removed_at', 'is', null)
          .returning(['name', 'role_or_agency'])
          .executeTakeFirst();
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
