/**
 * Entering the pre/post scores on a programme's named measure, one pair per taken place; only
 * for programmes with a measure. Every score is saved in one transaction, or none when one is
 * wrong; reads and writes are audited with counts only.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import type { Database } from '../../../db/schema.ts';
import { audit, type Actor } from '../../../platform/audit/audit.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import type { ErrorItem, FieldErrors } from '../../../platform/validation.ts';
import { isTaken } from '../rules.ts';
import { MAX_SCORE, SCORE_POINTS, checkScores } from './rules.ts';
import { saveScores } from './repository.ts';
import { KIND_TEXT, assertMayTakeRegister, attendedByPlace, findProgramme, marksOf, placesOf } from '../repository.ts';

export const MEASURES_RECORD = 'group-measures';

type Trx = Transaction<Database>;

export type MeasuresPage = NonNullable<Awaited<ReturnType<typeof loadMeasures>>>;

export type MeasuresOutcome =
  | { kind: 'not-found' }
  | {
      kind: 'invalid';
      page: MeasuresPage;
      values: Record<string, string>;
      errors: ErrorItem[];
      fieldErrors: FieldErrors;
    }
  | { kind: 'saved'; programmeId: number; message: string };

const shown = (score: number | null) => (score === null ? '' : String(score));

async function loadMeasures(trx: Trx, user: CurrentUser, programmeId: number) {
  const programme = await findProgramme(trx, programmeId);
  if (!programme?.measureName) return undefined;
  await assertMayTakeRegister(trx, user, programmeId);
  const attended = attendedByPlace(await marksOf(trx, programmeId));
  const participants = (await placesOf(trx, programme))
    .filter((place) => isTaken(place.status, attended.get(place.id) ?? 0))
    .map((place) => ({
      id: place.id,
      label: place.label,
      schools: place.schools,
      pre: place.pre,
      post: place.post,
      preField: SCORE_POINTS[0].field(place.id),
      postField: SCORE_POINTS[1].field(place.id),
    }));
  return {
    programme: {
      ...programme,
      measureName: programme.measureName,
      kindText: KIND_TEXT[programme.kind],
      href: `/groups/programmes/${programmeId}`,
    },
    participants,
    maxScore: MAX_SCORE,
    action: `/groups/programmes/${programmeId}/measures`,
    attendanceHref: `/groups/programmes/${programmeId}/attendance`,
    /** The saved scores, as the form shows them. */
    values: Object.fromEntries(
      participants.flatMap((p) => [
        [p.preField, shown(p.pre)],
        [p.postField, shown(p.post)],
      ]),
    ) as Record<string, string>,
  };
}

export function measuresService(db: Db) {
  return {
    /** The scores entered so far; undefined when the programme has no measure. Audited, as it shows names. */
    async page(actor: Actor, user: CurrentUser, programmeId: number) {
      return db.transaction().execute(async (trx) => {
        const page = await loadMeasures(trx, user, programmeId);
        if (page)
          await audit(trx, actor, {
            action: 'view',
            recordType: MEASURES_RECORD,
            recordId: programmeId,
            details: { shown: page.participants.length },
          });
        return page;
      });
    },

    /** Saves every participant's scores (blank clears one), or nothing when a value is wrong. */
    async save(
      actor: Actor,
      user: CurrentUser,
      programmeId: number,
      body: Record<string, unknown>,
    ): Promise<MeasuresOutcome> {
      return db.transaction().execute(async (trx): Promise<MeasuresOutcome> => {
        const page = await loadMeasures(trx, user, programmeId);
        if (!page) return { kind: 'not-found' };
        const checked = checkScores(page.participants, body);
        if (!checked.ok) {
          const values = Object.fromEntries(
            Object.keys(page.values).map((field) => [
              field,
              typeof body[field] === 'string' ? String(body[field]) : '',
            ]),
          );
          return { kind: 'invalid', page, values, errors: checked.errors, fieldErrors: checked.fieldErrors };
        }
        for (const [placeId, scores] of checked.scores) {
          await saveScores(trx, programmeId, placeId, scores);
        }
        const all = [...checked.scores.values()];
        await audit(trx, actor, {
          action: 'record',
          recordType: MEASURES_RECORD,
          recordId: programmeId,
          details: {
            participants: all.length,
            withPre: all.filter((s) => s.pre !== null).length,
            withPost: all.filter((s) => s.post !== null).length,
          },
        });
        return { kind: 'saved', programmeId, message: `Scores on ${page.programme.measureName} saved` };
      });
    },
  };
}
