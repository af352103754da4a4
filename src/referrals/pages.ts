import type { z } from 'zod';
import { withDateInputs } from '../platform/date-input.ts';
import { checkedValues, withCheckboxLists } from '../platform/checkboxes.ts';
import { childSchema, consentSchema, familySchema, needsSchema, supportSchema, viewsSchema } from './schemas.ts';

/** One question page of the referral form: its address, heading, rules, date fields and checkbox groups. */
export interface ReferralPage {
  slug: string;
  title: string;
  /** The page's rules, checking dates against `today` (London's date; see childSchema). */
  schema: (today?: string) => z.ZodType;
  dateFields: readonly string[];
  checkboxFields?: readonly string[];
}

/** The referral form's pages, in order (GOV.UK question pages, then check your answers). */
export const REFERRAL_PAGES: readonly ReferralPage[] = [
  { slug: 'child', title: 'About the child', schema: childSchema, dateFields: ['dateOfBirth'] },
  { slug: 'family', title: 'Parents, carers and household', schema: () => familySchema, dateFields: [] },
  {
    slug: 'needs',
    title: 'Needs, suspensions and risk of exclusion',
    schema: () => needsSchema,
    dateFields: [],
    checkboxFields: ['needs'],
  },
  { slug: 'support', title: 'Support already tried', schema: () => supportSchema, dateFields: [] },
  { slug: 'views', title: 'The views of the parent and the child', schema: () => viewsSchema, dateFields: [] },
  {
    slug: 'consent',
    title: 'Safeguarding and consent',
    schema: consentSchema,
    dateFields: ['consentDate'],
    checkboxFields: ['consentSharing'],
  },
];

export function pageFor(slug: string): ReferralPage | undefined {
  return REFERRAL_PAGES.find((page) => page.slug === slug);
}

/** Where a page's "Continue" goes: the next page, or check your answers after the last. */
export function nextPath(id: number, slug: string): string {
  const index = REFERRAL_PAGES.findIndex((page) => page.slug === slug);
  const next = REFERRAL_PAGES[index + 1];
  return next ? `/referrals/${id}/${next.slug}` : `/referrals/${id}/check`;
}

/** What was sent on a page, as it is saved and shown again: no CSRF token, checkbox groups as lists. */
export function pageValues(page: ReferralPage, body: Record<string, unknown>): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
  return withCheckboxLists(values, page.checkboxFields ?? []);
}

/** Answers as saved: what was typed on each page, and which pages are complete and valid. */
export interface DraftAnswers {
  pages: Record<string, Record<string, unknown>>;
  complete: Record<string, boolean>;
}

export function emptyAnswers(): DraftAnswers {
  return { pages: {}, complete: {} };
}

/**
 * Each page's answers checked again by its rules: the typed values, or which pages are
 * unfinished. A draft is checked against `today` (London's date); a sent referral's answers
 * were checked when it was sent, so they are read without it.
 */
export function parseAnswers(answers: DraftAnswers, today?: string) {
  const parsed: Record<string, Record<string, unknown>> = {};
  const incomplete: ReferralPage[] = [];
  for (const page of REFERRAL_PAGES) {
    const result = page.schema(today).safeParse(withDateInputs(answers.pages[page.slug] ?? {}, page.dateFields));
    if (result.success) parsed[page.slug] = result.data as Record<string, unknown>;
    else incomplete.push(page);
  }
  return { parsed, incomplete };
}

/** The presenting needs' codes in a referral's saved answers (older rows may hold one code as a string). */
export function presentingNeedsOf(answers: unknown): string[] {
  return checkedValues((answers as Partial<DraftAnswers> | null)?.pages?.needs?.needs);
}
