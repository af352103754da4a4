/**
 * A programme as the register, attendance and measures pages read it: its sessions, its places
 * with who they are for, and the marks so far; who may take its register, and what a school
 * user may see of it. Reads the group tables directly.
 */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { schoolName } from '../../schools/service.ts';
import { organisesGroups, seesOwnSchoolsOnly, takesRegisters } from '../../platform/policies.ts';
import type { AttendanceStatus, GroupAttendanceTable, PlaceStatus, ProgrammeKind } from '../schema.ts';

export interface Programme {
  id: number;
  kind: ProgrammeKind;
  year: string;
  termName: string;
  name: string;
  focus: string | null;
  measureName: string | null;
  cancelled: boolean;
  urn: number | null;
}

export interface Session {
  id: number;
  heldOn: string;
}

export interface Place {
  id: number;
  /** The place's number within the programme (by when it was made), used when a name cannot be shown. */
  number: number;
  status: PlaceStatus;
  urn: number;
  label: string;
  /** The schools of the children the place is for (or the nominating school), for a hint. */
  schools: string;
  childUrns: number[];
  consentWithdrawn: boolean;
  pre: number | null;
  post: number | null;
}

export interface Mark {
  sessionId: number;
  placeId: number;
  status: AttendanceStatus;
}

export const KIND_TEXT: Record<ProgrammeKind, string> = {
  'parent-group': 'Parent group',
  'small-group': 'Small group',
};

export async function findProgramme(db: DbOrTrx, id: number): Promise<Programme | undefined> {
  const row = await db
    .selectFrom('group_programmes')
    .select(['id', 'kind', 'academic_year', 'term_name', 'name', 'focus', 'measure_name', 'status', 'urn'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    year: row.academic_year,
    termName: row.term_name,
    name: row.name,
    focus: row.focus,
    measureName: row.measure_name,
    cancelled: row.status === 'cancelled',
    urn: row.urn,
  };
}

export async function sessionsOf(db: DbOrTrx, programmeId: number): Promise<Session[]> {
  const rows = await db
    .selectFrom('group_sessions')
    .select(['id', 'held_on'])
    .where('programme_id', '=', programmeId)
    .orderBy('held_on')
    .execute();
  return rows.map((row) => ({ id: row.id, heldOn: row.held_on }));
}

/** What a place is called on the page: the parent (parent groups) or the child (small groups); never a name once consent was withdrawn. */
export function participantLabel(
  place: { number: number; consentWithdrawn: boolean; parentName: string | null; childNames: string[] },
  kind: ProgrammeKind,
): string {
  if (place.consentWithdrawn) return `Participant ${place.number} (consent withdrawn)`;
  const name = kind === 'parent-group' ? place.parentName : place.childNames[0];
  return name?.trim() || `Participant ${place.number}`;
}

/** Every place of a programme, in the order they were made, with the children they are for. */
export async function placesOf(db: DbOrTrx, programme: Pick<Programme, 'id' | 'kind'>): Promise<Place[]> {
  const rows = await db
    .selectFrom('group_places')
    .select(['id', 'status', 'urn', 'parent_name', 'consent_withdrawn_at', 'pre_score', 'post_score'])
    .where('programme_id', '=', programme.id)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const children = await db
    .selectFrom('group_place_children as c')
    .leftJoin('schools', 'schools.urn', 'c.urn')
    .select(['c.place_id', 'c.urn', 'c.child_name', 'schools.name as school_name'])
    .where(
      'c.place_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('c.id')
    .execute();
  const nominating = await db
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('urn', 'in', [...new Set(rows.map((row) => row.urn))])
    .execute();
  const nominatingName = new Map(nominating.map((school) => [school.urn, schoolName(school)]));
  return rows.map((row, index) => {
    const own = children.filter((child) => child.place_id === row.id);
    const consentWithdrawn = row.consent_withdrawn_at !== null;
    const number = index + 1;
    const schools = own.length
      ? [...new Set(own.map((child) => schoolName({ urn: child.urn, name: child.school_name })))]
      : [nominatingName.get(row.urn) ?? schoolName({ urn: row.urn, name: null })];
    return {
      id: row.id,
      number,
      status: row.status,
      urn: row.urn,
      label: participantLabel(
        {
          number,
          consentWithdrawn,
          parentName: row.parent_name,
          childNames: own.flatMap((child) => (child.child_name ? [child.child_name] : [])),
        },
        programme.kind,
      ),
      schools: schools.join(', '),
      childUrns: [...new Set(own.map((child) => child.urn))],
      consentWithdrawn,
      pre: row.pre_score === null ? null : Number(row.pre_score),
      post: row.post_score === null ? null : Number(row.post_score),
    };
  });
}

export async function marksOf(db: DbOrTrx, programmeId: number): Promise<Mark[]> {
  const rows = await db
    .selectFrom('group_attendance as a')
    .innerJoin('group_sessions as s', 's.id', 'a.session_id')
    .select(['a.session_id', 'a.place_id', 'a.status'])
    .where('s.programme_id', '=', programmeId)
    .execute();
  return rows.map((row) => ({ sessionId: row.session_id, placeId: row.place_id, status: row.status }));
}

/** One session's marks, as saved: each replaces the mark already there for that place. */
export async function saveMarks(db: DbOrTrx, rows: readonly Insertable<GroupAttendanceTable>[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('group_attendance')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['session_id', 'place_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: eb.ref('excluded.recorded_at'),
      })),
    )
    .execute();
}

/** Attended sessions per place. */
export function attendedByPlace(marks: readonly Mark[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const mark of marks)
    if (mark.status === 'attended') counts.set(mark.placeId, (counts.get(mark.placeId) ?? 0) + 1);
  return counts;
}

/**
 * The senior practitioner takes any register; a practitioner only those of groups they
 * facilitate (REGISTER_TAKERS in ../rules.ts). Refused with a reason otherwise.
 */
export async function assertMayTakeRegister(db: DbOrTrx, user: CurrentUser, programmeId: number): Promise<void> {
  if (organisesGroups(user.roles)) return;
  if (takesRegisters(user.roles)) {
    const facilitating = await db
      .selectFrom('group_facilitators')
      .select('user_id')
      .where('programme_id', '=', programmeId)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (facilitating) return;
  }
  throw new ForbiddenError(
    'Only the senior practitioner and the practitioners who facilitate this group can take its register or enter its scores.',
    'You cannot take the register for this group',
  );
}

/** A school user sees parent groups (open to every school) and small groups at their own schools. */
export function mayReadProgramme(user: CurrentUser, programme: Pick<Programme, 'kind' | 'urn'>): boolean {
  if (!seesOwnSchoolsOnly(user.roles)) return true;
  return programme.kind === 'parent-group' || (programme.urn !== null && user.schoolUrns.includes(programme.urn));
}

/** A school user sees a participant's details only when a child the place is for is at one of their schools. */
export function mayReadPlace(user: CurrentUser, place: Pick<Place, 'childUrns' | 'urn'>): boolean {
  if (!seesOwnSchoolsOnly(user.roles)) return true;
  const urns = place.childUrns.length ? place.childUrns : [place.urn];
  return urns.some((urn) => user.schoolUrns.includes(urn));
}
