import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../connection.ts';
import { up } from './014_referral_checkbox_lists.ts';

let connection: Connection;
beforeAll(async () => (connection = await freshDatabase({ marks: false })));
afterAll(() => connection.close());

type Answers = { pages: Record<string, Record<string, unknown>> };

async function answersOf(id: number): Promise<Answers> {
  const row = await connection.db
    .selectFrom('referrals')
    .select('answers')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.answers as Answers;
}

async function store(id: number, answers: Answers) {
  await connection.db
    .updateTable('referrals')
    .set({ answers: JSON.stringify(answers) })
    .where('id', '=', id)
    .execute();
}

describe('migration 014: referral checkbox answers become lists', () => {
  it('turns a stored single need and a single sharing choice into one-item lists, a blank into none, and leaves lists alone', async () => {
    const [a, b, c] = (await connection.db.selectFrom('referrals').select('id').orderBy('id').limit(3).execute()).map(
      (row) => row.id,
    );
    const original = await answersOf(a!);
    await store(a!, {
      ...original,
      pages: {
        ...original.pages,
        needs: { ...original.pages.needs, needs: 'semh' },
        consent: { ...original.pages.consent, consentSharing: 'health' },
      },
    });
    await store(b!, { pages: { needs: { needs: ' ' } } });
    await store(c!, { pages: { needs: { needs: ['anxiety', 'housing'] } } });

    await up(connection.db);
    await up(connection.db); // safe to run again

    const repaired = await answersOf(a!);
    expect(repaired.pages.needs!.needs).toEqual(['semh']);
    expect(repaired.pages.consent!.consentSharing).toEqual(['health']);
    expect(repaired.pages.needs!.needsDetail).toEqual(original.pages.needs?.needsDetail);
    expect((await answersOf(b!)).pages.needs!.needs).toEqual([]);
    expect((await answersOf(c!)).pages.needs!.needs).toEqual(['anxiety', 'housing']);
  });

  it('leaves a draft without the answers alone', async () => {
    const [{ id }] = await connection.db.selectFrom('referrals').select('id').orderBy('id', 'desc').limit(1).execute();
    await store(id, { pages: {} });
    await up(connection.db);
    expect(await answersOf(id)).toEqual({ pages: {} });
  });
});
