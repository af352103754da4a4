import { describe, expect, it } from 'vitest';
import { consentState, maySharePlan, maySupportingFamilies, type ConsentRecord } from './rules.ts';

let nextId = 1;
function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: nextId++,
    kind: 'plan-sharing',
    agreed: true,
    given_by: 'Sam Carer',
    given_on: '2026-03-02',
    withdrawn_on: null,
    ...overrides,
  };
}

describe('the two separate consents (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('with nothing recorded, neither consent is given and nothing may be shared (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const state = consentState([], '2026-03-10');
    expect(state['plan-sharing']).toEqual({
      agreed: false,
      by: null,
      on: null,
      withdrawnOn: null,
      inForce: false,
      consentId: null,
    });
    expect(maySharePlan([], '2026-03-10')).toBe(false);
    expect(maySupportingFamilies([], '2026-03-10')).toBe(false);
  });

  it('families consent separately: agreeing to share the plan does not agree to the Supporting Families programme (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const consents = [consent()];
    expect(maySharePlan(consents, '2026-03-10')).toBe(true);
    expect(maySupportingFamilies(consents, '2026-03-10')).toBe(false);
    expect(consentState(consents, '2026-03-10')['plan-sharing']).toMatchObject({
      agreed: true,
      by: 'Sam Carer',
      on: '2026-03-02',
      withdrawnOn: null,
    });
  });

  it('a family can have a plan without the Supporting Families consent (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const consents = [consent(), consent({ kind: 'supporting-families', agreed: false })];
    expect(maySharePlan(consents, '2026-03-10')).toBe(true);
    expect(maySupportingFamilies(consents, '2026-03-10')).toBe(false);
  });

  it('"I do not agree" is recorded and allows no sharing (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const consents = [consent({ agreed: false })];
    expect(consentState(consents, '2026-03-10')['plan-sharing']).toMatchObject({
      agreed: false,
      by: 'Sam Carer',
      inForce: false,
    });
    expect(maySharePlan(consents, '2026-03-10')).toBe(false);
  });

  it('a withdrawn consent no longer allows sharing, from the day it is withdrawn (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const consents = [consent({ withdrawn_on: '2026-03-20' })];
    expect(maySharePlan(consents, '2026-03-19')).toBe(true);
    expect(maySharePlan(consents, '2026-03-20')).toBe(false);
    expect(consentState(consents, '2026-03-25')['plan-sharing']).toMatchObject({
      agreed: true,
      withdrawnOn: '2026-03-20',
      inForce: false,
    });
  });

  it('the latest consent of a kind counts: consent given again after a withdrawal allows sharing again (Portsmouth early help assessment, plan, review and closure guidance: update consent at every review)', () => {
    const consents = [
      consent({ given_on: '2026-01-05', withdrawn_on: '2026-02-01' }),
      consent({ given_on: '2026-03-01' }),
    ];
    expect(maySharePlan(consents, '2026-02-15')).toBe(false);
    expect(maySharePlan(consents, '2026-03-01')).toBe(true);
  });

  it('a later "do not agree" replaces an earlier agreement (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const consents = [consent({ given_on: '2026-01-05' }), consent({ given_on: '2026-03-01', agreed: false })];
    expect(maySharePlan(consents, '2026-03-10')).toBe(false);
  });

  it('on the same day, the later-recorded consent counts', () => {
    const first = consent({ given_on: '2026-03-01', agreed: false });
    const second = consent({ given_on: '2026-03-01', agreed: true });
    expect(consentState([second, first], '2026-03-01')['plan-sharing'].consentId).toBe(second.id);
  });

  it('a consent dated after today does not count yet', () => {
    expect(maySharePlan([consent({ given_on: '2026-04-01' })], '2026-03-10')).toBe(false);
  });
});
