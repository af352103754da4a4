/**
 * A school user's referral, sent through the HTTP journey as a referrer would send it. Shared by
 * the front door's tests so that they all use the same, valid answers.
 */
import { expect } from 'vitest';
import type { Agent } from './app.ts';

export type PageAnswers = Record<string, Record<string, string | string[]>>;

/** Valid answers for every page of the referral form, by page slug. The child is Tobi Adebayo. */
export const VALID: PageAnswers = {
  child: {
    firstName: 'Tobi',
    lastName: 'Adebayo',
    'dateOfBirth-day': '14',
    'dateOfBirth-month': '3',
    'dateOfBirth-year': '2018',
    upn: '',
    gender: 'male',
    yearGroup: 'Year 3',
    ethnicity: 'Black African',
    senStatus: 'sen-support',
    lookedAfter: 'no',
    freeSchoolMeals: 'yes',
  },
  family: {
    carer1Name: 'Grace Adebayo',
    carer1Relationship: 'Mother',
    carer1Phone: '07700 900123',
    carer1Email: '',
    carer1ContactMethod: 'phone',
    carer1Language: '',
  },
  needs: {
    needs: ['semh', 'behaviour'],
    needsDetail: 'Dysregulated after lunch most days since September.',
    suspensionsThisYear: '2',
    riskOfExclusion: 'yes',
  },
  support: {
    triedInSchool: 'Nurture group from September 2026; daily check-in with a mentor from October 2026.',
    otherAgencies: '',
  },
  views: {
    parentViews: 'Mum would like help with routines at home.',
    childViews: 'Tobi says lunchtimes are too loud.',
  },
  consent: {
    safeguardingConcern: 'no',
    consentGiven: 'yes',
    consentBy: 'Grace Adebayo',
    consentRelationship: 'Mother',
    'consentDate-day': '20',
    'consentDate-month': '11',
    'consentDate-year': '2026',
    consentHow: 'in-person',
    consentSharing: ['ssfp', 'health'],
  },
};

/** Starts a draft as the signed-in school user; returns its id. */
export async function startDraft(agent: Agent, csrf: string): Promise<number> {
  const response = await agent.post('/referrals/new').type('form').send({ _csrf: csrf });
  expect(response.status).toBe(302);
  return Number(/\/referrals\/(\d+)\/child/.exec(response.headers.location)![1]);
}

/** Answers every page with VALID, changed by `overrides`, and checks each page was accepted. */
export async function fillReferral(agent: Agent, csrf: string, id: number, overrides: PageAnswers = {}): Promise<void> {
  for (const [page, values] of Object.entries(VALID)) {
    const response = await agent
      .post(`/referrals/${id}/${page}`)
      .type('form')
      .send({ ...values, ...overrides[page], _csrf: csrf });
    expect(response.status, `${page}: ${response.text.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0]}`).toBe(
      302,
    );
  }
}

/** A referral started, filled in and sent by the school user; returns its id. */
export async function sendReferral(agent: Agent, csrf: string, overrides: PageAnswers = {}): Promise<number> {
  const id = await startDraft(agent, csrf);
  await fillReferral(agent, csrf, id, overrides);
  const sent = await agent.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
  expect(sent.headers.location).toBe(`/referrals/${id}/confirmation`);
  return id;
}
