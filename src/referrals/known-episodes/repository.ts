import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { KnownEpisodeRow, KnownService, KnownStatus } from './rules.ts';

export const KNOWN_EPISODES_PAGE_SIZE = 25;
/** Rows per insert statement: 8 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

type Reader = Db | Transaction<Database>;

/** An open episode, in the shape `findMatches` (src/referrals/matches/rules.ts) compares with a referral. */
export interface OpenKnownEpisode {
  id: number;
  upn: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  service: KnownService;
}

/** Every open Early Help or Social Care episode: the children a referral is checked against. */
export async function openKnownEpisodes(db: Reader): Promise<OpenKnownEpisode[]> {
  const rows = await db
    .selectFrom('known_episodes')
    .select(['id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'service'])
    .where('status', '=', 'open')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    upn: row.upn,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    service: row.service as KnownService,
  }));
}

/** Inserts episodes as one import: the same importer and time on each. */
export async function insertKnownEpisodes(
  trx: Transaction<Database>,
  rows: readonly KnownEpisodeRow[],
  importedBy: number | null,
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('known_episodes')
      .values(
        rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          upn: row.upn,
          first_name: row.firstName,
          last_name: row.lastName,
          date_of_birth: row.dateOfBirth,
          service: row.service,
          status: row.status,
          imported_by: importedBy,
        })),
      )
      .execute();
  }
}

export interface EpisodeCount {
  service: KnownService;
  status: KnownStatus;
  count: number;
}

export function knownEpisodesRepository() {
  return {
    /** A page of episodes, by last name, optionally only those whose name contains `search` or whose UPN is it. */
    async list(db: Reader, search: string | undefined, page: number) {
      let query = db.selectFrom('known_episodes');
      if (search) {
        const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const upn = search.replace(/\s/g, '').toUpperCase();
        query = query.where((eb) =>
          eb.or([eb(sql`lower(first_name || ' ' || last_name)`, 'like', pattern), eb('upn', '=', upn)]),
        );
      }
      const [rows, total] = await Promise.all([
        query
          .select(['id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'service', 'status'])
          .orderBy('last_name')
          .orderBy('first_name')
          .orderBy('id')
          .limit(KNOWN_EPISODES_PAGE_SIZE)
          .offset((page - 1) * KNOWN_EPISODES_PAGE_SIZE)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },

    async counts(db: Reader): Promise<EpisodeCount[]> {
      const rows = await db
        .selectFrom('known_episodes')
        .select(['service', 'status', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy(['service', 'status'])
        .execute();
      return rows.map((row) => ({
        service: row.service as KnownService,
        status: row.status as KnownStatus,
        count: Number(row.count),
      }));
    },

    /** When the list now held was imported, and by whom (undefined when there is none). */
    lastImport(db: Reader) {
      return db
        .selectFrom('known_episodes')
        .leftJoin('users', 'users.id', 'known_episodes.imported_by')
        .select(['known_episodes.imported_at as at', 'users.name as by'])
        .orderBy('known_episodes.imported_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Replaces the whole list (the source system exports all of it each time). */
    async replaceAll(
      trx: Transaction<Database>,
      rows: readonly KnownEpisodeRow[],
      importedBy: number | null,
    ): Promise<number> {
      const { numDeletedRows } = await trx.deleteFrom('known_episodes').executeTakeFirstOrThrow();
      await insertKnownEpisodes(trx, rows, importedBy);
      return Number(numDeletedRows);
    },
  };
}
