/**
 * Places on group programmes. Nominating: a school nominates a parent at one of its schools for a
 * parent group, or a child on its roll for its small group; the senior practitioner may nominate
 * for any school. Bad input and refusals are shown on the form with nothing saved.
 *
 * The senior practitioner's decisions on places (Havering SEMH Team proposal: groups are "managed
 * and organised by the Senior SSFP, in liaison with each school"): confirm (onto the waiting list when full),
 * decline, withdraw; and a parent's withdrawal of consent, which clears names and contact details
 * but keeps the place and its register as counts. Each is one transaction with the programme row
 * locked; a freed place goes to the longest waiting.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { schoolName } from '../../schools/service.ts';
import { organisesGroups } from '../../platform/policies.ts';
import type { PlaceStatus } from '../schema.ts';
import { placesOf } from '../programmes/repository.ts';
import { readChildNomination, readParentNomination } from './forms.ts';
import {
  ACTIVE_STATUSES,
  closedReason,
  confirmedOrWaiting,
  longestWaiting,
  participantLabel,
  STATUS_NAMES,
} from './rules.ts';
import {
  confirmedCount,
  PLACE_RECORD,
  placeChild,
  placeParent,
  programmeFacts,
  pupilsOnRoll,
  schoolsToChoose,
  type ProgrammeFacts,
  type Trx,
} from './repository.ts';
import {
  decidePlace,
  placeForConsent,
  placeState,
  programmeOfPlace,
  waitingPlaces,
  withdrawConsentOf,
} from './decisions/repository.ts';

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
async function fillFromWaitingList(trx: Trx, actor: Actor, programme: ProgrammeFacts, now: Date): Promise<string> {
  if ((await confirmedCount(trx, programme.id)) >= programme.capacity) return '';
  const waiting = await waitingPlaces(trx, programme.id);
  const next = longestWaiting(waiting);
  if (!next) return '';
  await decidePlace(trx, next.id, { status: 'confirmed', decidedBy: actor.userId, decidedAt: now });
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
  const found = await programmeOfPlace(trx, placeId);
  const programme = found && (await programmeFacts(trx, found.programme_id, true));
  if (!programme) return undefined;
  const place = await placeState(trx, placeId);
  return { programme, place };
}

export function placeDecisionsService(db: Db, clock: Clock) {
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
        await decidePlace(trx, placeId, {
          status,
          decidedBy: actor.userId,
          decidedAt: clock.now(),
          ...(status === 'waiting' ? { waitingSince: clock.now() } : {}),
        });
        await audit(trx, actor, {
          action: decision,
          recordType: PLACE_RECORD,
          recordId: placeId,
          details: { programmeId: programme.id, from: place.status, to: status },
        });
        if (status === 'waiting') return done(`${programme.name} is full, so ${label} has gone on the waiting list`);
        if (status === 'confirmed') return done(`Place confirmed for ${label}`);
        const promoted = await fillFromWaitingList(trx, actor, programme, clock.now());
        return done(
          `${status === 'declined' ? 'Nomination declined' : 'Place withdrawn'} for ${label}.${promoted}`.trim(),
        );
      });
    },

    /** The place for the withdrawal form (its read audited), or undefined when the user may not withdraw it. */
    withdrawConsentPage(actor: Actor, user: CurrentUser, placeId: number) {
      return db.transaction().execute(async (trx) => {
        const place = await placeForConsent(trx, placeId);
        if (!place || !(organisesGroups(user.roles) || user.schoolUrns.includes(place.urn))) return undefined;
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
        if (!found || !(organisesGroups(user.roles) || user.schoolUrns.includes(found.place.urn)))
          return { kind: 'not-found' };
        const { programme, place } = found;
        const label = await labelOf(trx, programme, placeId);
        if (place.consent_withdrawn_at)
          return { kind: 'done', programmeId: programme.id, message: `Consent was already withdrawn for ${label}` };
        const status = ACTIVE_STATUSES.includes(place.status) ? 'withdrawn' : place.status;
        await withdrawConsentOf(trx, placeId, {
          status,
          withdrawnAt: clock.now(),
          ...(status !== place.status ? { decided: { by: actor.userId, at: clock.now() } } : {}),
        });
        await audit(trx, actor, {
          action: 'withdraw consent',
          recordType: PLACE_RECORD,
          recordId: placeId,
          details: { programmeId: programme.id, from: place.status, to: status },
        });
        const promoted =
          place.status === 'confirmed' ? await fillFromWaitingList(trx, actor, programme, clock.now()) : '';
        return {
          kind: 'done',
          programmeId: programme.id,
          message: `Consent withdrawn for ${label}: their name and contact details have been removed.${promoted}`,
        };
      });
    },
  };
}

const PROGRAMME_RECORD = 'group-programme';

export type Nominated =
  | { kind: 'saved'; programmeId: number; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' };

const refusal = (field: string, message: string): Nominated => ({
  kind: 'invalid',
  errors: [{ text: message, href: `#${field}` }],
  fieldErrors: { [field]: { text: message } },
});

/** Why this user cannot nominate for the programme now, or undefined when they can. */
function cannotNominate(user: CurrentUser, programme: ProgrammeFacts, today: string): string | undefined {
  const closed = closedReason(programme, today);
  if (closed) return closed;
  if (programme.kind === 'small-group' && !organisesGroups(user.roles) && !user.schoolUrns.includes(programme.urn!)) {
    return `Only ${programme.schoolName} can nominate children for this small group`;
  }
  return undefined;
}

export function nominationService(db: Db, clock: Clock) {
  /** The schools a nominator may choose: their own, or any authority school for the senior practitioner. */
  async function schoolChoices(user: CurrentUser) {
    const rows = await schoolsToChoose(db, organisesGroups(user.roles) ? undefined : user.schoolUrns);
    return rows.map((row) => ({ urn: row.urn, name: schoolName(row) }));
  }

  /** The small group school's pupils on roll for the programme's year. */
  function roll(programme: ProgrammeFacts) {
    return pupilsOnRoll(db, programme.academic_year, programme.urn ?? -1);
  }

  return {
    /** The form: the programme, why nominations cannot be made (if so), and the choices. */
    async form(actor: Actor, user: CurrentUser, programmeId: number) {
      const programme = await programmeFacts(db, programmeId);
      if (!programme) return undefined;
      const closed = cannotNominate(user, programme, clock.today());
      if (closed) return { programme, closed, schools: [], pupils: [] };
      if (programme.kind === 'parent-group')
        return { programme, closed, schools: await schoolChoices(user), pupils: [] };
      const pupils = (await roll(programme)).map((pupil) => ({
        upn: pupil.upn,
        text: `${pupil.first_name} ${pupil.last_name} (Year ${pupil.year_group}, ${pupil.upn})`,
      }));
      // The school's roll is personal data: its read is audited.
      await audit(db, actor, {
        action: 'view roll',
        recordType: PROGRAMME_RECORD,
        recordId: programmeId,
        details: { urn: programme.urn, pupilsShown: pupils.length },
      });
      return { programme, closed, schools: [], pupils };
    },

    async nominate(actor: Actor, user: CurrentUser, programmeId: number, body: unknown): Promise<Nominated> {
      const today = clock.today();
      const programme = await programmeFacts(db, programmeId);
      if (!programme) return { kind: 'not-found' };
      const closed = cannotNominate(user, programme, today);
      if (closed) return refusal('form', closed);

      if (programme.kind === 'parent-group') {
        const form = readParentNomination(
          body,
          (await schoolChoices(user)).map((school) => school.urn),
        );
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const placed = await db.transaction().execute(async (trx) => {
          const locked = (await programmeFacts(trx, programmeId, true))!;
          return placeParent(trx, actor, locked, { ...form.data, caseId: null }, clock);
        });
        return placed.kind === 'refused'
          ? refusal('urn', placed.message)
          : { kind: 'saved', programmeId, message: placed.message };
      }

      const form = readChildNomination(body, today);
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      const pupil = (await roll(programme)).find((row) => row.upn === form.data.upn);
      if (!pupil) return refusal('upn', `Select a child on ${programme.schoolName}’s roll`);
      const placed = await db.transaction().execute(async (trx) => {
        const locked = (await programmeFacts(trx, programmeId, true))!;
        const who = {
          urn: programme.urn!,
          upn: pupil.upn,
          childName: `${pupil.first_name} ${pupil.last_name}`,
          yearGroup: pupil.year_group,
          consentBy: form.data.consentBy,
          consentOn: form.data.consentOn,
        };
        return placeChild(trx, actor, locked, who, clock);
      });
      return placed.kind === 'refused'
        ? refusal('upn', placed.message)
        : { kind: 'saved', programmeId, message: placed.message };
    },
  };
}
