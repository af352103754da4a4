/**
 * Group places from a case: a family with an open case shows their group places on the case page,
 * and booking from a case is one click. The parent is the child's carer with parental
 * responsibility; the family must have agreed to share their information (the case's plan-sharing
 * consent, Portsmouth early help assessment/plan/review/closure guidance).
 */
import type { Db, DbOrTrx } from '../../db/connection.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { changeCase } from '../../casework/service.ts';
import { maySharePlan } from '../../casework/assessment/consent/rules.ts';
import { consentsOf } from '../../casework/assessment/repository.ts';
import { clusterSchoolsOn } from '../clusters/repository.ts';
import { groupYearOf } from '../rules.ts';
import { ACTIVE_STATUSES, bookingFor, STATUS_NAMES } from '../places/rules.ts';
import { confirmedCount, placeParent, programmeFacts } from '../places/repository.ts';
import { carerToBook, caseSchool, openParentGroups, placesOfCase } from './repository.ts';

/** The case's group places (with sessions attended of those held so far) and the parent groups it could book. */
export async function groupPlacesForCase(db: DbOrTrx, caseId: number, today: string) {
  const kase = await caseSchool(db, caseId);
  if (!kase) return { places: [], bookable: [] };
  const rows = await placesOfCase(db, caseId, today);
  const places = rows.map((row) => ({
    id: row.id,
    programmeId: row.programme_id,
    name: row.name,
    termName: row.term_name,
    status: row.status,
    statusName: STATUS_NAMES[row.status],
    attended: Number(row.attended ?? 0),
    held: Number(row.held ?? 0),
  }));
  const booked = new Set(
    places.filter((place) => ACTIVE_STATUSES.includes(place.status)).map((place) => place.programmeId),
  );

  const open = await openParentGroups(db, groupYearOf(today), today);
  const bookable = [];
  for (const { id } of open) {
    if (booked.has(id)) continue;
    const programme = (await programmeFacts(db, id))!;
    const inCluster = (await clusterSchoolsOn(db, programme.cluster_id!, programme.firstSession!)).includes(
      kase.school_urn,
    );
    const confirmed = await confirmedCount(db, id);
    const booking = bookingFor({
      inCluster,
      openToAll: programme.open_to_all,
      confirmed,
      capacity: programme.capacity,
      schoolName: '',
      clusterName: '',
    });
    if (booking.kind === 'refuse') continue;
    bookable.push({
      id,
      name: programme.name,
      termName: programme.term_name,
      clusterName: programme.clusterName,
      firstSession: programme.firstSession,
      placesLeft: Math.max(0, programme.capacity - confirmed),
      waitingList: booking.kind === 'wait',
    });
  }
  return { places, bookable };
}

export type CaseBooking =
  | { kind: 'booked'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'not-found' }
  | { kind: 'closed' };

/** One click: a nominated place on a parent group for the case's family. */
async function bookFromCase(
  db: Db,
  actor: Actor,
  user: CurrentUser,
  caseId: number,
  programmeId: number,
  clock: Clock,
): Promise<CaseBooking> {
  const today = clock.today();
  const result = await changeCase(db, user, caseId, async (trx, kase): Promise<CaseBooking> => {
    const programme = await programmeFacts(trx, programmeId, true);
    if (!programme || programme.kind !== 'parent-group') return { kind: 'not-found' };
    if (!maySharePlan(await consentsOf(trx, caseId), today)) {
      return {
        kind: 'refused',
        message:
          'The family has not agreed to share their information, so they cannot be booked onto a group. Record their consent on the assessment page first',
      };
    }
    const carer = await carerToBook(trx, kase.child_id);
    if (!carer)
      return {
        kind: 'refused',
        message: 'The child has no carer with parental responsibility recorded, so there is no parent to book',
      };
    if (!carer.phone)
      return {
        kind: 'refused',
        message: `There is no phone number for ${carer.name}, so they cannot be booked onto a group`,
      };
    const placed = await placeParent(
      trx,
      actor,
      programme,
      {
        urn: kase.school_urn,
        parentName: carer.name,
        parentContact: carer.phone,
        childName: `${kase.first_name} ${kase.last_name}`,
        upn: kase.upn,
        yearGroup: kase.year_group,
        caseId,
      },
      clock,
    );
    return placed.kind === 'refused' ? placed : { kind: 'booked', message: placed.message };
  });
  return result.kind === 'done' ? result.value : result;
}

/** A case's group places and one-click booking, on the service's clock. */
export function caseBookingsService(db: Db, clock: Clock) {
  return {
    /** The case's group places and the parent groups it could book today. */
    placesFor: (caseId: number) => groupPlacesForCase(db, caseId, clock.today()),
    /** Books the case's family onto a parent group (a nominated place). */
    book: (actor: Actor, user: CurrentUser, caseId: number, programmeId: number) =>
      bookFromCase(db, actor, user, caseId, programmeId, clock),
  };
}

export type CaseBookingsService = ReturnType<typeof caseBookingsService>;
