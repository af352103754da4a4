import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/support/database.ts';
import type { Connection } from './connection.ts';

const NINETY_DAYS_MS = 90 * 86_400_000;

describe('times the database records itself follow the service’s clock', () => {
  let real: Connection;
  let ahead: Connection;
  beforeAll(async () => {
    [real, ahead] = await Promise.all([freshDatabase(), freshDatabase({ clockOffsetMs: NINETY_DAYS_MS })]);
  });
  afterAll(async () => {
    await Promise.all([real?.close(), ahead?.close()]);
  });

  it('leaves no column filled in from the real time alone', async () => {
    const { rows } = await sql<{ count: number }>`
      select count(*)::int as count from information_schema.columns
      where table_schema = current_schema() and column_default = 'now()'`.execute(real.db);
    expect(rows[0].count).toBe(0);
    const { rows: following } = await sql<{ count: number }>`
      select count(*)::int as count from information_schema.columns
      where table_schema = current_schema() and column_default = 'clock_now()'`.execute(real.db);
    expect(following[0].count).toBeGreaterThan(40);
  });

  it('is the real time when the clock is, and moved by the clock’s offset when NOW fixes it', async () => {
    const gap = async (connection: Connection) =>
      (
        await sql<{ ms: number }>`select (extract(epoch from clock_now() - now()) * 1000)::float8 as ms`.execute(
          connection.db,
        )
      ).rows[0].ms;
    expect(await gap(real)).toBe(0);
    expect(await gap(ahead)).toBe(NINETY_DAYS_MS);
  });

  it('dates a lone-working risk check by the clock, so it counts on the clock’s today', async () => {
    const kase = await ahead.db.selectFrom('cases').select(['id', 'practitioner_id']).executeTakeFirstOrThrow();
    const check = await ahead.db
      .insertInto('case_risk_checks')
      .values({
        case_id: kase.id,
        answers: JSON.stringify({}),
        outcome: 'visit-alone',
        completed_by: kase.practitioner_id,
      })
      .returning('completed_at')
      .executeTakeFirstOrThrow();
    const ahead90 = Date.now() + NINETY_DAYS_MS;
    expect(Math.abs(check.completed_at.getTime() - ahead90)).toBeLessThan(60_000);
  });
});
