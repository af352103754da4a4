// A case's contacts with the family and its lone-working risk checks, as stored.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';

export function contactsOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_contacts')
    .leftJoin('users', 'users.id', 'case_contacts.recorded_by')
    .leftJoin('case_risk_checks', 'case_risk_checks.id', 'case_contacts.risk_check_id')
    .select([
      'case_contacts.id',
      'case_contacts.contact_at',
      'case_contacts.contact_type',
      'case_contacts.with_whom',
      'case_contacts.summary',
      'users.name as recorded_by_name',
      'case_risk_checks.outcome as risk_outcome',
    ])
    .where('case_contacts.case_id', '=', caseId)
    .orderBy('case_contacts.contact_at', 'desc')
    .orderBy('case_contacts.id', 'desc')
    .execute();
}

export function riskChecksOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_risk_checks')
    .leftJoin('users', 'users.id', 'case_risk_checks.completed_by')
    .select([
      'case_risk_checks.id',
      'case_risk_checks.completed_at',
      'case_risk_checks.outcome',
      'case_risk_checks.answers',
      'case_risk_checks.notes',
      'users.name as completed_by_name',
    ])
    .where('case_risk_checks.case_id', '=', caseId)
    .orderBy('case_risk_checks.completed_at', 'desc')
    .orderBy('case_risk_checks.id', 'desc')
    .execute();
}

/** The outcome and date of each of the case's risk checks. */
export function riskCheckOutcomesOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_risk_checks')
    .select(['id', 'outcome', 'completed_at'])
    .where('case_id', '=', caseId)
    .execute();
}

export interface NewContact {
  contactAt: Date;
  type: string;
  withWhom: string;
  summary: string;
  riskCheckId: number | null;
  recordedBy: number;
}

export async function addContact(trx: Trx, caseId: number, contact: NewContact): Promise<number> {
  const { id } = await trx
    .insertInto('case_contacts')
    .values({
      case_id: caseId,
      contact_at: contact.contactAt,
      contact_type: contact.type,
      with_whom: contact.withWhom,
      summary: contact.summary,
      risk_check_id: contact.riskCheckId,
      recorded_by: contact.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records the date of the case's first home visit (which meets its contact clock). */
export async function setFirstContact(trx: Trx, caseId: number, on: string): Promise<void> {
  await trx.updateTable('cases').set({ first_contact_on: on }).where('id', '=', caseId).execute();
}

export async function addRiskCheck(
  trx: Trx,
  caseId: number,
  check: { answers: unknown; outcome: string; notes: string | null; completedBy: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('case_risk_checks')
    .values({
      case_id: caseId,
      answers: JSON.stringify(check.answers),
      outcome: check.outcome,
      notes: check.notes,
      completed_by: check.completedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
