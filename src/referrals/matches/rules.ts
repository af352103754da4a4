/**
 * "Already known" matching: is the child on a referral the same child as one in an open Early
 * Help or Social Care episode (Havering SEMH Team proposal: SSFP is for children 'not currently
 * known to Early Help or Social Care')? The match, with its reason, is shown to the triage manager, who
 * decides; so it errs towards showing a possible match rather than missing one.
 *
 * The rules, strongest first:
 * 1. The same UPN (ignoring case and spaces) always matches: score 1.
 * 2. Otherwise the date of birth must be the same, and then the names must be similar:
 *    - first names and last names each similar (Jaro–Winkler similarity at least
 *      NAME_SIMILARITY_THRESHOLD, 0.85, after normalising): score 0.5 + 0.45 × the mean
 *      similarity, so identical names score 0.95;
 *    - or the same names the other way round (first name recorded as last): 0.8 × that;
 *    - or an identical last name and the same first initial ('J Smith', 'Jay Smith' for
 *      Jayden Smith): 0.6. A twin (Jack and James Smith) matches too: the manager sees
 *      why, and a twin known to Early Help means the family is known.
 *    Two different UPNs lower a name match by 0.2 and the reason says so.
 *
 * Names are normalised before comparing: lower case, accents removed (Zoë → zoe),
 * apostrophes dropped (O'Brien → obrien), other punctuation and spaces removed
 * (Smith-Jones and Smith Jones are the same).
 */
import { parseAnswers, type DraftAnswers } from '../forms.ts';
import type { ChildAnswers } from '../forms.ts';

export interface Person {
  upn?: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export type MatchKind = 'upn' | 'name-and-date-of-birth';

export interface MatchReason {
  kind: MatchKind;
  /** 0 to 1: how sure the match is (see the rules above). */
  score: number;
  reason: string;
}

/** Jaro–Winkler similarity at or above which two normalised names count as similar. */
export const NAME_SIMILARITY_THRESHOLD = 0.85;

/** Lower case, no accents, no punctuation or spaces: 'Zoë O’Brien-Smith' → 'zoeobriensmith'. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Jaro–Winkler similarity of two strings, from 0 (nothing in common) to 1 (identical). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < Math.min(a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function normaliseUpn(upn: string | null | undefined): string {
  return (upn ?? '').replace(/\s/g, '').toUpperCase();
}

function fullName(person: Person): string {
  return `${person.firstName.trim()} ${person.lastName.trim()}`.replace(/\s+/g, ' ');
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function nameMatch(referral: Person, known: Person): { score: number; how: string } | undefined {
  const [first, last] = [normaliseName(referral.firstName), normaliseName(referral.lastName)];
  const [knownFirst, knownLast] = [normaliseName(known.firstName), normaliseName(known.lastName)];
  if (!first || !last || !knownFirst || !knownLast) return undefined;
  const names = `(${fullName(referral)} ~ ${fullName(known)})`;
  const same = [jaroWinkler(first, knownFirst), jaroWinkler(last, knownLast)];
  if (same.every((similarity) => similarity >= NAME_SIMILARITY_THRESHOLD)) {
    const exact = first === knownFirst && last === knownLast;
    return {
      score: 0.5 + 0.45 * ((same[0] + same[1]) / 2),
      how: exact ? `the same name ${names}` : `similar name ${names}`,
    };
  }
  const swapped = [jaroWinkler(first, knownLast), jaroWinkler(last, knownFirst)];
  if (swapped.every((similarity) => similarity >= NAME_SIMILARITY_THRESHOLD)) {
    return {
      score: 0.8 * (0.5 + 0.45 * ((swapped[0] + swapped[1]) / 2)),
      how: `first and last names the other way round ${names}`,
    };
  }
  if (last === knownLast && first[0] === knownFirst[0]) {
    return { score: 0.6, how: `the same last name and first initial ${names}` };
  }
  return undefined;
}

/** Why the child on a referral may be a known child, or undefined if they do not match. */
export function matchReason(referral: Person, known: Person): MatchReason | undefined {
  const upn = normaliseUpn(referral.upn);
  const knownUpn = normaliseUpn(known.upn);
  if (upn && upn === knownUpn) return { kind: 'upn', score: 1, reason: 'Same UPN' };
  if (referral.dateOfBirth.slice(0, 10) !== known.dateOfBirth.slice(0, 10)) return undefined;
  const match = nameMatch(referral, known);
  if (!match) return undefined;
  const differentUpns = upn !== '' && knownUpn !== '';
  return {
    kind: 'name-and-date-of-birth',
    score: round(match.score - (differentUpns ? 0.2 : 0)),
    reason: `Same date of birth and ${match.how}${differentUpns ? ', but a different UPN' : ''}`,
  };
}

/** The candidates that may be the referral's child, most likely first. */
export function findMatches<T extends Person>(
  referral: Person,
  candidates: readonly T[],
): (MatchReason & { candidate: T })[] {
  const found: (MatchReason & { candidate: T })[] = [];
  for (const candidate of candidates) {
    const match = matchReason(referral, candidate);
    if (match) found.push({ ...match, candidate });
  }
  return found.sort((a, b) => b.score - a.score);
}

/** Statuses of a referral that is still open in the service. */
export const OPEN_STATUSES = ['submitted', 'more-information', 'targeted', 'intensive'] as const;

/** The child on a sent referral, as matching compares them; undefined if the child page is unfinished. */
export function personFrom(answers: DraftAnswers): Person | undefined {
  const child = parseAnswers(answers).parsed.child as ChildAnswers | undefined;
  return (
    child && {
      upn: child.upn || null,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
    }
  );
}

/** Whether the child is already known, as far as the triage manager has decided the matches. */
export function alreadyKnown(decisions: readonly (string | null)[]): boolean | 'unchecked' {
  if (decisions.includes('confirmed')) return true;
  return decisions.some((decision) => decision === null) ? 'unchecked' : false;
}

/** Where a possible match was found: a known episode or another open referral. */
export function episodeLabel(service: string): string {
  return `open to ${service === 'social_care' ? 'Children’s Social Care' : 'Early Help'}`;
}
