/**
 * What the senior practitioner's decisions on places read and write: a place's state, the
 * waiting list, a place's new status, and a parent's withdrawal of consent (names and contact
 * details cleared, the place and its register kept).
 */
import type { DbOrTrx } from '../../../db/connection.ts';
import type { PlaceStatus } from '../../schema.ts';

/** The programme a place is on; undefined when there is no such place. */
export function programmeOfPlace(db: DbOrTrx, placeId: number) {
  return db.selectFrom('group_places').select('programme_id').where('id', '=', placeId).executeTakeFirst();
}

/** A place's status, school and whether consent was withdrawn; the place must exist. */
export function placeState(db: DbOrTrx, placeId: number) {
  return db
    .selectFrom('group_places')
    .select(['id', 'status', 'urn', 'consent_withdrawn_at'])
    .where('id', '=', placeId)
    .executeTakeFirstOrThrow();
}

/** A place's programme and school, for the consent withdrawal form; undefined when there is no such place. */
export function placeForConsent(db: DbOrTrx, placeId: number) {
  return db
    .selectFrom('group_places')
    .select(['id', 'programme_id', 'urn'])
    .where('id', '=', placeId)
    .executeTakeFirst();
}

/** The places on the programme's waiting list, with when each began waiting. */
export function waitingPlaces(db: DbOrTrx, programmeId: number) {
  return db
    .selectFrom('group_places')
    .select(['id', 'waiting_since'])
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'waiting')
    .execute();
}

/** Records a decision on a place: its new status, who decided and when (and when it began waiting, if it did). */
export async function decidePlace(
  db: DbOrTrx,
  placeId: number,
  decision: { status: PlaceStatus; decidedBy: number | null; decidedAt: Date; waitingSince?: Date },
): Promise<void> {
  await db
    .updateTable('group_places')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      ...(decision.waitingSince ? { waiting_since: decision.waitingSince } : {}),
    })
    .where('id', '=', placeId)
    .execute();
}

/**
 * The parent's withdrawal of consent: the parent's and children's names and contact details are
 * cleared and the place takes its new status (with who decided, when the status changed).
 */
export async function withdrawConsentOf(
  db: DbOrTrx,
  placeId: number,
  change: { status: PlaceStatus; withdrawnAt: Date; decided?: { by: number | null; at: Date } },
): Promise<void> {
  await db
    .updateTable('group_places')
    .set({
      parent_name: null,
      parent_contact: null,
      consent_by: null,
      consent_to_share: false,
      consent_withdrawn_at: change.withdrawnAt,
      status: change.status,
      ...(change.decided ? { decided_by: change.decided.by, decided_at: change.decided.at } : {}),
    })
    .where('id', '=', placeId)
    .execute();
  await db
    .updateTable('group_place_children')
    .set({ child_name: null, upn: null })
    .where('place_id', '=', placeId)
    .execute();
}
