// Test set-up for the groups programmes and places tests: clears the demo's groups data and
// builds clusters, a rotation and programmes directly, in a year the demo does not use.
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import { csrfToken, type Agent } from './app.ts';
import { SAMPLE_TERM_DATES } from '../../src/platform/calendar/sample-term-dates.ts';
import type { ProgrammeKind } from '../../src/groups/schema.ts';

export const YEAR = '2027/28';
/** How pages name YEAR. */
export const YEAR_LABEL = '2027 to 2028';
export const BROADFORD = 102317;
export const MEAD = 102322;
export const HILLDENE = 102325;
export const NEWTONS = 102319;
export const MEAD_USER = 'senco.102322@demo.inclusion-hub.test';
export const HILLDENE_USER = 'senco.102325@demo.inclusion-hub.test';

export const halfTerm = (name: string) => SAMPLE_TERM_DATES.find((term) => term.name === name)!;

/** Deletes every programme (with its sessions, places and registers), the rotations and the clusters. */
export async function clearGroups(db: Db): Promise<void> {
  await db.deleteFrom('group_programmes').execute();
  await db.deleteFrom('group_rotation').execute();
  await db.deleteFrom('group_clusters').execute();
}

export async function addCluster(
  db: Db,
  year: string,
  name: string,
  urns: number[],
  joinedOn = `${year.slice(0, 4)}-08-01`,
): Promise<number> {
  const { id } = await db
    .insertInto('group_clusters')
    .values({ academic_year: year, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (urns.length)
    await db
      .insertInto('group_cluster_schools')
      .values(urns.map((urn) => ({ cluster_id: id, academic_year: year, urn, joined_on: joinedOn })))
      .execute();
  return id;
}

export async function addRotation(
  db: Db,
  year: string,
  position: number,
  clusterId: number,
  termName: string,
): Promise<void> {
  const term = halfTerm(termName);
  await db
    .insertInto('group_rotation')
    .values({
      academic_year: year,
      position,
      cluster_id: clusterId,
      term_name: term.name,
      starts_on: term.startsOn,
      ends_on: term.endsOn,
    })
    .execute();
}

/** A copy of the 2026/27 approved allocation plan (its small-group schools) for another year. */
export async function copyApprovedPlan(db: Db, to: string): Promise<void> {
  await sql`insert into allocation_plans (academic_year, version, status, capacity, core_offer, group_share, scope, small_groups, rows, created_by, approved_by, approved_at, method)
    select ${to}, version, status, capacity, core_offer, group_share, scope, small_groups, rows, created_by, approved_by, approved_at, method
    from allocation_plans where academic_year = '2026/27' and status = 'approved'`.execute(db);
}

/** A copy of a school's 2026/27 roll for another year. */
export async function copyRoll(db: Db, urn: number, to: string): Promise<void> {
  await sql`insert into pupil_roll (academic_year, urn, upn, first_name, last_name, date_of_birth, year_group, sen, fsm, eal)
    select ${to}, urn, upn, first_name, last_name, date_of_birth, year_group, sen, fsm, eal
    from pupil_roll where academic_year = '2026/27' and urn = ${urn}`.execute(db);
}

export interface ProgrammeRow {
  kind?: ProgrammeKind;
  year: string;
  termName: string;
  clusterId?: number | null;
  urn?: number | null;
  name?: string;
  capacity?: number;
  openToAll?: boolean;
  dates: string[];
}

/** A programme written straight to the database (for dates the form would not take, such as the past). */
export async function insertProgramme(db: Db, row: ProgrammeRow): Promise<number> {
  const kind = row.kind ?? 'parent-group';
  const { id } = await db
    .insertInto('group_programmes')
    .values({
      kind,
      academic_year: row.year,
      term_name: row.termName,
      cluster_id: row.clusterId ?? null,
      urn: row.urn ?? null,
      name: row.name ?? 'Incredible Years',
      focus: kind === 'small-group' ? 'Anxiety' : null,
      venue: 'Broadford Primary School hall',
      capacity: row.capacity ?? 10,
      open_to_all: row.openToAll ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('group_sessions')
    .values(row.dates.map((heldOn) => ({ programme_id: id, held_on: heldOn })))
    .execute();
  return id;
}

export async function userId(db: Db, email: string): Promise<number> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** The audit rows of a record type, as text, to check no name or contact got in. */
export async function auditText(db: Db, recordType: string): Promise<string> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'record_id', 'details'])
    .where('record_type', '=', recordType)
    .execute();
  return JSON.stringify(rows);
}

/** Posts a form, repeating a field for each value of an array (as a browser sends checkboxes). */
export async function postForm(agent: Agent, path: string, data: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...data, _csrf: await csrfToken(agent) }))
    for (const item of [value].flat()) body.append(key, item);
  return agent.post(path).type('form').send(body.toString());
}
