/**
 * Triage's rules: levels of need, what triage knows about one referral (its clocks, eligibility
 * and panel), and the queue's filters. Pure functions.
 */
import type { Calendar } from '../platform/calendar/calendar.ts';
import { londonDate } from '../platform/london-time.ts';
import type { SettingValues } from '../platform/settings/settings.ts';
import { ageOn } from '../children/rules.ts';
import { parseAnswers, type ChildAnswers, type DraftAnswers, type NeedsAnswers } from '../referrals/forms.ts';
import { alreadyKnown } from '../referrals/matches/rules.ts';
import {
  acknowledgementDueBy,
  clockRulesOf,
  clockStatus,
  describeClock,
  isEligibleForSsfp,
  outcomeDueBy,
} from '../referrals/rules.ts';
import { panelFor, type PanelSchedule } from './panels/rules.ts';

// ---- Levels of need ------------------------------------------------------------------------------

/**
 * Levels of need 1 to 4 (Southend Early Help Family Support service document (2016)). Its table
 * 'clarifies the threshold between levels, whilst recognising that every family member is unique
 * and decisions concerning level of need require reflection, discussion and professional
 * judgement', so the count of presenting issues only ever suggests a level; the triage manager
 * decides.
 */
export type LevelOfNeed = 1 | 2 | 3 | 4;

export interface LevelOfNeedDefinition {
  level: LevelOfNeed;
  name: string;
  descriptor: string;
  /** The typical number of presenting issues, as the Southend document puts it. */
  presentingIssues: string;
}

export const LEVELS_OF_NEED: readonly LevelOfNeedDefinition[] = [
  {
    level: 1,
    name: 'Universal',
    descriptor:
      'Core needs met by universal services. Support increases protective factors and lowers risk, so problems are dealt with informally and quickly without specialist help.',
    presentingIssues: 'Core needs only',
  },
  {
    level: 2,
    name: 'Targeted or emerging needs',
    descriptor:
      'Emerging needs where a range of early help services may be needed, coordinated through an early help assessment, because there are concerns for the child’s well-being or their needs are not clear, not known or not being met.',
    presentingIssues: 'About 1 to 2 presenting issues',
  },
  {
    level: 3,
    name: 'Complex or intensive',
    descriptor:
      'Multiple needs that need complex, intensive support. Without it, life chances will be significantly impaired.',
    presentingIssues: 'About 3 to 8 presenting issues in the family',
  },
  {
    level: 4,
    name: 'Statutory',
    descriptor:
      'The child has suffered, or is likely to suffer, significant harm from abuse or neglect: child protection, care proceedings, child in need or youth justice orders.',
    presentingIssues: 'Significant harm, whatever the number of issues',
  },
];

export function levelOfNeed(level: number): LevelOfNeedDefinition | undefined {
  return LEVELS_OF_NEED.find((definition) => definition.level === level);
}

/**
 * The level of need suggested by the number of presenting issues (the Southend document): none suggests
 * level 1, about 1 to 2 level 2, about 3 to 8 level 3, and more than 8 still level 3. Level 4
 * is about significant harm, not a count, so it is never suggested. A suggestion only.
 */
export function suggestedLevel(presentingIssueCount: number): 1 | 2 | 3 {
  if (!Number.isInteger(presentingIssueCount) || presentingIssueCount < 0) {
    throw new Error(
      `Invalid number of presenting issues "${presentingIssueCount}": expected a whole number, 0 or more`,
    );
  }
  if (presentingIssueCount === 0) return 1;
  return presentingIssueCount <= 2 ? 2 : 3;
}

/** 'Suggested level 3 (complex or intensive): 4 presenting issues. …' for the triage page. */
export function describeSuggestedLevel(presentingIssueCount: number): string {
  const level = suggestedLevel(presentingIssueCount);
  const name = levelOfNeed(level)?.name.toLowerCase();
  const issues = `${presentingIssueCount} presenting ${presentingIssueCount === 1 ? 'issue' : 'issues'}`;
  return `Suggested level ${level} (${name}): ${issues}. This is a suggestion only; decide the level from everything you know about the family.`;
}

// ---- One referral, and the queue ---------------------------------------------------------------

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

export const scheduleOf = (settings: SettingValues): PanelSchedule => ({
  frequency: settings['triage-frequency'],
  weekday: settings['triage-day'],
});

/**
 * What the queue filters, sorts and shows of one referral: its clocks, eligibility and flags. The
 * panel it goes to (see assess) is left out, so it is worked out only for the rows shown.
 */
export function queueFacts(
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
    undecidedMatches: decisions.filter((d) => d === null).length,
  };
}

/** The triage panel a referral sent at `submittedAt` goes to (undefined when the term dates have none). */
export function panelOf(submittedAt: Date, { settings, calendar }: Context) {
  return panelFor(submittedAt, scheduleOf(settings), calendar);
}

/** Everything triage needs to know about one referral: clocks, eligibility and its panel. */
export function assess(
  referral: { submitted_at: Date | null; acknowledged_at: Date | null; outcome_at: Date | null; answers: unknown },
  decisions: (string | null)[],
  ctx: Context,
) {
  return { ...queueFacts(referral, decisions, ctx), panelDate: panelOf(referral.submitted_at ?? ctx.now, ctx) };
}

/** What triage knows of each referral in the queue, as queueFacts gives it. */
type Assessed = ReturnType<typeof queueFacts>;

/**
 * The queue as the filter asks: by need, age band and flag, longest waiting or soonest due first
 * (then in the order sent, so that every page of the queue shows the same rows each time).
 */
export function filterQueue<T extends Assessed & { id: number }>(rows: readonly T[], filter: QueueFilter): T[] {
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
  return flagged.sort(
    (a, b) =>
      (filter.sort === 'outcome-due'
        ? a.clocks.outcome.dueBy.getTime() - b.clocks.outcome.dueBy.getTime()
        : b.waitingHours - a.waitingHours) || a.id - b.id,
  );
}
