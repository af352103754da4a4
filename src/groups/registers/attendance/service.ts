/**
 * A programme's attendance summary: each participant's sessions attended of those held,
 * apologies, did not attend, completed or not, and pre/post scores with the change; a totals
 * row. A school user sees the participants with a child at their schools, and everyone else
 * only in the totals. Audited when names are shown.
 */
import type { Db } from '../../../db/connection.ts';
import { audit, type Actor } from '../../../platform/audit/audit.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import { readSetting } from '../../../platform/settings/service.ts';
import type { Clock } from '../../../platform/clock.ts';
import { OUTCOME_TEXT, percentText, sessionsHeld, sessionsToComplete, signedText } from '../rules.ts';
import {
  KIND_TEXT,
  findProgramme,
  marksOf,
  mayReadPlace,
  mayReadProgramme,
  placesOf,
  sessionsOf,
} from '../repository.ts';
import { participantSummaries, totalsOf, type Totals } from './rules.ts';

export const ATTENDANCE_RECORD = 'group-attendance';

const scoreText = (score: number | null) => (score === null ? '–' : String(score));

/** A totals row as the page shows it. */
function totalsRow(label: string, totals: Totals) {
  return {
    label,
    taken: totals.taken,
    attended: totals.attended,
    apologies: totals.apologies,
    didNotAttend: totals.didNotAttend,
    outcome: `${totals.completed} completed, ${totals.inProgress} in progress, ${totals.notCompleted} not completed`,
    rate: percentText(totals.completionRate),
    change: totals.compared ? `${signedText(totals.averageChange)} (average of ${totals.compared})` : '–',
  };
}

export function attendanceService(db: Db, clock: Clock) {
  return {
    /** The summary for `user`, or undefined when there is no such programme or they may not see it. */
    async page(actor: Actor, user: CurrentUser, programmeId: number) {
      const today = clock.today();
      return db.transaction().execute(async (trx) => {
        const programme = await findProgramme(trx, programmeId);
        if (!programme || !mayReadProgramme(user, programme)) return undefined;
        const sessions = await sessionsOf(trx, programmeId);
        const places = await placesOf(trx, programme);
        const marks = await marksOf(trx, programmeId);
        const percent = await readSetting(trx, 'group-completion-percent');
        const sessionDates = sessions.map((session) => session.heldOn);
        const summaries = participantSummaries({ sessionDates, places, marks, today, percent });
        const byId = new Map(places.map((place) => [place.id, place]));
        const shown = summaries.filter((summary) => mayReadPlace(user, byId.get(summary.placeId)!));
        const others = summaries.filter((summary) => !shown.includes(summary));
        if (shown.length)
          await audit(trx, actor, {
            action: 'view',
            recordType: ATTENDANCE_RECORD,
            recordId: programmeId,
            details: { shown: shown.length, counted: summaries.length },
          });
        return {
          programme: { ...programme, kindText: KIND_TEXT[programme.kind], href: `/groups/programmes/${programmeId}` },
          sessions: sessions.length,
          held: sessionsHeld(sessionDates, today),
          percent,
          toComplete: sessionsToComplete(sessions.length, percent),
          rows: shown.map((summary) => {
            const place = byId.get(summary.placeId)!;
            return {
              label: place.label,
              schools: place.schools,
              withdrawn: place.status === 'withdrawn',
              attended: summary.attended,
              apologies: summary.apologies,
              didNotAttend: summary.didNotAttend,
              outcome: OUTCOME_TEXT[summary.outcome],
              pre: scoreText(summary.pre),
              post: scoreText(summary.post),
              change: signedText(summary.change),
            };
          }),
          others: others.length
            ? totalsRow(`Participants from other schools (${others.length})`, totalsOf(others))
            : undefined,
          total: totalsRow('All participants', totalsOf(summaries)),
        };
      });
    },
  };
}
