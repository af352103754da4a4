// Saving the authority's schools from a read GIAS file, all or nothing in one transaction.
// New schools are added; known ones have their register details brought up to date (census
// figures stay as they are); a known open school the file shows closed, or no longer lists as an
// open state-funded school, is marked closed with its close date. No school is ever deleted, so
// children, referrals and figures keep their school. The imports' own rows (progress, how each
// ended) and the lists the admin pages show are read and written here too.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, DbOrTrx } from '../../db/connection.ts';
import type { SchoolsTable } from '../schema.ts';
import type { GiasImportsTable } from './schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { laestabOf, predecessorLaestab, type LeftOutReason } from './rules.ts';
import { readGiasFile, type AuthorityRow, type GiasProgress, type GiasRead } from './forms.ts';

export interface GiasCounts {
  laCode: number;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  closed: number;
  leftOut: Record<LeftOutReason, number>;
}

export type GiasOutcome = { ok: true; counts: GiasCounts } | Extract<GiasRead, { ok: false }>;

/** Register details that a re-import compares and brings up to date. */
const REGISTER = [
  'name',
  'la_code',
  'laestab',
  'phase',
  'school_type',
  'governance',
  'maintained',
  'status',
  'open_date',
  'close_date',
  'establishment_type',
  'establishment_type_group',
  'statutory_low_age',
  'statutory_high_age',
  'postcode',
  'predecessor_urn',
] as const;

function schoolRow(row: AuthorityRow, predecessors: Map<string, number[]>, now: Date): Insertable<SchoolsTable> {
  const school = row.establishment;
  const mapping = row.mapping!;
  const wanted = predecessorLaestab(school);
  const predecessor = wanted === undefined ? undefined : predecessors.get(wanted)?.find((urn) => urn !== school.urn);
  return {
    urn: school.urn,
    laestab: laestabOf(school),
    la_code: school.laCode,
    name: school.name,
    phase: mapping.phase,
    school_type: mapping.schoolType,
    governance: mapping.governance,
    maintained: mapping.maintained,
    number_on_roll: school.pupils ?? 0,
    census_year: null,
    status: 'open',
    open_date: school.openDate,
    close_date: null,
    establishment_type: school.type,
    establishment_type_group: school.typeGroup,
    statutory_low_age: school.lowAge,
    statutory_high_age: school.highAge,
    postcode: school.postcode || null,
    predecessor_urn: predecessor ?? null,
    register_updated_at: now,
  };
}

/** Adds or brings up to date `rows` (at most a few hundred values at a time); counts new and changed. */
async function upsert(trx: DbOrTrx, rows: Insertable<SchoolsTable>[]): Promise<{ imported: number; updated: number }> {
  let imported = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const changed = await trx
      .insertInto('schools')
      .values(rows.slice(i, i + 500))
      .onConflict((conflict) =>
        conflict
          .column('urn')
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(REGISTER.map((column) => [column, eb.ref(`excluded.${column}`)])),
            // A school known only from the register takes its roll from it; census figures stay.
            number_on_roll: sql<number>`case when schools.census_year is null then excluded.number_on_roll else schools.number_on_roll end`,
            predecessor_urn: sql<number | null>`coalesce(excluded.predecessor_urn, schools.predecessor_urn)`,
            register_updated_at: eb.ref('excluded.register_updated_at'),
          }))
          .where(
            sql<boolean>`(${sql.join(REGISTER.map((column) => sql`schools.${sql.ref(column)}`))}) is distinct from (${sql.join(REGISTER.map((column) => sql`excluded.${sql.ref(column)}`))})`,
          ),
      )
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    for (const row of changed) {
      if (row.inserted) imported++;
      else updated++;
    }
  }
  return { imported, updated };
}

/** Imports a read file for its authority in one transaction. */
export async function saveGiasRows(
  db: Db,
  actor: Actor,
  read: Extract<GiasRead, { ok: true }>,
  laCode: number,
  clock: Clock,
  source: string,
): Promise<GiasCounts> {
  const now = clock.now();
  const predecessors = new Map<string, number[]>();
  for (const row of read.rows) {
    const laestab = laestabOf(row.establishment);
    predecessors.set(laestab, [...(predecessors.get(laestab) ?? []), row.establishment.urn]);
  }
  return db.transaction().execute(async (trx) => {
    // One import at a time, whichever process runs it.
    await sql`select pg_advisory_xact_lock(hashtext('gias-import'))`.execute(trx);
    const known = await trx.selectFrom('schools').select(['urn', 'laestab', 'status']).execute();
    for (const school of known) {
      if (!predecessors.has(school.laestab)) predecessors.set(school.laestab, []);
      predecessors.get(school.laestab)!.push(school.urn);
    }
    const kept = read.rows.filter((row) => row.keep);
    const { imported, updated } = await upsert(
      trx,
      kept.map((row) => schoolRow(row, predecessors, now)),
    );

    // Known open schools of this authority that the file no longer lists as open state-funded schools.
    const keptUrns = new Set(kept.map((row) => row.establishment.urn));
    const inFile = new Map(read.rows.map((row) => [row.establishment.urn, row]));
    const openHere = new Set(known.filter((school) => school.status === 'open').map((school) => school.urn));
    const leftOut = { ...read.leftOut };
    for (const row of read.rows) if (!row.keep && !openHere.has(row.establishment.urn)) leftOut[row.reason!]++;
    const closing = await trx
      .selectFrom('schools')
      .select('urn')
      .where('la_code', '=', laCode)
      .where('status', '=', 'open')
      .execute();
    let closed = 0;
    for (const { urn } of closing) {
      if (keptUrns.has(urn)) continue;
      const row = inFile.get(urn);
      await trx
        .updateTable('schools')
        .set({
          status: 'closed',
          close_date: row?.establishment.closeDate ?? null,
          register_updated_at: now,
          ...(row ? { name: row.establishment.name || undefined } : {}),
        })
        .where('urn', '=', urn)
        .execute();
      closed++;
    }
    const counts: GiasCounts = {
      laCode,
      rows: read.totalRows,
      imported,
      updated,
      unchanged: kept.length - imported - updated,
      closed,
      leftOut,
    };
    await audit(trx, actor, {
      action: 'import',
      recordType: 'gias-schools',
      recordId: laCode,
      details: { source, ...counts },
    });
    return counts;
  });
}

/** Reads and imports a GIAS file for the authority `laCode`: nothing changes if the file has any problem. */
export async function importGiasFile(
  db: Db,
  actor: Actor,
  {
    path,
    laCode,
    clock,
    source,
    onProgress,
  }: { path: string; laCode: number; clock: Clock; source: string; onProgress?: (progress: GiasProgress) => void },
): Promise<GiasOutcome> {
  const read = await readGiasFile(path, { laCode, onProgress });
  if (!read.ok) return read;
  return { ok: true, counts: await saveGiasRows(db, actor, read, laCode, clock, source) };
}

/** The authority's DfE code from the council's settings, or undefined when none is set. */
export async function councilLaCode(db: DbOrTrx): Promise<number | undefined> {
  const council = await db.selectFrom('council').select('la_code').executeTakeFirst();
  return council?.la_code ?? undefined;
}

/** Adds an import's row; returns its id. */
export function insertGiasImport(trx: DbOrTrx, row: Insertable<GiasImportsTable>) {
  return trx.insertInto('gias_imports').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Writes to an import's row. */
export async function updateGiasImport(db: DbOrTrx, id: number, change: Updateable<GiasImportsTable>): Promise<void> {
  await db.updateTable('gias_imports').set(change).where('id', '=', id).execute();
}

/** Writes an import's progress while it is still running. */
export async function updateRunningGiasImport(
  db: DbOrTrx,
  id: number,
  change: Updateable<GiasImportsTable>,
): Promise<void> {
  await db.updateTable('gias_imports').set(change).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Marks failed the imports still running that started before `startedBefore`. */
export async function failGiasImportsStartedBefore(db: DbOrTrx, startedBefore: Date, finishedAt: Date): Promise<void> {
  await db
    .updateTable('gias_imports')
    .set({ status: 'failed', finished_at: finishedAt })
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore)
    .execute();
}

/** Whether any import is running. */
export async function aGiasImportIsRunning(db: DbOrTrx): Promise<boolean> {
  const running = await db.selectFrom('gias_imports').select('id').where('status', '=', 'running').executeTakeFirst();
  return running !== undefined;
}

/** One import, or undefined. */
export function findGiasImport(db: DbOrTrx, id: number) {
  return db.selectFrom('gias_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest imports, newest first. */
export function recentGiasImports(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('gias_imports')
    .select(['id', 'file_name', 'la_code', 'status', 'started_at', 'finished_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The schools of an authority (or all), open first, with their status. */
export function registerSchools(db: DbOrTrx, laCode?: number) {
  let query = db
    .selectFrom('schools')
    .select([
      'urn',
      'laestab',
      'name',
      'phase',
      'maintained',
      'establishment_type',
      'status',
      'open_date',
      'close_date',
      'predecessor_urn',
      'census_year',
    ]);
  if (laCode !== undefined) query = query.where('la_code', '=', laCode);
  return query.orderBy('status', 'desc').orderBy('name').orderBy('urn').execute();
}
