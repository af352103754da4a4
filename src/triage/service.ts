import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { readSettings } from '../platform/settings/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { DraftAnswers } from '../referrals/forms.ts';
import { matchesRepository } from '../referrals/matches/repository.ts';
import { matchesService } from '../referrals/matches/service.ts';
import { schoolName } from '../schools/service.ts';
import { triageRepository } from './repository.ts';
import { pageOf } from '../platform/validation.ts';
import { assess, filterQueue, panelOf, queueFacts, QUEUE_PAGE_SIZE, type Context, type QueueFilter } from './rules.ts';

/** What triage works from: the settings, the calendar and the time, read once per request. */
export async function triageContext(db: Db, clock: Clock): Promise<Context> {
  return { settings: await readSettings(db), calendar: await loadCalendar(db), now: clock.now() };
}

export function triageService(db: Db, clock: Clock) {
  const repository = triageRepository();
  const matches = matchesRepository();

  return {
    /** The manager confirms or dismisses a possible match. */
    matches: matchesService(db, clock),

    /**
     * The front-door queue: referrals waiting for an outcome, with their clocks and flags, one
     * page of it (the last, when `asked` is past the end), and the schools to filter by. Each
     * row's panel is worked out only for the rows on the page.
     */
    async queue(filter: QueueFilter, asked: number) {
      const ctx = await triageContext(db, clock);
      const waiting = await repository.waiting(db, filter.school);
      const schools = await repository.schoolOptions(db);
      const rows = waiting.map((row) => ({
        ...row,
        school: schoolName({ urn: row.urn, name: row.school_name }),
        ...queueFacts(row, row.decisions ?? [], ctx),
      }));
      const flagged = filterQueue(rows, filter);
      const { page, rows: shown } = pageOf(flagged, asked, QUEUE_PAGE_SIZE);
      return {
        page,
        total: flagged.length,
        rows: shown.map((row) => ({ ...row, panelDate: panelOf(row.submitted_at ?? ctx.now, ctx) })),
        schools: schools.map((school) => ({ urn: school.urn, displayName: schoolName(school) })),
      };
    },

    /** One referral as the triage manager sees it; the view is audited. */
    async view(actor: Actor, id: number) {
      const ctx = await triageContext(db, clock);
      return db.transaction().execute(async (trx) => {
        const referral = await repository.sent(trx, id);
        if (!referral) return undefined;
        const found = await matches.ofReferral(trx, id);
        const events = await repository.events(trx, id);
        await audit(trx, actor, { action: 'view', recordType: 'referral', recordId: id, details: { as: 'triage' } });
        return {
          referral,
          answers: referral.answers as unknown as DraftAnswers,
          matches: found,
          events,
          assessment: assess(
            referral,
            found.map((m) => m.decision),
            ctx,
          ),
        };
      });
    },
  };
}

export type TriageService = ReturnType<typeof triageService>;
