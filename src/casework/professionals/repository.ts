// The professionals on a case, as stored: those on it now, those who have left (kept, with when
// and by whom), adding one and taking one off.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';
import type { ProfessionalInput } from './rules.ts';

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
export function formerProfessionals(db: Reader, caseId: number) {
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

export function professionalsRepository() {
  return {
    current: currentProfessionals,
    former: formerProfessionals,

    async add(trx: Trx, caseId: number, input: ProfessionalInput, addedBy: number): Promise<number> {
      const { id } = await trx
        .insertInto('case_professionals')
        .values({
          case_id: caseId,
          name: input.name,
          role_or_agency: input.roleOrAgency,
          email: input.email,
          phone: input.phone,
          added_by: addedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Takes a professional off the case, keeping the record; undefined when they are not on it. */
    remove(trx: Trx, caseId: number, professionalId: number, removedBy: number, at: Date) {
      return trx
        .updateTable('case_professionals')
        .set({ removed_at: at, removed_by: removedBy })
        .where('id', '=', professionalId)
        .where('case_id', '=', caseId)
        .where('removed_at', 'is', null)
        .returning(['name', 'role_or_agency'])
        .executeTakeFirst();
    },
  };
}
