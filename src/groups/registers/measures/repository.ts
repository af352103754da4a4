/**
 * The scores on a programme's named measure: each taken place's pre and post score.
 */
import type { DbOrTrx } from '../../../db/connection.ts';

/** Saves one place's pre and post scores (null clears one) on the programme it belongs to. */
export async function saveScores(
  db: DbOrTrx,
  programmeId: number,
  placeId: number,
  scores: { pre: number | null; post: number | null },
): Promise<void> {
  await db
    .updateTable('group_places')
    .set({ pre_score: scores.pre, post_score: scores.post })
    .where('id', '=', placeId)
    .where('programme_id', '=', programmeId)
    .execute();
}
