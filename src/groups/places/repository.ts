/**
 * Making places (Havering SEMH Team proposal): a school nominates a parent (or a child for a small group),
 * or a practitioner books one from a case. Each is one transaction with the programme row locked,
 * so two nominations for the last place take turns. Audited with ids and facts, never names.
 */
import type { Insertable, Transaction } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { yearLabelOf } from '../rules.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { schoolName } from '../../schools/service.ts';
import { clusterSchoolsOn } from '../clusters/repository.ts';
import type { PlaceStatus, ProgrammeKind } from '../schema.ts';
import { ACTIVE_STATUSES, bookingFor, closedReason, sameParent } from './rules.ts';

export const PLACE_RECORD = 'group-place';
export type Trx = Transaction<Database>;

export interface ProgrammeFacts {
  id: number;
  kind: ProgrammeKind;
  name: string;
  academic_year: string;
  /** The school year as pages name it: '2026 to 2027'. */
  yearLabel: string;
  term_name: string;
  cluster_id: number | null;
  urn: number | null;
  capacity: number;
  open_to_all: boolean;
  status: 'open' | 'cancelled';
  clusterName: string | null;
  schoolName: string | null;
  firstSession: string | null;
  lastSession: string | null;
}

/** A programme with its cluster or school and its first and last session; `lock` holds its row until the transaction ends. */
export async function programmeFacts(db: DbOrTrx, id: number, lock = false): Promise<ProgrammeFacts | undefined> {
  if (
    lock &&
    !(await db.selectFrom('group_programmes').select('id').where('id', '=', id).forUpdate().executeTakeFirst())
  )
    return undefined;
  const row = await db
    .selectFrom('group_programmes as p')
    .leftJoin('group_clusters as c', 'c.id', 'p.cluster_id')
    .leftJoin('schools as s', 's.urn', 'p.urn')
    .select([
      'p.id',
      'p.kind',
      'p.name',
      'p.academic_year',
      'p.term_name',
      'p.cluster_id',
      'p.urn',
      'p.capacity',
      'p.open_to_all',
      'p.status',
      'c.name as cluster_name',
      's.name as school_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('group_sessions')
        .select((s) => s.fn.min('held_on').as('d'))
        .whereRef('programme_id', '=', 'p.id')
        .as('first_session'),
      eb
        .selectFrom('group_sessions')
        .select((s) => s.fn.max('held_on').as('d'))
        .whereRef('programme_id', '=', 'p.id')
        .as('last_session'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    academic_year: row.academic_year,
    yearLabel: yearLabelOf(row.academic_year),
    term_name: row.term_name,
    cluster_id: row.cluster_id,
    urn: row.urn,
    capacity: row.capacity,
    open_to_all: row.open_to_all,
    status: row.status,
    clusterName: row.cluster_name,
    schoolName: row.urn === null ? null : schoolName({ urn: row.urn, name: row.school_name }),
    firstSession: row.first_session as string | null,
    lastSession: row.last_session as string | null,
  };
}

export async function confirmedCount(db: DbOrTrx, programmeId: number): Promise<number> {
  const row = await db
    .selectFrom('group_places')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function nameOfSchool(db: DbOrTrx, urn: number): Promise<string> {
  const row = await db.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
  return row ? schoolName(row) : `School with URN ${urn}`;
}

export interface ParentParticipant {
  urn: number;
  parentName: string;
  parentContact: string;
  childName: string;
  upn?: string | null;
  yearGroup?: string | null;
  caseId?: number | null;
}

export interface ChildParticipant {
  urn: number;
  upn: string;
  childName: string;
  yearGroup: string;
  consentBy: string;
  consentOn: string;
}

export type Placed =
  { kind: 'placed'; placeId: number; status: PlaceStatus; message: string } | { kind: 'refused'; message: string };

async function insertPlace(
  trx: Trx,
  actor: Actor,
  programme: ProgrammeFacts,
  status: PlaceStatus,
  place: Partial<Insertable<Database['group_places']>>,
  child: { urn: number; child_name: string; upn: string | null; year_group: string | null },
  now: Date,
) {
  const { id } = await trx
    .insertInto('group_places')
    .values({
      programme_id: programme.id,
      status,
      waiting_since: status === 'waiting' ? now : null,
      nominated_by: actor.userId,
      ...place,
      urn: child.urn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('group_place_children')
    .values({ place_id: id, ...child, added_by: actor.userId })
    .execute();
  return id;
}

/**
 * A place for a parent on a parent group, from a school's nomination or a case. A parent who
 * already holds a place (by another school) gets this school's child added to it instead.
 */
export async function placeParent(
  trx: Trx,
  actor: Actor,
  programme: ProgrammeFacts,
  who: ParentParticipant,
  clock: Clock,
): Promise<Placed> {
  const closed = closedReason(programme, clock.today());
  if (closed) return { kind: 'refused', message: closed };
  const school = await nameOfSchool(trx, who.urn);
  const active = await trx
    .selectFrom('group_places')
    .select(['id', 'parent_name', 'parent_contact', 'status'])
    .where('programme_id', '=', programme.id)
    .where('status', 'in', ACTIVE_STATUSES)
    .execute();
  const existing = active.find((place) =>
    sameParent(
      { name: who.parentName, contact: who.parentContact },
      { name: place.parent_name, contact: place.parent_contact },
    ),
  );
  if (existing) {
    const children = await trx
      .selectFrom('group_place_children')
      .select('urn')
      .where('place_id', '=', existing.id)
      .execute();
    if (children.some((child) => child.urn === who.urn))
      return {
        kind: 'refused',
        message: `${existing.parent_name ?? who.parentName} already has a place on this group for a child at ${school}`,
      };
    await trx
      .insertInto('group_place_children')
      .values({
        place_id: existing.id,
        urn: who.urn,
        child_name: who.childName,
        upn: who.upn ?? null,
        year_group: who.yearGroup ?? null,
        added_by: actor.userId,
      })
      .execute();
    if (who.caseId)
      await trx
        .updateTable('group_places')
        .set({ case_id: who.caseId })
        .where('id', '=', existing.id)
        .where('case_id', 'is', null)
        .execute();
    await audit(trx, actor, {
      action: 'add child',
      recordType: PLACE_RECORD,
      recordId: existing.id,
      details: { programmeId: programme.id, urn: who.urn, caseId: who.caseId ?? null },
    });
    return {
      kind: 'placed',
      placeId: existing.id,
      status: existing.status,
      message: `${existing.parent_name ?? who.parentName} already has a place on ${programme.name}, so ${who.childName} at ${school} has been added to it`,
    };
  }
  const inCluster =
    programme.cluster_id !== null &&
    programme.firstSession !== null &&
    (await clusterSchoolsOn(trx, programme.cluster_id, programme.firstSession)).includes(who.urn);
  const booking = bookingFor({
    inCluster,
    openToAll: programme.open_to_all,
    confirmed: await confirmedCount(trx, programme.id),
    capacity: programme.capacity,
    schoolName: school,
    clusterName: programme.clusterName ?? '',
  });
  if (booking.kind === 'refuse') return { kind: 'refused', message: booking.message };
  const status = booking.kind === 'wait' ? 'waiting' : 'nominated';
  const placeId = await insertPlace(
    trx,
    actor,
    programme,
    status,
    {
      case_id: who.caseId ?? null,
      parent_name: who.parentName,
      parent_contact: who.parentContact,
      consent_to_share: true,
    },
    { urn: who.urn, child_name: who.childName, upn: who.upn ?? null, year_group: who.yearGroup ?? null },
    clock.now(),
  );
  await audit(trx, actor, {
    action: 'nominate',
    recordType: PLACE_RECORD,
    recordId: placeId,
    details: { programmeId: programme.id, urn: who.urn, status, inCluster, caseId: who.caseId ?? null },
  });
  return {
    kind: 'placed',
    placeId,
    status,
    message:
      status === 'waiting'
        ? `${programme.name} is full, so ${who.parentName} is on the waiting list`
        : `${who.parentName} nominated for ${programme.name}: the senior practitioner will confirm the place`,
  };
}

/** A place for a child from the school's roll on a small group, with the parent's consent. */
export async function placeChild(
  trx: Trx,
  actor: Actor,
  programme: ProgrammeFacts,
  who: ChildParticipant,
  clock: Clock,
): Promise<Placed> {
  const closed = closedReason(programme, clock.today());
  if (closed) return { kind: 'refused', message: closed };
  const already = await trx
    .selectFrom('group_place_children as c')
    .innerJoin('group_places as p', 'p.id', 'c.place_id')
    .select('p.id')
    .where('p.programme_id', '=', programme.id)
    .where('p.status', 'in', ACTIVE_STATUSES)
    .where('c.upn', '=', who.upn)
    .executeTakeFirst();
  if (already) return { kind: 'refused', message: `${who.childName} already has a place on this group` };
  const status = (await confirmedCount(trx, programme.id)) >= programme.capacity ? 'waiting' : 'nominated';
  const placeId = await insertPlace(
    trx,
    actor,
    programme,
    status,
    { consent_by: who.consentBy, consent_on: who.consentOn },
    { urn: who.urn, child_name: who.childName, upn: who.upn, year_group: who.yearGroup },
    clock.now(),
  );
  await audit(trx, actor, {
    action: 'nominate',
    recordType: PLACE_RECORD,
    recordId: placeId,
    details: { programmeId: programme.id, urn: who.urn, status, consentOn: who.consentOn },
  });
  return {
    kind: 'placed',
    placeId,
    status,
    message:
      status === 'waiting'
        ? `${programme.name} is full, so ${who.childName} is on the waiting list`
        : `${who.childName} nominated for ${programme.name}: the senior practitioner will confirm the place`,
  };
}

/** The schools a nominator may choose, by name: those given, or every school when none are given. */
export function schoolsToChoose(db: DbOrTrx, only?: readonly number[]) {
  let query = db.selectFrom('schools').select(['urn', 'name']);
  if (only) query = query.where('urn', 'in', only.length ? [...only] : [-1]);
  return query.orderBy('name').orderBy('urn').execute();
}

/** A school's pupils on roll in an academic year, by surname then first name. */
export function pupilsOnRoll(db: DbOrTrx, academicYear: string, urn: number) {
  return db
    .selectFrom('pupil_roll')
    .select(['upn', 'first_name', 'last_name', 'year_group'])
    .where('academic_year', '=', academicYear)
    .where('urn', '=', urn)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
}
