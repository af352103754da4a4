/** How a referral's answers are shown: check your answers before sending, and the sent referral. */
import { formatIsoDate } from '../../platform/date-input.ts';
import { checkedValues } from '../../platform/checkboxes.ts';
import { needLabel } from '../rules.ts';
import { parseAnswers, REFERRAL_PAGES, type DraftAnswers } from '../forms.ts';

type Format = (value: unknown, all: Record<string, unknown>) => string;

const plain: Format = (value) => (value === undefined || value === null || value === '' ? 'Not given' : String(value));
const yesNo: Format = (value) => (value === 'yes' ? 'Yes' : value === 'no' ? 'No' : 'Not given');
const date: Format = (value) => (typeof value === 'string' && value ? formatIsoDate(value) : 'Not given');
const labels =
  (names: Record<string, string>): Format =>
  (value) =>
    checkedValues(value)
      .map((v) => names[v] ?? v)
      .join(', ') || 'None';

const SEN = {
  none: 'No special educational needs',
  'sen-support': 'SEN support',
  ehcp: 'Education, health and care plan',
};
const GENDER = { female: 'Female', male: 'Male', other: 'Other', 'not-given': 'Prefers not to say' };
const CONTACT = { phone: 'Phone', email: 'Email', letter: 'Letter' };
const CONSENT_HOW = { 'in-person': 'In person', phone: 'By phone', written: 'In writing' };
const SHARING = {
  ssfp: 'School-support family practitioners',
  health: 'Health services',
  'early-help': 'Early Help',
  'other-agencies': 'Other agencies working with the family',
};

/** What check your answers shows for each page: field, question, and how to show the answer. */
const ROWS: Record<string, [string, string, Format][]> = {
  child: [
    ['firstName', 'First name', plain],
    ['lastName', 'Last name', plain],
    ['dateOfBirth', 'Date of birth', date],
    ['upn', 'Unique pupil number (UPN)', (v) => (v ? String(v) : 'Not known')],
    ['gender', 'Gender', labels(GENDER)],
    ['yearGroup', 'Year group', plain],
    ['ethnicity', 'Ethnicity', plain],
    ['senStatus', 'Special educational needs', labels(SEN)],
    ['lookedAfter', 'Looked after by the local authority', yesNo],
    ['freeSchoolMeals', 'Eligible for free school meals', yesNo],
  ],
  family: [
    ['carer1Name', 'Parent or carer', (v, all) => `${plain(v, all)} (${plain(all.carer1Relationship, all)})`],
    ['carer1Phone', 'Telephone', plain],
    ['carer1Email', 'Email', plain],
    ['carer1ContactMethod', 'Prefers to be contacted by', labels(CONTACT)],
    ['carer1Language', 'Preferred language', (v) => (v ? String(v) : 'English')],
    ['carer2Name', 'Second parent or carer', (v, all) => (v ? `${v} (${plain(all.carer2Relationship, all)})` : 'None')],
    ['household', 'Other people in the household', plain],
  ],
  needs: [
    [
      'needs',
      'Presenting needs',
      (v, all) =>
        checkedValues(v)
          .map((code) => (code === 'other' ? `Other: ${all.needsOther}` : needLabel(code)))
          .join(', ') || 'None',
    ],
    ['needsDetail', 'About the needs', plain],
    ['suspensionsThisYear', 'Suspensions this school year', plain],
    ['riskOfExclusion', 'At risk of permanent exclusion', yesNo],
  ],
  support: [
    ['triedInSchool', 'What the school has tried', plain],
    ['otherAgencies', 'Other agencies involved', (v) => (v ? String(v) : 'None')],
  ],
  views: [
    ['parentViews', 'Parent or carer’s views', plain],
    ['childViews', 'Child’s views', plain],
  ],
  consent: [
    ['safeguardingConcern', 'Concern about significant harm', yesNo],
    ['consentGiven', 'Parent or carer consents', yesNo],
    ['consentBy', 'Consent given by', (v, all) => (v ? `${v} (${all.consentRelationship})` : 'Not given')],
    ['consentDate', 'Date consent was given', date],
    ['consentHow', 'How consent was given', labels(CONSENT_HOW)],
    ['consentSharing', 'Information can be shared with', labels(SHARING)],
  ],
};

function rowsFor(slug: string, values: Record<string, unknown>, changeHref?: string) {
  return ROWS[slug].map(([field, question, format]) => ({
    key: { text: question },
    value: { text: format(values[field], values) },
    actions: changeHref
      ? { items: [{ href: `${changeHref}#${field}`, text: 'Change', visuallyHiddenText: question.toLowerCase() }] }
      : undefined,
  }));
}

export const referralView = {
  childName(answers: DraftAnswers): string {
    const child = answers.pages?.child ?? {};
    const name = [child.firstName, child.lastName].filter(Boolean).join(' ');
    return name || 'Child not named yet';
  },

  /** Summary lists per page for check your answers, with change links; unfinished pages say so. */
  sections(id: number, answers: DraftAnswers, today: string) {
    const { parsed } = parseAnswers(answers, today);
    return REFERRAL_PAGES.map((page) => ({
      title: page.title,
      href: `/referrals/${id}/${page.slug}`,
      complete: Boolean(parsed[page.slug]),
      rows: parsed[page.slug] ? rowsFor(page.slug, parsed[page.slug], `/referrals/${id}/${page.slug}?change=1`) : [],
    }));
  },

  /** The sent referral's answers, without change links. */
  summary(answers: DraftAnswers) {
    const { parsed } = parseAnswers(answers);
    return REFERRAL_PAGES.filter((page) => parsed[page.slug]).map((page) => ({
      title: page.title,
      rows: rowsFor(page.slug, parsed[page.slug]),
    }));
  },
};
