// A case's progress measures over time, and recording them at referral or closure (reviews
// record theirs with the meeting). Audited; one transaction with the case locked.
import { z } from 'zod';
import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { dateInput, formatIsoDate, withDateInputs } from '../../../platform/date-input.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../../platform/validation.ts';
import { addCaseEvent, auditCase, changeCase, readCase, type CaseRecord } from '../../service.ts';
import {
  FORM_POINTS,
  MEASURE_POINTS,
  NO_MEASURE_MESSAGE,
  changeFromReferral,
  hasAnyMeasure,
  inOrder,
  measureFields,
  signed,
  type MeasureRow,
} from './rules.ts';
import { meetingsRepository } from '../repository.ts';

const repository = meetingsRepository();

function measuresSchema(today: string) {
  return z
    .object({
      point: z.enum(['referral', 'closure'], {
        message: 'Select when the measures were taken: at referral or at closure',
      }),
      recordedOn: dateInput('date the measures are from', { latest: today }),
      ...measureFields,
    })
    .refine(hasAnyMeasure, { message: NO_MEASURE_MESSAGE, path: ['behaviourPoints'] });
}

const pointText = (row: MeasureRow) =>
  row.point === 'review'
    ? `Review, ${formatIsoDate(row.recordedOn)}`
    : (MEASURE_POINTS.find((p) => p.value === row.point)?.text ?? row.point);
const yesNo = (value: boolean | null | undefined) => (value === true ? 'Yes' : value === false ? 'No' : '');

function tableOf(rows: MeasureRow[]) {
  const ordered = inOrder(rows);
  const change = changeFromReferral(rows);
  return {
    rows: ordered.map((row) => ({
      point: pointText(row),
      recordedOn: row.recordedOn,
      behaviourPoints: row.behaviourPoints ?? '',
      attendance: row.attendancePercent === null ? '' : `${row.attendancePercent}%`,
      suspensions: row.suspensions ?? '',
      placementKept: yesNo(row.placementKept),
    })),
    change: change && {
      behaviourPoints: signed(change.behaviourPoints),
      attendance: signed(change.attendancePercent, ' percentage points'),
      suspensions: signed(change.suspensions),
      placementKept: yesNo(change.placementKept),
    },
  };
}

export type MeasuresResult =
  | {
      kind: 'problem';
      errors: ErrorItem[];
      fieldErrors: FieldErrors;
      kase: CaseRecord;
      recorded: Record<string, string>;
    }
  | { kind: 'saved'; point: string; replaced: boolean };

async function recordedPoints(db: Parameters<typeof repository.measures>[0], caseId: number) {
  const rows = await repository.measures(db, caseId);
  return Object.fromEntries(
    rows.filter((row) => row.point === 'referral' || row.point === 'closure').map((row) => [row.point, row.recordedOn]),
  );
}

export function measuresService(db: Db, clock: Clock) {
  return {
    overview(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'measures', async (trx, kase) => ({
        kase,
        ...tableOf(await repository.measures(trx, id)),
      }));
    },

    newForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'measures-new', async (trx, kase) => ({
        kase,
        recorded: await recordedPoints(trx, id),
      }));
    },

    /** Records measures at referral or closure, replacing any taken before at that point. */
    record(actor: Actor, user: CurrentUser, id: number, body: Record<string, unknown>) {
      // Measures at closure may be recorded once the case has closed.
      return changeCase(
        db,
        user,
        id,
        async (trx, kase): Promise<MeasuresResult> => {
          const recorded = await recordedPoints(trx, id);
          const form = validate(measuresSchema(clock.today()), withDateInputs(body, ['recordedOn']));
          if (!form.ok) return { kind: 'problem', errors: form.errors, fieldErrors: form.fieldErrors, kase, recorded };
          if (kase.status === 'closed' && form.data.point !== 'closure') {
            const text = 'The case is closed: only measures at closure can be recorded';
            return {
              kind: 'problem',
              errors: [{ text, href: '#point' }],
              fieldErrors: { point: { text } },
              kase,
              recorded,
            };
          }
          const { point, recordedOn, ...measures } = form.data;
          await repository.saveMeasures(trx, {
            caseId: id,
            point,
            recordedOn,
            meetingId: null,
            userId: actor.userId,
            measures,
          });
          const label = FORM_POINTS.find((p) => p.value === point)!.text.toLowerCase();
          await addCaseEvent(trx, {
            caseId: id,
            userId: actor.userId,
            kind: 'measures',
            message: `Measures ${label}, from ${formatIsoDate(recordedOn)}`,
          });
          const replaced = point in recorded;
          await auditCase(trx, actor, id, 'record-measures', { point, recordedOn, replaced, ...measures });
          return { kind: 'saved', point: label, replaced };
        },
        { allowClosed: body.point === 'closure' },
      );
    },
  };
}
