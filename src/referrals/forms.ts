/**
 * The referral form: each page's questions and rules (zod), the pages in order, and the answers
 * as a draft saves them.
 */
import { z } from 'zod';
import { dateInput, withDateInputs } from '../platform/date-input.ts';
import { isValidUpn } from '../children/rules.ts';
import { checkboxGroup, checkedValues, withCheckboxLists } from '../platform/checkboxes.ts';
import { PRESENTING_NEEDS } from './rules.ts';

const text = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 2000) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default('');
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });
const yesNo = (message: string) => choice(['yes', 'no'] as const, message);

export const GENDERS = ['female', 'male', 'other', 'not-given'] as const;
export const YEAR_GROUPS = ['Nursery', 'Reception', ...Array.from({ length: 11 }, (_, i) => `Year ${i + 1}`)] as [
  string,
  ...string[],
];
export const ETHNICITIES = [
  'White British',
  'White Irish',
  'Traveller of Irish heritage',
  'Gypsy or Roma',
  'Any other White background',
  'White and Black Caribbean',
  'White and Black African',
  'White and Asian',
  'Any other mixed background',
  'Indian',
  'Pakistani',
  'Bangladeshi',
  'Chinese',
  'Any other Asian background',
  'Black Caribbean',
  'Black African',
  'Any other Black background',
  'Any other ethnic group',
  'Refused',
  'Not yet obtained',
] as const;
export const SEN_STATUSES = ['none', 'sen-support', 'ehcp'] as const;
export const CONTACT_METHODS = ['phone', 'email', 'letter'] as const;
export const CONSENT_METHODS = ['in-person', 'phone', 'written'] as const;
export const SHARING = ['ssfp', 'health', 'early-help', 'other-agencies'] as const;

const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;
const PHONE = /^(\+44\s?|0)[\d\s]{9,13}$/;
const phone = z
  .string()
  .trim()
  .optional()
  .default('')
  .refine((v) => v === '' || PHONE.test(v), 'Enter a telephone number, like 01632 960 001 or 07700 900 982');
const email = z
  .string()
  .trim()
  .optional()
  .default('')
  .refine(
    (v) => v === '' || z.email().safeParse(v).success,
    'Enter an email address in the correct format, like name@example.com',
  );

/**
 * The child page's rules. `today` (London's date) is the latest date of birth; left out for a
 * sent referral, whose answers were checked against the day it was sent.
 */
export const childSchema = (today?: string) =>
  z.object({
    firstName: text('Enter the child’s first name', 100),
    lastName: text('Enter the child’s last name', 100),
    dateOfBirth: dateInput('date of birth', { latest: today }),
    upn: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .default('')
      .refine(
        (v) => v === '' || UPN_SHAPE.test(v),
        'Enter a UPN in the correct format: a letter, 11 numbers, then a number or letter',
      )
      .refine(
        (v) => !UPN_SHAPE.test(v) || isValidUpn(v),
        'Check the UPN: its first letter does not match the rest of the number',
      ),
    gender: choice(GENDERS, 'Select the child’s gender'),
    yearGroup: choice(YEAR_GROUPS, 'Select the child’s year group'),
    ethnicity: choice(ETHNICITIES, 'Select the child’s ethnicity'),
    senStatus: choice(SEN_STATUSES, 'Select the child’s special educational needs status'),
    lookedAfter: yesNo('Select yes if the child is looked after by the local authority'),
    freeSchoolMeals: yesNo('Select yes if the child is eligible for free school meals'),
  });

export const familySchema = z
  .object({
    carer1Name: text('Enter the name of the parent or carer'),
    carer1Relationship: text('Enter their relationship to the child', 100),
    carer1Phone: phone,
    carer1Email: email,
    carer1Language: optionalText(100),
    carer1ContactMethod: choice(CONTACT_METHODS, 'Select how the parent or carer prefers to be contacted'),
    carer2Name: optionalText(200),
    carer2Relationship: optionalText(100),
    carer2Phone: phone,
    carer2Email: email,
    household: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.carer1ContactMethod === 'phone' && !v.carer1Phone)
      issue('carer1Phone', 'Enter a telephone number, as they prefer phone');
    if (v.carer1ContactMethod === 'email' && !v.carer1Email)
      issue('carer1Email', 'Enter an email address, as they prefer email');
    const secondStarted = [v.carer2Name, v.carer2Relationship, v.carer2Phone, v.carer2Email].some(Boolean);
    if (secondStarted && !v.carer2Name) issue('carer2Name', 'Enter the name of the second parent or carer');
    if (secondStarted && !v.carer2Relationship)
      issue('carer2Relationship', 'Enter the second parent or carer’s relationship to the child');
  });

const needCodes = PRESENTING_NEEDS.map((need) => need.code) as unknown as [string, ...string[]];

export const needsSchema = z
  .object({
    needs: checkboxGroup(z.enum(needCodes), 'Select at least one presenting need'),
    needsOther: optionalText(200),
    needsDetail: text('Describe the child’s and family’s needs', 4000),
    suspensionsThisYear: z
      .string({ error: 'Enter the number of suspensions this school year, or 0' })
      .trim()
      .min(1, 'Enter the number of suspensions this school year, or 0')
      .regex(/^\d+$/, 'Enter the number of suspensions as a whole number, like 2')
      .transform(Number)
      .pipe(z.number().max(50, 'Number of suspensions must be 50 or fewer')),
    riskOfExclusion: yesNo('Select yes if the child is at risk of permanent exclusion'),
  })
  .superRefine((v, ctx) => {
    if (v.needs.includes('other') && !v.needsOther)
      ctx.addIssue({ code: 'custom', path: ['needsOther'], message: 'Enter the other need' });
  });

export const supportSchema = z.object({
  triedInSchool: text('Tell us what the school has already tried, with dates', 4000),
  otherAgencies: optionalText(2000),
});

export const viewsSchema = z.object({
  parentViews: text('Enter the parent or carer’s views', 4000),
  childViews: text('Enter the child’s views, in their words where you can', 4000),
});

/** The consent page's rules; `today` is the latest date consent can have been given (as for childSchema). */
export const consentSchema = (today?: string) =>
  z
    .object({
      safeguardingConcern: yesNo(
        'Select yes if you think the child is suffering, or likely to suffer, significant harm',
      ),
      consentGiven: yesNo('Select yes if the parent or carer has given consent'),
      consentBy: optionalText(200),
      consentRelationship: optionalText(100),
      consentDate: z.unknown().optional(),
      consentHow: z.enum(CONSENT_METHODS).optional().catch(undefined),
      consentSharing: checkboxGroup(z.enum(SHARING)),
    })
    .transform((v, ctx) => {
      if (v.consentGiven !== 'yes') return { ...v, consentDate: undefined as string | undefined };
      const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (!v.consentBy) issue(['consentBy'], 'Enter the name of the person who gave consent');
      if (!v.consentRelationship) issue(['consentRelationship'], 'Enter their relationship to the child');
      const date = dateInput('date consent was given', { latest: today }).safeParse(v.consentDate);
      if (!date.success)
        for (const problem of date.error.issues) issue(['consentDate', ...problem.path.map(String)], problem.message);
      if (!v.consentHow) issue(['consentHow'], 'Select how consent was given');
      if (v.consentSharing.length === 0)
        issue(['consentSharing'], 'Select who the family agreed their information can be shared with');
      return { ...v, consentDate: date.success ? date.data : undefined };
    });

export type ChildAnswers = z.infer<ReturnType<typeof childSchema>>;
export type FamilyAnswers = z.infer<typeof familySchema>;
export type NeedsAnswers = z.infer<typeof needsSchema>;
export type SupportAnswers = z.infer<typeof supportSchema>;
export type ViewsAnswers = z.infer<typeof viewsSchema>;
export type ConsentAnswers = z.infer<ReturnType<typeof consentSchema>>;

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
 * Each page's rules, built once for a day (or once for sent referrals, read without `today`): a
 * queue of referrals reads many answers, and building the rules costs far more than using them.
 */
const rulesByDay = new Map<string, z.ZodType>();
function rulesOf(page: ReferralPage, today?: string): z.ZodType {
  const key = `${today ?? ''}|${page.slug}`;
  let rules = rulesByDay.get(key);
  if (!rules) {
    // Yesterday's rules are no longer used: forget them rather than keep every day's.
    if (rulesByDay.size >= REFERRAL_PAGES.length * 2) rulesByDay.clear();
    rules = page.schema(today);
    rulesByDay.set(key, rules);
  }
  return rules;
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
    const result = rulesOf(page, today).safeParse(withDateInputs(answers.pages[page.slug] ?? {}, page.dateFields));
    if (result.success) parsed[page.slug] = result.data as Record<string, unknown>;
    else incomplete.push(page);
  }
  return { parsed, incomplete };
}

/** The presenting needs' codes in a referral's saved answers (older rows may hold one code as a string). */
export function presentingNeedsOf(answers: unknown): string[] {
  return checkedValues((answers as Partial<DraftAnswers> | null)?.pages?.needs?.needs);
}
