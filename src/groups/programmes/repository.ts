/**
 * Reading for programmes: the clusters the year's rotation gives each half term, for a parent
 * group's cluster (Havering SEMH Team proposal: "one cluster per half term"; a half term may have
 * two clusters when they are paired, and a rotation that spilled over from the year before gives
 * half terms of this year too), the calendar the sessions keep to, the schools and staff the
 * create form offers, and a programme's places.
 */
import { sql, type Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import { schoolName } from '../../schools/service.ts';
import type { ClusterRef } from '../clusters/repository.ts';
import { rotationFor } from '../rotation/repository.ts';
import { groupYearOf, previousYearOf, yearBounds } from '../rules.ts';
import { sessionCalendar, type SessionCalendar } from './rules.ts';
import type { GroupProgrammesTable, PlaceStatus } from '../schema.ts';

/** The clusters for each half term of `year`, by the half term's name (from this year's rotation and the year before's). */
export async function clustersByHalfTerm(db: DbOrTrx, year: string): Promise<Map<string, ClusterRef[]>> {
  const years = [previousYearOf(year), year];
  const byTerm = new Map<string, ClusterRef[]>();
  for (const label of years) {
    for (const slot of await rotationFor(db, label)) {
      const clusters = byTerm.get(slot.termName) ?? [];
      for (const cluster of slot.clusters)
        if (!clusters.some((c) => c.id === cluster.id)) clusters.push({ id: cluster.id, name: cluster.name });
      byTerm.set(slot.termName, clusters);
    }
  }
  return byTerm;
}

/** The bank holidays (with their names) and the term dates, for the session rules. */
export async function loadSessionCalendar(db: DbOrTrx): Promise<SessionCalendar> {
  const [holidays, terms] = await Promise.all([
    db.selectFrom('bank_holidays').select(['date', 'name']).execute(),
    db.selectFrom('term_periods').select(['name', 'starts_on', 'ends_on']).orderBy('starts_on').execute(),
  ]);
  return sessionCalendar(
    holidays,
    terms.map((term) => ({ name: term.name, startsOn: term.starts_on, endsOn: term.ends_on })),
  );
}

/** School years with term dates, from the year of `today` on. */
export async function yearsOffered(db: DbOrTrx, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('term_periods')
    .select('starts_on')
    .where('starts_on', '>=', yearBounds(groupYearOf(today)).from)
    .orderBy('starts_on')
    .execute();
  return [...new Set(rows.map((row) => groupYearOf(row.starts_on)))];
}

/** The approved allocation plan's small-group schools for the year ("the most vulnerable schools", Havering SEMH Team proposal). */
export async function smallGroupSchools(
  db: DbOrTrx,
  year: string,
): Promise<{ approved: boolean; schools: { urn: number; name: string }[] }> {
  const plan = await db
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (!plan) return { approved: false, schools: [] };
  const rows = plan.rows as { urn: number; name: string | null; smallGroup?: boolean }[];
  return {
    approved: true,
    schools: rows.filter((row) => row.smallGroup).map((row) => ({ urn: row.urn, name: schoolName(row) })),
  };
}

/** Staff who may facilitate a group: senior practitioners and practitioners with an account in use. */
export function facilitatorChoices(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where(sql<boolean>`roles && array['practitioner', 'senior_practitioner']::text[]`)
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** A programme's id, name and status. */
export function programmeHeading(db: DbOrTrx, id: number) {
  return db.selectFrom('group_programmes').select(['id', 'name', 'status']).where('id', '=', id).executeTakeFirst();
}

export interface PlaceChild {
  urn: number;
  schoolName: string;
  child_name: string | null;
  upn: string | null;
  year_group: string | null;
}

export interface PlaceRow {
  id: number;
  /** The participant's number on the programme (places in the order they were made). */
  number: number;
  status: PlaceStatus;
  urn: number;
  schoolName: string;
  case_id: number | null;
  parent_name: string | null;
  parent_contact: string | null;
  consent_by: string | null;
  consent_on: string | null;
  consent_withdrawn_at: Date | null;
  waiting_since: Date | null;
  nominated_at: Date;
  children: PlaceChild[];
  attended: number;
}

/** Every place on a programme with its children and sessions attended, in the order made. */
export async function placesOf(db: DbOrTrx, programmeId: number): Promise<PlaceRow[]> {
  const places = await db
    .selectFrom('group_places as p')
    .innerJoin('schools as s', 's.urn', 'p.urn')
    .select([
      'p.id',
      'p.status',
      'p.urn',
      's.name as school_name',
      'p.case_id',
      'p.parent_name',
      'p.parent_contact',
      'p.consent_by',
      'p.consent_on',
      'p.consent_withdrawn_at',
      'p.waiting_since',
      'p.nominated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('group_attendance as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.place_id', '=', 'p.id')
        .where('a.status', '=', 'attended')
        .as('attended'),
    )
    .where('p.programme_id', '=', programmeId)
    .orderBy('p.id')
    .execute();
  const children = places.length
    ? await db
        .selectFrom('group_place_children as c')
        .innerJoin('schools as s', 's.urn', 'c.urn')
        .select(['c.place_id', 'c.urn', 's.name as school_name', 'c.child_name', 'c.upn', 'c.year_group'])
        .where(
          'c.place_id',
          'in',
          places.map((place) => place.id),
        )
        .orderBy('c.id')
        .execute()
    : [];
  return places.map((place, i) => ({
    id: place.id,
    number: i + 1,
    status: place.status,
    urn: place.urn,
    schoolName: schoolName({ urn: place.urn, name: place.school_name }),
    case_id: place.case_id,
    parent_name: place.parent_name,
    parent_contact: place.parent_contact,
    consent_by: place.consent_by,
    consent_on: place.consent_on,
    consent_withdrawn_at: place.consent_withdrawn_at,
    waiting_since: place.waiting_since,
    nominated_at: place.nominated_at,
    attended: Number(place.attended ?? 0),
    children: children
      .filter((child) => child.place_id === place.id)
      .map((child) => ({
        urn: child.urn,
        schoolName: schoolName({ urn: child.urn, name: child.school_name }),
        child_name: child.child_name,
        upn: child.upn,
        year_group: child.year_group,
      })),
  }));
}

/** The authority's schools' names by URN. */
export async function schoolNames(db: DbOrTrx): Promise<Map<number, string>> {
  const schools = await db.selectFrom('schools').select(['urn', 'name']).execute();
  return new Map(schools.map((school) => [school.urn, schoolName(school)]));
}

/** A programme's id, name, half term and status, locked until the transaction ends. */
export function lockedProgramme(db: DbOrTrx, id: number) {
  return db
    .selectFrom('group_programmes')
    .select(['id', 'name', 'term_name', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A programme's id, name, half term and status, for the change date form. */
export function programmeSummary(db: DbOrTrx, id: number) {
  return db
    .selectFrom('group_programmes')
    .select(['id', 'name', 'term_name', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What the programme's page adds to its facts: focus, venue, measure and when it was made. */
export function programmeDetails(db: DbOrTrx, id: number) {
  return db
    .selectFrom('group_programmes')
    .select(['focus', 'venue', 'measure_name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The programme's sessions in date order. */
export function sessionsOf(db: DbOrTrx, programmeId: number) {
  return db
    .selectFrom('group_sessions')
    .select(['id', 'held_on'])
    .where('programme_id', '=', programmeId)
    .orderBy('held_on')
    .execute();
}

/** The names of the programme's facilitators, in name order. */
export function facilitatorNames(db: DbOrTrx, programmeId: number) {
  return db
    .selectFrom('group_facilitators as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select('u.name')
    .where('f.programme_id', '=', programmeId)
    .orderBy('u.name')
    .execute();
}

/** Saves a new programme and returns its id. */
export async function insertProgramme(db: DbOrTrx, values: Insertable<GroupProgrammesTable>): Promise<number> {
  const { id } = await db.insertInto('group_programmes').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Names the practitioners who facilitate the programme. */
export async function addFacilitators(db: DbOrTrx, programmeId: number, userIds: readonly number[]): Promise<void> {
  await db
    .insertInto('group_facilitators')
    .values(userIds.map((userId) => ({ programme_id: programmeId, user_id: userId })))
    .execute();
}

/** Adds the programme's sessions, one a date. */
export async function addSessions(db: DbOrTrx, programmeId: number, dates: readonly string[]): Promise<void> {
  await db
    .insertInto('group_sessions')
    .values(dates.map((heldOn) => ({ programme_id: programmeId, held_on: heldOn })))
    .execute();
}

/** Moves one session to another date. */
export async function moveSessionTo(db: DbOrTrx, sessionId: number, heldOn: string): Promise<void> {
  await db.updateTable('group_sessions').set({ held_on: heldOn }).where('id', '=', sessionId).execute();
}

/** Marks the programme cancelled. */
export async function cancelProgramme(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('group_programmes').set({ status: 'cancelled' }).where('id', '=', id).execute();
}
