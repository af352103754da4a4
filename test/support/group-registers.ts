/**
 * Test data for the registers and the groups report: clusters, programmes, sessions, places and
 * marks inserted straight into the group tables (the programmes and places pages are another
 * part's). For tests only.
 */
import type { Db } from '../../src/db/connection.ts';
import type { AttendanceStatus, PlaceStatus, ProgrammeKind } from '../../src/groups/schema.ts';

/** Empties the group tables: programmes (with their sessions, places and registers), the rotation, the clusters. */
export async function clearGroups(db: Db): Promise<void> {
  await db.deleteFrom('group_programmes').execute();
  await db.deleteFrom('group_rotation').execute();
  await db.deleteFrom('group_clusters').execute();
}

export async function userIdOf(db: Db, email: string): Promise<number> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** A cluster of schools in a year; each school joins on `joinedOn` (and may leave on `leftOn`). */
export async function makeCluster(
  db: Db,
  input: { year: string; name: string; schools: { urn: number; joinedOn: string; leftOn?: string }[] },
): Promise<number> {
  const { id } = await db
    .insertInto('group_clusters')
    .values({ academic_year: input.year, name: input.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.schools.length) {
    await db
      .insertInto('group_cluster_schools')
      .values(
        input.schools.map((school) => ({
          cluster_id: id,
          academic_year: input.year,
          urn: school.urn,
          joined_on: school.joinedOn,
          left_on: school.leftOn ?? null,
        })),
      )
      .execute();
  }
  return id;
}

export interface ProgrammeInput {
  kind?: ProgrammeKind;
  year: string;
  termName: string;
  clusterId?: number;
  urn?: number;
  name?: string;
  focus?: string;
  capacity?: number;
  measureName?: string;
  cancelled?: boolean;
  facilitators?: number[];
  sessions: string[];
}

/** A programme with its weekly sessions (dates as given) and facilitators; returns its id and the sessions' ids in date order. */
export async function makeProgramme(db: Db, input: ProgrammeInput): Promise<{ id: number; sessionIds: number[] }> {
  const kind = input.kind ?? 'parent-group';
  let clusterId = input.clusterId ?? null;
  if (kind === 'parent-group' && clusterId === null)
    clusterId = await makeCluster(db, {
      year: input.year,
      name: `Cluster for ${input.name ?? 'a group'} ${Math.random().toString(36).slice(2, 8)}`,
      schools: [],
    });
  const { id } = await db
    .insertInto('group_programmes')
    .values({
      kind,
      academic_year: input.year,
      term_name: input.termName,
      cluster_id: kind === 'parent-group' ? clusterId : null,
      urn: kind === 'small-group' ? (input.urn ?? null) : null,
      name: input.name ?? 'Incredible Years parenting programme',
      focus: kind === 'small-group' ? (input.focus ?? 'Emotional regulation') : null,
      venue: 'Harold Hill Library',
      capacity: input.capacity ?? 12,
      measure_name: input.measureName ?? null,
      status: input.cancelled ? 'cancelled' : 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.facilitators?.length)
    await db
      .insertInto('group_facilitators')
      .values(input.facilitators.map((user_id) => ({ programme_id: id, user_id })))
      .execute();
  const sessionIds: number[] = [];
  for (const heldOn of [...input.sessions].sort()) {
    sessionIds.push(
      (
        await db
          .insertInto('group_sessions')
          .values({ programme_id: id, held_on: heldOn })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  return { id, sessionIds };
}

export interface PlaceInput {
  programmeId: number;
  status?: PlaceStatus;
  /** The nominating school. */
  urn: number;
  parentName?: string | null;
  /** The children the place is for; by default one child at the nominating school. */
  children?: { urn: number; name?: string }[];
  consentWithdrawn?: boolean;
  pre?: number | null;
  post?: number | null;
}

/** A place (a parent, or a child for small groups) with the children it is for; returns its id. */
export async function makePlace(db: Db, input: PlaceInput): Promise<number> {
  const withdrawn = input.consentWithdrawn ?? false;
  const { id } = await db
    .insertInto('group_places')
    .values({
      programme_id: input.programmeId,
      status: input.status ?? 'confirmed',
      urn: input.urn,
      parent_name: withdrawn ? null : (input.parentName ?? null),
      parent_contact: withdrawn ? null : '07700 900123',
      consent_to_share: !withdrawn,
      consent_withdrawn_at: withdrawn ? new Date('2026-01-20T10:00:00Z') : null,
      pre_score: input.pre ?? null,
      post_score: input.post ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const children = input.children ?? [{ urn: input.urn }];
  if (children.length) {
    await db
      .insertInto('group_place_children')
      .values(
        children.map((child) => ({
          place_id: id,
          urn: child.urn,
          child_name: withdrawn ? null : (child.name ?? null),
        })),
      )
      .execute();
  }
  return id;
}

/** Marks a place on sessions' registers, one status per session in order (null: no mark). */
export async function markPlace(
  db: Db,
  placeId: number,
  sessionIds: readonly number[],
  statuses: readonly (AttendanceStatus | null)[],
): Promise<void> {
  const rows = statuses.flatMap((status, index) =>
    status ? [{ session_id: sessionIds[index], place_id: placeId, status }] : [],
  );
  if (rows.length) await db.insertInto('group_attendance').values(rows).execute();
}

/** Shorthand for marks: 'A' attended, 'P' apologies, 'D' did not attend, '-' no mark. */
export function marks(pattern: string): (AttendanceStatus | null)[] {
  const by: Record<string, AttendanceStatus | null> = { A: 'attended', P: 'apologies', D: 'did-not-attend', '-': null };
  return [...pattern].map((char) => by[char] ?? null);
}
