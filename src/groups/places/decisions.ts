/**
 * The senior practitioner's decisions on places [seed 000: groups are "managed and organised by
 * the Senior SSFP, in liaison with each school"]: confirm (onto the waiting list when full),
 * decline, withdraw; and a parent's withdrawal of consent, which clears names and contact details
 * but keeps the place and its register as counts. Each is one transaction with the programme row
 * locked; a freed place goes to the longest waiting.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { isOrganiser } from '../access.ts';
import type { PlaceStatus } from '../schema.ts';
import { placesOf } from './listing.ts';
import { ACTIVE_STATUSES, confirmedOrWaiting, longestWaiting, participantLabel, STATUS_NAMES } from './rules.ts';
import { confirmedCount, PLACE_RECORD, programmeFacts, type ProgrammeFacts, type Trx } from './service.ts';

export type Decision = 'confirm' | 'decline' | 'withdraw';
export const DECISIONS: readonly Decision[] = ['confirm', 'decline', 'withdraw'];

export type Decided = { kind: 'done'; programmeId: number; message: string } | { kind: 'not-found' };

/** What each decision may start from. */
const FROM: Record<Decision, readonly PlaceStatus[]> = {
  confirm: ['nominated', 'waiting'],
  decline: ['nominated'],
  withdraw: ['confirmed', 'waiting'],
};

async function labelOf(trx: Trx, programme: ProgrammeFacts, placeId: number): Promise<string> {
  const place = (await placesOf(trx, programme.id)).find((row) => row.id === placeId);
  return place ? participantLabel(place, programme.kind) : `Place ${placeId}`;
}

/** Gives a free place to the longest waiting; the sentence naming them, if anyone was promoted. */
async function fillFromWaitingList(trx: Trx, actor: Actor, programme: ProgrammeFacts): Promise<string> {
  if ((await confirmedCount(trx, programme.id)) >= programme.capacity) return '';
  const waiting = await trx
    .selectFrom('group_places')
    .select(['id', 'waiting_since'])
    .where('programme_id', '=', programme.id)
    .where('status', '=', 'waiting')
    .execute();
  const next = longestWaiting(waiting);
  if (!next) return '';
  await trx
    .updateTable('group_places')
    .set({ status: 'confirmed', decided_by: actor.userId, decided_at: new Date() })
    .where('id', '=', next.id)
    .execute();
  await audit(trx, actor, {
    action: 'confirm from waiting list',
    recordType: PLACE_RECORD,
    recordId: next.id,
    details: { programmeId: programme.id },
  });
  return ` ${await labelOf(trx, programme, next.id)} has been given the place from the waiting list.`;
}

/** Finds a place and locks its programme; undefined when there is no such place. */
async function lockedPlace(trx: Trx, placeId: number) {
  const found = await trx
    .selectFrom('group_places')
    .select('programme_id')
    .where('id', '=', placeId)
    .executeTakeFirst();
  const programme = found && (await programmeFacts(trx, found.programme_id, true));
  if (!programme) return undefined;
  const place = await trx
    .selectFrom('group_places')
    .select(['id', 'status', 'urn', 'consent_withdrawn_at'])
    .where('id', '=', placeId)
    .executeTakeFirstOrThrow();
  return { programme, place };
}

export function decisionsService(db: Db) {
  return {
    /** Confirms, declines or withdraws a place. */
    decide(actor: Actor, placeId: number, decision: Decision): Promise<Decided> {
      return db.transaction().execute(async (trx): Promise<Decided> => {
        const found = await lockedPlace(trx, placeId);
        if (!found) return { kind: 'not-found' };
        const { programme, place } = found;
        const done = (message: string): Decided => ({ kind: 'done', programmeId: programme.id, message });
        const label = await labelOf(trx, programme, placeId);
        if (!FROM[decision].includes(place.status))
          return done(
            `${label}’s place is ${STATUS_NAMES[place.status].toLowerCase()}, so it cannot be ${decision === 'confirm' ? 'confirmed' : decision === 'decline' ? 'declined' : 'withdrawn'}`,
          );
        if (decision === 'confirm' && programme.status === 'cancelled')
          return done('This programme has been cancelled, so places cannot be confirmed');

        let status: PlaceStatus;
        if (decision === 'confirm')
          status = confirmedOrWaiting(await confirmedCount(trx, programme.id), programme.capacity);
        else status = decision === 'decline' ? 'declined' : 'withdrawn';
        if (status === 'waiting' && place.status === 'waiting')
          return done(`${programme.name} is still full, so ${label} stays on the waiting list`);
        await trx
          .updateTable('group_places')
          .set({
            status,
            decided_by: actor.userId,
            decided_at: new Date(),
            ...(status === 'waiting' ? { waiting_since: new Date() } : {}),
          })
          .where('id', '=', placeId)
          .execute();
        await audit(trx, actor, {
          action: decision,
          recordType: PLACE_RECORD,
          recordId: placeId,
          details: { programmeId: programme.id, from: place.status, to: status },
        });
        if (status === 'waiting') return done(`${programme.name} is full, so ${label} has gone on the waiting list`);
        if (status === 'confirmed') return done(`Place confirmed for ${label}`);
        const promoted = await fillFromWaitingList(trx, actor, programme);
        return done(
          `${status === 'declined' ? 'Nomination declined' : 'Place withdrawn'} for ${label}.${promoted}`.trim(),
        );
      });
    },

    /** The place for the withdrawal form (its read audited), or undefined when the user may not withdraw it. */
    withdrawConsentPage(actor: Actor, user: CurrentUser, placeId: number) {
      return db.transaction().execute(async (trx) => {
        const place = await trx
          .selectFrom('group_places')
          .select(['id', 'programme_id', 'urn'])
          .where('id', '=', placeId)
          .executeTakeFirst();
        if (!place || !(isOrganiser(user) || user.schoolUrns.includes(place.urn))) return undefined;
        const programme = (await programmeFacts(trx, place.programme_id))!;
        await audit(trx, actor, {
          action: 'view',
          recordType: PLACE_RECORD,
          recordId: placeId,
          details: { programmeId: programme.id, page: 'withdraw consent' },
        });
        return { placeId, programme, label: await labelOf(trx, programme, placeId) };
      });
    },

    /**
     * The parent withdraws consent: names and contact details are cleared, the place is withdrawn
     * and its register kept. The senior practitioner or the nominating school's users may record it.
     */
    withdrawConsent(actor: Actor, user: CurrentUser, placeId: number): Promise<Decided> {
      return db.transaction().execute(async (trx): Promise<Decided> => {
        const found = await lockedPlace(trx, placeId);
        if (!found || !(isOrganiser(user) || user.schoolUrns.includes(found.place.urn))) return { kind: 'not-found' };
        const { programme, place } = found;
        const label = await labelOf(trx, programme, placeId);
        if (place.consent_withdrawn_at)
          return { kind: 'done', programmeId: programme.id, message: `Consent was already withdrawn for ${label}` };
        const status = ACTIVE_STATUSES.includes(place.status) ? 'withdrawn' : place.status;
        await trx
          .updateTable('group_places')
          .set({
            parent_name: null,
            parent_contact: null,
            consent_by: null,
            consent_to_share: false,
            consent_withdrawn_at: new Date(),
            status,
            ...(status !== place.status ? { decided_by: actor.userId, decided_at: new Date() } : {}),
          })
          .where('id', '=', placeId)
          .execute();
        await trx
          .updateTable('group_place_children')
          .set({ child_name: null, upn: null })
          .where('place_id', '=', placeId)
          .execute();
        await audit(trx, actor, {
          action: 'withdraw consent',
          recordType: PLACE_RECORD,
          recordId: placeId,
          details: { programmeId: programme.id, from: place.status, to: status },
        });
        const promoted = place.status === 'confirmed' ? await fillFromWaitingList(trx, actor, programme) : '';
        return {
          kind: 'done',
          programmeId: programme.id,
          message: `Consent withdrawn for ${label}: their name and contact details have been removed.${promoted}`,
        };
      });
    },
  };
}
