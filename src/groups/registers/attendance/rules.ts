/**
 * One programme's attendance summed up with the rules in completion.ts: each taken place's
 * sessions attended, apologies and did not attend, its outcome and change on the measure, and
 * the programme's totals. Used by the attendance page and the groups report. Pure.
 */
import type { AttendanceStatus, PlaceStatus } from '../../schema.ts';
import {
  averageChange,
  completionRate,
  countMarks,
  isTaken,
  outcomeOf,
  scoreChange,
  sessionsHeld,
  type Outcome,
} from '../rules.ts';

export interface PlaceFacts {
  id: number;
  status: PlaceStatus;
  pre: number | null;
  post: number | null;
}

export interface ParticipantSummary {
  placeId: number;
  attended: number;
  apologies: number;
  didNotAttend: number;
  outcome: Outcome;
  pre: number | null;
  post: number | null;
  change: number | null;
}

export interface Totals {
  /** Places taken (confirmed, or withdrawn after attending). */
  taken: number;
  attended: number;
  apologies: number;
  didNotAttend: number;
  completed: number;
  inProgress: number;
  notCompleted: number;
  /** Whole percentage of places taken that completed; null with no places taken. */
  completionRate: number | null;
  /** Places that attended at least one session. */
  reached: number;
  /** Participants with both scores, and their average change (one decimal place). */
  compared: number;
  averageChange: number | null;
}

export interface ProgrammeFacts<P extends PlaceFacts = PlaceFacts> {
  sessionDates: readonly string[];
  places: readonly P[];
  marks: readonly { placeId: number; status: AttendanceStatus }[];
  today: string;
  percent: number;
}

/** The taken places' summaries, in the order given. */
export function participantSummaries(facts: ProgrammeFacts): ParticipantSummary[] {
  return facts.places.flatMap((place) => {
    const counts = countMarks(facts.marks.filter((mark) => mark.placeId === place.id).map((mark) => mark.status));
    if (!isTaken(place.status, counts.attended)) return [];
    return [
      {
        placeId: place.id,
        attended: counts.attended,
        apologies: counts.apologies,
        didNotAttend: counts['did-not-attend'],
        outcome: outcomeOf({
          sessionDates: facts.sessionDates,
          attended: counts.attended,
          today: facts.today,
          percent: facts.percent,
        }),
        pre: place.pre,
        post: place.post,
        change: scoreChange(place.pre, place.post),
      },
    ];
  });
}

/** Totals over some participants' summaries. */
export function totalsOf(summaries: readonly ParticipantSummary[]): Totals {
  const sum = (pick: (summary: ParticipantSummary) => number) =>
    summaries.reduce((total, summary) => total + pick(summary), 0);
  const count = (outcome: Outcome) => summaries.filter((summary) => summary.outcome === outcome).length;
  const change = averageChange(summaries);
  return {
    taken: summaries.length,
    attended: sum((s) => s.attended),
    apologies: sum((s) => s.apologies),
    didNotAttend: sum((s) => s.didNotAttend),
    completed: count('completed'),
    inProgress: count('in-progress'),
    notCompleted: count('not-completed'),
    completionRate: completionRate(count('completed'), summaries.length),
    reached: summaries.filter((summary) => summary.attended > 0).length,
    compared: change.compared,
    averageChange: change.average,
  };
}

/** A programme summed up: sessions held so far, each taken place, and the totals. */
export function summariseProgramme(facts: ProgrammeFacts) {
  const participants = participantSummaries(facts);
  return {
    held: sessionsHeld(facts.sessionDates, facts.today),
    sessions: facts.sessionDates.length,
    participants,
    totals: totalsOf(participants),
  };
}
