/**
 * A session's register: reading it (audited, as it shows names) and saving every participant's
 * mark in one transaction (upserted, audited with counts only).
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AttendanceStatus } from '../schema.ts';
import {
  KIND_TEXT,
  assertMayTakeRegister,
  findProgramme,
  marksOf,
  placesOf,
  saveMarks,
  sessionsOf,
} from './repository.ts';
import { checkMarks, markCounts, markField, onRegister, registerRefusal } from './rules.ts';

export const REGISTER_RECORD = 'group-register';

type Trx = Transaction<Database>;

export type RegisterOutcome =
  | { kind: 'not-found' }
  | { kind: 'refused'; page: RegisterPage }
  | { kind: 'invalid'; page: RegisterPage; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'saved'; programmeId: number; message: string };

export type RegisterPage = NonNullable<Awaited<ReturnType<typeof loadRegister>>>;

const programmePath = (programmeId: number) => `/groups/programmes/${programmeId}`;
export const registerPath = (programmeId: number, sessionId: number) =>
  `${programmePath(programmeId)}/sessions/${sessionId}/register`;

/** Everything the register page shows; undefined when the programme or session is not there. */
async function loadRegister(trx: Trx, user: CurrentUser, programmeId: number, sessionId: number, today: string) {
  const programme = await findProgramme(trx, programmeId);
  if (!programme) return undefined;
  const sessions = await sessionsOf(trx, programmeId);
  const index = sessions.findIndex((session) => session.id === sessionId);
  if (index < 0) return undefined;
  await assertMayTakeRegister(trx, user, programmeId);
  const session = sessions[index];
  const marks = (await marksOf(trx, programmeId)).filter((mark) => mark.sessionId === sessionId);
  const saved = new Map<number, AttendanceStatus>(marks.map((mark) => [mark.placeId, mark.status]));
  const participants = onRegister(await placesOf(trx, programme), saved).map((place) => ({
    id: place.id,
    label: place.label,
    hint: `${place.schools}${place.status === 'withdrawn' ? ' (withdrawn from the group)' : ''}`,
    field: markField(place.id),
    saved: saved.get(place.id),
  }));
  const link = (other: (typeof sessions)[number] | undefined, number: number) =>
    other ? { href: registerPath(programmeId, other.id), heldOn: other.heldOn, number } : undefined;
  return {
    programme: { ...programme, kindText: KIND_TEXT[programme.kind], href: programmePath(programmeId) },
    session: { ...session, number: index + 1, of: sessions.length },
    previous: link(sessions[index - 1], index),
    next: link(sessions[index + 1], index + 2),
    participants,
    refusal: registerRefusal(session.heldOn, today, programme.cancelled),
    action: registerPath(programmeId, sessionId),
    attendanceHref: `${programmePath(programmeId)}/attendance`,
    /** The marks to show: the saved ones, or what was chosen when the form comes back with problems. */
    chosen: Object.fromEntries(
      participants.map((participant) => [participant.field, participant.saved ?? '']),
    ) as Record<string, string>,
  };
}

export function registerService(db: Db, clock: Clock) {
  return {
    /** The register as saved so far; audited as a read of names. */
    async page(
      actor: Actor,
      user: CurrentUser,
      programmeId: number,
      sessionId: number,
    ): Promise<RegisterPage | undefined> {
      return db.transaction().execute(async (trx) => {
        const page = await loadRegister(trx, user, programmeId, sessionId, clock.today());
        if (page)
          await audit(trx, actor, {
            action: 'view',
            recordType: REGISTER_RECORD,
            recordId: sessionId,
            details: { programmeId, shown: page.participants.length },
          });
        return page;
      });
    },

    /** Saves a mark for every participant, or nothing when one is missing or the session is in the future. */
    async save(
      actor: Actor,
      user: CurrentUser,
      programmeId: number,
      sessionId: number,
      body: Record<string, unknown>,
    ): Promise<RegisterOutcome> {
      const now = clock.now();
      return db.transaction().execute(async (trx): Promise<RegisterOutcome> => {
        const page = await loadRegister(trx, user, programmeId, sessionId, clock.today());
        if (!page) return { kind: 'not-found' };
        if (page.refusal) return { kind: 'refused', page };
        const checked = checkMarks(page.participants, body);
        const chosen = Object.fromEntries(
          page.participants.map((participant) => [
            participant.field,
            typeof body[participant.field] === 'string' ? String(body[participant.field]) : '',
          ]),
        );
        if (!checked.ok)
          return {
            kind: 'invalid',
            page: { ...page, chosen },
            errors: checked.errors,
            fieldErrors: checked.fieldErrors,
          };
        const rows = [...checked.marks].map(([placeId, status]) => ({
          session_id: sessionId,
          place_id: placeId,
          status,
          recorded_by: actor.userId,
          recorded_at: now,
        }));
        await saveMarks(trx, rows);
        await audit(trx, actor, {
          action: 'record',
          recordType: REGISTER_RECORD,
          recordId: sessionId,
          details: { programmeId, ...markCounts(checked.marks) },
        });
        return {
          kind: 'saved',
          programmeId,
          message: `Register saved for the session on ${formatIsoDate(page.session.heldOn)}`,
        };
      });
    },
  };
}
