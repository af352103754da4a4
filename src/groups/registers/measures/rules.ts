/**
 * Pre/post scores on a programme's named measure ("optional pre/post measures (a score
 * on a named scale entered per participant) to show change"): a number from 0 to 1000 with up
 * to one decimal place, or blank. Pure functions.
 */
import type { ErrorItem, FieldErrors } from '../../../platform/validation.ts';

export const MAX_SCORE = 1000;
export const SCORE_POINTS = [
  { key: 'pre', field: (placeId: number) => `pre-${placeId}`, words: 'score before the group' },
  { key: 'post', field: (placeId: number) => `post-${placeId}`, words: 'score after the group' },
] as const;

export type ScoreResult =
  { ok: true; value: number | null } | { ok: false; problem: 'not-a-number' | 'out-of-range' | 'too-precise' };

/** A typed score: blank is no score; otherwise a number from 0 to 1000 with up to one decimal place. */
export function parseScore(raw: unknown): ScoreResult {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: true, value: null };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { ok: false, problem: 'not-a-number' };
  const value = Number(text);
  if (value < 0 || value > MAX_SCORE) return { ok: false, problem: 'out-of-range' };
  if (/\.\d{2,}$/.test(text) && Math.round(value * 10) !== value * 10) return { ok: false, problem: 'too-precise' };
  return { ok: true, value: Math.round(value * 10) / 10 };
}

/** "Sam Jones's" — the possessive used in the messages. */
const possessive = (label: string) => `${label}’s`;

export function scoreMessage(
  label: string,
  words: string,
  problem: Exclude<ScoreResult, { ok: true }>['problem'],
): string {
  const whose = `${possessive(label)} ${words}`;
  if (problem === 'out-of-range')
    return `${whose.charAt(0).toUpperCase()}${whose.slice(1)} must be between 0 and ${MAX_SCORE}`;
  if (problem === 'too-precise')
    return `${whose.charAt(0).toUpperCase()}${whose.slice(1)} must have no more than one decimal place`;
  return `Enter ${whose} as a number, like 42`;
}

export interface Scores {
  pre: number | null;
  post: number | null;
}

export type ScoresCheck =
  { ok: true; scores: Map<number, Scores> } | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors };

/** Every participant's pre and post score checked; each bad value is named. */
export function checkScores(
  participants: readonly { id: number; label: string }[],
  body: Record<string, unknown>,
): ScoresCheck {
  const scores = new Map<number, Scores>();
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  for (const participant of participants) {
    const parsed: Scores = { pre: null, post: null };
    for (const point of SCORE_POINTS) {
      const field = point.field(participant.id);
      const result = parseScore(body[field]);
      if (result.ok) {
        parsed[point.key] = result.value;
      } else {
        const text = scoreMessage(participant.label, point.words, result.problem);
        fieldErrors[field] = { text };
        errors.push({ text, href: `#${field}` });
      }
    }
    scores.set(participant.id, parsed);
  }
  return errors.length ? { ok: false, errors, fieldErrors } : { ok: true, scores };
}
