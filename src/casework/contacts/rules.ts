// Contacts with the family and the lone-working risk check [Havering SEMH Team proposal]: the
// practitioner contacts the family and makes the initial home visit within 5 working days of
// allocation (a setting), and risk is assessed before any home visit. Pure functions.
import { z } from 'zod';
import { subMonths } from 'date-fns/subMonths';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { addWorkingDays, type Calendar } from '../../platform/calendar/calendar.ts';
import { dateInput, formatIsoDate, withDateInputs } from '../../platform/date-input.ts';
import { atLondonTime } from '../../platform/london-time.ts';
import type { ClockSettings } from '../../allocation/queue/rules.ts';

export const CONTACT_TYPES = [
  { value: 'phone', label: 'Phone call' },
  { value: 'home-visit', label: 'Home visit' },
  { value: 'school', label: 'At school' },
  { value: 'virtual', label: 'Virtual (video call)' },
  { value: 'other', label: 'Other' },
] as const;

export type ContactType = (typeof CONTACT_TYPES)[number]['value'];

export function contactTypeLabel(value: string): string {
  return CONTACT_TYPES.find((type) => type.value === value)?.label ?? value;
}

/** The lone-working risk check's questions: the known risks at the address, then the safety check. */
export const RISK_QUESTIONS = [
  {
    name: 'violence',
    text: 'Is there a known risk of violence or aggression at the address?',
    error: 'Select yes if there is a known risk of violence or aggression at the address',
    risk: 'Violence or aggression',
  },
  {
    name: 'animals',
    text: 'Are there dogs or other animals at the address that may pose a risk?',
    error: 'Select yes if there are dogs or other animals at the address that may pose a risk',
    risk: 'Dogs or other animals',
  },
  {
    name: 'otherAdults',
    text: 'Are there other adults at the address who may pose a risk?',
    error: 'Select yes if there are other adults at the address who may pose a risk',
    risk: 'Other adults who may pose a risk',
  },
  {
    name: 'substances',
    text: 'Is there known substance misuse at the address?',
    error: 'Select yes if there is known substance misuse at the address',
    risk: 'Substance misuse',
  },
  {
    name: 'incidents',
    text: 'Have there been previous incidents with the family or at the address?',
    error: 'Select yes if there have been previous incidents with the family or at the address',
    risk: 'Previous incidents',
  },
  {
    name: 'colleagueKnows',
    text: 'Will a colleague know where you are and when you expect to be back?',
    error: 'Select yes if a colleague will know where you are and when you expect to be back',
    risk: undefined,
  },
] as const;

export type RiskQuestion = (typeof RISK_QUESTIONS)[number]['name'];
export type RiskAnswers = Record<RiskQuestion, boolean>;

export const RISK_OUTCOMES = [
  { value: 'visit-alone', label: 'Visit alone' },
  { value: 'visit-in-pairs', label: 'Visit in pairs' },
  { value: 'do-not-visit', label: 'Do not visit (meet somewhere else)' },
] as const;

export type RiskOutcome = (typeof RISK_OUTCOMES)[number]['value'];

export function riskOutcomeLabel(value: string): string {
  return RISK_OUTCOMES.find((outcome) => outcome.value === value)?.label ?? value;
}

/** The known risks answered 'yes', in the questions' order: for the risk checks table. */
export function knownRisks(answers: Partial<Record<string, unknown>>): string[] {
  return RISK_QUESTIONS.flatMap((question) =>
    question.risk && answers[question.name] === true ? [question.risk] : [],
  );
}

export const VISIT_ALONE_REFUSED =
  'You cannot visit alone when there is a known risk of violence or aggression, or there have been previous incidents. Select visit in pairs or do not visit';

/** Visiting alone is refused when violence or aggression is known, or there have been previous incidents. */
export function riskOutcomeAllowed(answers: RiskAnswers, outcome: RiskOutcome): boolean {
  return !(outcome === 'visit-alone' && (answers.violence || answers.incidents));
}

/**
 * How long a lone-working risk check stays good for home visits: circumstances at an address
 * change, so after 3 months the practitioner checks again before visiting.
 */
export const RISK_CHECK_VALID_MONTHS = 3;

export const NO_RISK_CHECK = 'Complete a lone-working risk check before recording a home visit';
export const DO_NOT_VISIT =
  'The latest lone-working risk check says not to visit the family at home. Complete a new risk check before recording a home visit';

/** The first day a risk check completed on it is still good for a home visit made `today`. */
export function riskCheckValidFrom(today: string): string {
  return formatISO(subMonths(parseISO(today), RISK_CHECK_VALID_MONTHS), { representation: 'date' });
}

export type HomeVisitCheck =
  | { ok: true; riskCheckId: number; outcome: RiskOutcome }
  | { ok: false; reason: 'none' | 'do-not-visit'; message: string };

/**
 * Whether a home visit may be recorded: the latest risk check of the last 3 months must say the
 * practitioner may visit (alone or in pairs). `completedOn` is each check's date in London.
 */
export function homeVisitAllowed(
  checks: readonly { id: number; outcome: string; completedOn: string }[],
  today: string,
): HomeVisitCheck {
  const from = riskCheckValidFrom(today);
  const latest = checks
    .filter((check) => check.completedOn >= from && check.completedOn <= today)
    .sort((a, b) => b.completedOn.localeCompare(a.completedOn) || b.id - a.id)[0];
  if (!latest) return { ok: false, reason: 'none', message: NO_RISK_CHECK };
  if (latest.outcome !== 'visit-alone' && latest.outcome !== 'visit-in-pairs')
    return { ok: false, reason: 'do-not-visit', message: DO_NOT_VISIT };
  return { ok: true, riskCheckId: latest.id, outcome: latest.outcome };
}

export type ContactClock = { state: 'met-on-time' | 'met-late' | 'due' | 'overdue'; due: string; metOn: string | null };

/**
 * The clock for contacting the family and making the initial home visit [Havering SEMH Team proposal]: due
 * `contactWorkingDays` working days after allocation; met by the first home visit. It is
 * overdue from the day after the due date.
 */
export function contactClock(
  allocatedOn: string,
  firstHomeVisitOn: string | null,
  today: string,
  settings: Pick<ClockSettings, 'contactWorkingDays'>,
  cal: Calendar,
): ContactClock {
  const due = addWorkingDays(allocatedOn, settings.contactWorkingDays, cal);
  if (firstHomeVisitOn)
    return { state: firstHomeVisitOn <= due ? 'met-on-time' : 'met-late', due, metOn: firstHomeVisitOn };
  return { state: today > due ? 'overdue' : 'due', due, metOn: null };
}

/** How the clock reads on the contacts page. */
export function describeContactClock(clock: ContactClock): { text: string; tag: string } {
  switch (clock.state) {
    case 'met-on-time':
      return { text: `Met on time, ${formatIsoDate(clock.metOn!)}`, tag: 'govuk-tag--green' };
    case 'met-late':
      return { text: `Met late, ${formatIsoDate(clock.metOn!)}`, tag: 'govuk-tag--orange' };
    case 'overdue':
      return { text: `Overdue: was due by ${formatIsoDate(clock.due)}`, tag: 'govuk-tag--red' };
    default:
      return { text: `Due by ${formatIsoDate(clock.due)}`, tag: 'govuk-tag--blue' };
  }
}

/** A time typed in the 24-hour clock ('9:30', '09:30' or '14.15') as 'HH:MM', or undefined. */
export function parseTime(text: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
  return `${match[1].padStart(2, '0')}:${match[2]}`;
}

const MAX_TEXT = 5000;

const text = (message: string, name: string, max = MAX_TEXT) =>
  z.string(message).trim().min(1, message).max(max, `${name} must be ${max} characters or less`);

/**
 * The contact form. The contact cannot be in the future, nor before the case was allocated.
 * Its output has `contactAt`, the instant in London's time.
 */
export function contactSchema(allocatedOn: string, now: Date, today: string) {
  const fields = z.object({
    contactOn: dateInput('date of the contact').superRefine((date, ctx) => {
      if (typeof date !== 'string') return;
      if (date > today)
        ctx.addIssue({ code: 'custom', message: 'Date of the contact must be today or in the past', path: ['day'] });
      else if (date < allocatedOn)
        ctx.addIssue({
          code: 'custom',
          message: `Date of the contact must be the same as or after the date the case was allocated, ${formatIsoDate(allocatedOn)}`,
          path: ['day'],
        });
    }),
    time: z
      .string('Enter the time of the contact')
      .trim()
      .min(1, 'Enter the time of the contact')
      .transform(
        (value, ctx) =>
          parseTime(value) ??
          (ctx.addIssue({
            code: 'custom',
            message: 'Time of the contact must be a real time in the 24-hour clock, like 09:30 or 14:15',
          }),
          z.NEVER),
      ),
    type: z.enum(
      CONTACT_TYPES.map((type) => type.value) as [ContactType, ...ContactType[]],
      'Select the type of contact',
    ),
    withWhom: text('Enter who the contact was with', 'Who the contact was with', 200),
    summary: text('Enter a summary of the contact', 'The summary'),
  });
  const checked = fields
    .superRefine((form, ctx) => {
      // Only a contact today can be later than now: a future date is refused on the date itself.
      if (form.contactOn === today && typeof form.time === 'string' && atLondonTime(form.contactOn, form.time) > now)
        ctx.addIssue({ code: 'custom', message: 'Time of the contact must be now or in the past', path: ['time'] });
    })
    .transform((form) => ({ ...form, contactAt: atLondonTime(form.contactOn, form.time) }));
  return z.preprocess((body) => withDateInputs(body, ['contactOn']), checked);
}

export type ContactInput = z.infer<ReturnType<typeof contactSchema>>;

const yesNo = (message: string) => z.enum(['yes', 'no'], message).transform((value) => value === 'yes');

/** The lone-working risk check form: every question answered, an outcome the answers allow, notes. */
export const riskCheckSchema = z
  .object({
    ...(Object.fromEntries(RISK_QUESTIONS.map((question) => [question.name, yesNo(question.error)])) as Record<
      RiskQuestion,
      ReturnType<typeof yesNo>
    >),
    outcome: z.enum(
      RISK_OUTCOMES.map((outcome) => outcome.value) as [RiskOutcome, ...RiskOutcome[]],
      'Select the outcome of the risk check',
    ),
    notes: z
      .string()
      .trim()
      .max(MAX_TEXT, `Notes must be ${MAX_TEXT} characters or less`)
      .optional()
      .transform((value) => value || null),
  })
  // Checked as soon as the answers it depends on are given, even while other questions are not.
  .refine((form) => riskOutcomeAllowed(form, form.outcome), {
    message: VISIT_ALONE_REFUSED,
    path: ['outcome'],
    when: (payload) =>
      !payload.issues.some((issue) => ['violence', 'incidents', 'outcome'].includes(String(issue.path?.[0]))),
  })
  .transform(({ outcome, notes, ...answers }) => ({ outcome, notes, answers: answers as RiskAnswers }));

export type RiskCheckInput = z.infer<typeof riskCheckSchema>;
