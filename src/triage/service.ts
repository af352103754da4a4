import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { readSettings } from '../platform/settings/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Calendar } from '../platform/calendar/calendar.ts';
import type { SettingValues } from '../platform/settings/settings.ts';
import { parseAnswers, type DraftAnswers } from '../referrals/pages.ts';
import type { ChildAnswers, NeedsAnswers } from '../referrals/schemas.ts';
import {
  acknowledgementDueBy,
  ageOn,
  clockStatus,
  describeClock,
  isEligibleForSsfp,
  londonDate,
  outcomeDueBy,
  type ClockRules,
} from '../referrals/rules.ts';
import { schoolName } from '../schools/service.ts';
import { alreadyKnown, matchesRepository } from './matches.ts';
import { panelFor, type PanelSchedule } from './panel.ts';

export const QUEUE_STATUSES = ['submitted', 'more-information'] as const;
export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_FLAGS = ['overdue', 'possible-match', 'not-eligible', 'exclusion-risk'] as const;
export type QueueFlag = (typeof QUEUE_FLAGS)[number];

export const AGE_BANDS = { 'under-5': [0, 4], '5-to-11': [5, 11], '12-and-over': [12, 99] } as const;
export type AgeBand = keyof typeof AGE_BANDS;

export interface QueueFilter {
  school?: number;
  age?: AgeBand;
  need?: string;
  flag?: QueueFlag;
  sort?: 'waiting' | 'outcome-due';
}

export interface Context {
  settings: SettingValues;
  calendar: Calendar;
  now: Date;
}

const clockRulesOf = (settings: SettingValues): ClockRules => ({
  acknowledgeWithinHours: settings['acknowledge-within-hours'],
  outcomeWithinHours: settings['outcome-within-hours'],
  outcomeClock: settings['outcome-clock'],
});

export const scheduleOf = (settings: SettingValues): PanelSchedule => ({
  frequency: settings['triage-frequency'],
  weekday: settings['triage-day'],
});

/** Everything triage needs to know about one referral: clocks, eligibility and its panel. */
export function assess(
  referral: { submitted_at: Date | null; acknowledged_at: Date | null; outcome_at: Date | null; answers: unknown },
  decisions: (string | null)[],
  { settings, calendar, now }: Context,
) {
  const submittedAt = referral.submitted_at ?? now;
  const rules = clockRulesOf(settings);
  const { parsed } = parseAnswers(referral.answers as DraftAnswers);
  const child = parsed.child as ChildAnswers;
  const needs = parsed.needs as NeedsAnswers;
  const acknowledgement = clockStatus(acknowledgementDueBy(submittedAt, rules), referral.acknowledged_at, now);
  const outcome = clockStatus(outcomeDueBy(submittedAt, rules, calendar), referral.outcome_at, now);
  const referralDate = londonDate(submittedAt);
  const eligibility = isEligibleForSsfp(
    {
      dateOfBirth: child.dateOfBirth,
      referralDate,
      needs: needs.needs,
      riskOfExclusion: needs.riskOfExclusion === 'yes',
      alreadyKnown: alreadyKnown(decisions),
    },
    { minimumAge: settings['ssfp-minimum-age'], maximumAge: settings['ssfp-maximum-age'] },
  );
  return {
    childName: `${child.firstName} ${child.lastName}`,
    age: ageOn(child.dateOfBirth, referralDate),
    needs: needs.needs,
    riskOfExclusion: needs.riskOfExclusion === 'yes',
    waitingHours: Math.floor((now.getTime() - submittedAt.getTime()) / 3_600_000),
    clocks: {
      acknowledgement: { ...acknowledgement, text: describeClock(acknowledgement) },
      outcome: { ...outcome, text: describeClock(outcome) },
    },
    eligibility,
    panelDate: panelFor(submittedAt, scheduleOf(settings), calendar),
    undecidedMatches: decisions.filter((d) => d === null).length,
  };
}

export function triageService(db: Db, clock: Clock) {
  const matches = matchesRepository(db, clock);
  const context = async (): Promise<Context> => ({
    settings: await readSettings(db),
    calendar: await loadCalendar(db),
    now: clock.now(),
  });

  return {
    matches,

    /** The front-door queue: referrals waiting for an outcome, with their clocks and flags. */
    async queue(filter: QueueFilter, page: number) {
      const ctx = await context();
      let query = db
        .selectFrom('referrals')
        .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
        .select([
          'referrals.id',
          'referrals.reference',
          'referrals.status',
          'referrals.answers',
          'referrals.submitted_at',
          'referrals.acknowledged_at',
          'referrals.outcome_at',
          'schools.urn',
          'schools.name as school_name',
        ])
        .select(
          sql<
            (string | null)[] | null
          >`(select array_agg(decision) from referral_matches where referral_id = referrals.id)`.as('decisions'),
        )
        .where('referrals.status', 'in', [...QUEUE_STATUSES]);
      if (filter.school) query = query.where('referrals.school_urn', '=', filter.school);
      const rows = (await query.execute()).map((row) => ({
        ...row,
        school: schoolName({ urn: row.urn, name: row.school_name }),
        ...assess(row, row.decisions ?? [], ctx),
      }));
      const flagged = rows.filter((row) => {
        if (filter.need && !row.needs.includes(filter.need)) return false;
        if (filter.age && (row.age < AGE_BANDS[filter.age][0] || row.age > AGE_BANDS[filter.age][1])) return false;
        switch (filter.flag) {
          case 'overdue':
            return row.clocks.outcome.state === 'overdue';
          case 'possible-match':
            return row.undecidedMatches > 0;
          case 'not-eligible':
            return !row.eligibility.eligible;
          case 'exclusion-risk':
            return row.riskOfExclusion;
          default:
            return true;
        }
      });
      flagged.sort((a, b) =>
        filter.sort === 'outcome-due'
          ? a.clocks.outcome.dueBy.getTime() - b.clocks.outcome.dueBy.getTime()
          : b.waitingHours - a.waitingHours,
      );
      return { rows: flagged.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE), total: flagged.length };
    },

    /** One referral as the triage manager sees it; the view is audited. */
    async view(actor: Actor, id: number) {
      const ctx = await context();
      return db.transaction().execute(async (trx) => {
        const referral = await trx
          .selectFrom('referrals')
          .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
          .leftJoin('users', 'users.id', 'referrals.created_by')
          .selectAll('referrals')
          .select(['schools.name as school_name', 'users.name as referrer_name', 'users.email as referrer_email'])
          .where('referrals.id', '=', id)
          .where('referrals.status', '!=', 'draft')
          .executeTakeFirst();
        if (!referral) return undefined;
        const found = await trx
          .selectFrom('referral_matches')
          .leftJoin('users', 'users.id', 'referral_matches.decided_by')
          .selectAll('referral_matches')
          .select('users.name as decided_by_name')
          .where('referral_id', '=', id)
          .orderBy('id')
          .execute();
        const events = await trx
          .selectFrom('referral_events')
          .leftJoin('users', 'users.id', 'referral_events.user_id')
          .select([
            'referral_events.at',
            'referral_events.kind',
            'referral_events.message',
            'referral_events.visible_to_referrer',
            'users.name as user_name',
          ])
          .where('referral_id', '=', id)
          .orderBy('referral_events.at')
          .orderBy('referral_events.id')
          .execute();
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
