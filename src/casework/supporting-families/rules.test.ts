import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import type { AspectScores } from '../rules.ts';
import { achievedSchema, identifySchema } from './forms.ts';
import {
  HEADLINE_OUTCOMES,
  NO_CONSENT,
  claimReadiness,
  eligibility,
  outcomeState,
  suggestedNeeds,
  type ClaimInput,
  type NeedRecord,
} from './rules.ts';

const GUIDANCE = 'Supporting Families guidance 2022–25';

const need = (outcome: string, achievedOn: string | null = null, identifiedOn = '2026-09-01'): NeedRecord => ({
  outcome,
  identifiedOn,
  achievedOn,
  achievedEvidence: achievedOn ? 'Evidence' : null,
});

const consented = { inForce: true, withdrawnOn: null };

function ready(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    needs: [need('education', '2026-10-01'), need('housing', '2026-10-15'), need('financial-stability', '2026-11-01')],
    consent: consented,
    assessmentComplete: true,
    planExists: true,
    today: '2027-05-01',
    sustainedMonths: 6,
    ...overrides,
  };
}

describe(`the headline outcomes (${GUIDANCE}, national outcomes framework)`, () => {
  it('are the ten headline outcomes, each with its own code', () => {
    expect(HEADLINE_OUTCOMES.map((outcome) => outcome.label)).toEqual([
      'Getting a good education',
      'Good early years development',
      'Improved mental and physical health',
      'Better managed substance use',
      'Improved family relationships',
      'Children safe from abuse and exploitation',
      'Families diverted from crime',
      'Safe from domestic abuse',
      'Secure housing',
      'Financial stability',
    ]);
    expect(new Set(HEADLINE_OUTCOMES.map((outcome) => outcome.code)).size).toBe(10);
  });
});

describe(`eligibility (${GUIDANCE}: three or more of the ten headline needs)`, () => {
  it(`a family with three or more needs is eligible (${GUIDANCE})`, () => {
    expect(eligibility([need('education'), need('housing'), need('health')])).toEqual({
      eligible: true,
      count: 3,
      text: 'Meets the Supporting Families criteria: 3 of 10 needs',
    });
    expect(eligibility([need('education'), need('housing'), need('health'), need('crime')]).text).toBe(
      'Meets the Supporting Families criteria: 4 of 10 needs',
    );
  });

  it(`a family with two needs is not yet eligible, saying how many are needed (${GUIDANCE})`, () => {
    expect(eligibility([need('education'), need('housing')])).toEqual({
      eligible: false,
      count: 2,
      text: 'Not yet: 2 needs identified, 3 needed',
    });
    expect(eligibility([need('education')]).text).toBe('Not yet: 1 need identified, 3 needed');
    expect(eligibility([]).eligible).toBe(false);
  });
});

describe(`needs suggested by the assessment (Family Early Help Plan aspects scored 4 or below)`, () => {
  const scored = (entries: Record<string, number | null>): AspectScores =>
    Object.fromEntries(Object.entries(entries).map(([code, score]) => [code, { score }]));

  it('suggests the need for an aspect the parent or the child scored 4 or below, and not for 5', () => {
    const suggested = suggestedNeeds({
      parent: scored({ housing: 3, education: 5, money: 4 }),
      child: scored({ education: 6, family: 2 }),
    });
    expect(suggested.map((s) => s.code)).toEqual(['family-relationships', 'housing', 'financial-stability']);
    expect(suggested.find((s) => s.code === 'housing')?.because).toEqual(['Housing and home environment: parent 3']);
    expect(suggested.find((s) => s.code === 'family-relationships')?.because).toEqual([
      'Family relationships: child 2',
    ]);
  });

  it('maps basic care and safety both to children safe from abuse and exploitation, once', () => {
    const suggested = suggestedNeeds({ parent: scored({ safety: 2, 'basic-care': 4 }), child: {} });
    expect(suggested).toEqual([
      {
        code: 'children-safe',
        label: 'Children safe from abuse and exploitation',
        because: ['Basic care: parent 4', 'Safety: parent 2'],
      },
    ]);
  });

  it('maps every aspect to its need, and leaves out aspects not scored or not applicable', () => {
    const low = scored({ education: 1, 'pregnancy-early-years': 1, health: 1, 'drugs-alcohol': 1, offending: 1 });
    expect(suggestedNeeds({ parent: low, child: {} }).map((s) => s.code)).toEqual([
      'education',
      'early-years',
      'health',
      'substance-use',
      'crime',
    ]);
    expect(
      suggestedNeeds({
        parent: { 'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' } },
        child: {},
      }),
    ).toEqual([]);
  });
});

describe(`claim readiness (${GUIDANCE}: every need achieved and sustained, with consent, assessment and plan)`, () => {
  it('is ready when every need is achieved and sustained for the local period, with consent, a complete assessment and a plan', () => {
    expect(claimReadiness(ready())).toEqual({ ready: true, reasons: [] });
  });

  it('names each need whose outcome is not yet sustained, with the date it will be', () => {
    const result = claimReadiness(
      ready({ needs: [need('housing', '2027-03-03'), need('education', '2026-10-01'), need('health')] }),
    );
    expect(result).toEqual({
      ready: false,
      reasons: [
        'Improved mental and physical health: no outcome achieved yet',
        'Secure housing: achieved on 3 March 2027, sustained until 3 September 2027',
      ],
    });
  });

  it('counts an outcome as sustained from the day the period ends', () => {
    expect(outcomeState(need('housing', '2027-03-03'), '2027-09-02', 6).state).toBe('achieved');
    expect(outcomeState(need('housing', '2027-03-03'), '2027-09-03', 6).state).toBe('sustained');
    expect(
      claimReadiness(
        ready({
          needs: [need('housing', '2027-03-03'), need('education', '2026-10-01'), need('health', '2026-10-01')],
          today: '2027-09-03',
        }),
      ).ready,
    ).toBe(true);
  });

  it('uses the local sustainment period', () => {
    expect(claimReadiness(ready({ today: '2027-03-01', sustainedMonths: 3 })).ready).toBe(true);
    expect(claimReadiness(ready({ today: '2027-03-01', sustainedMonths: 6 })).ready).toBe(false);
  });

  it(`is never ready without the family's consent to share with the programme, or once it is withdrawn (${GUIDANCE}; Portsmouth early help assessment, plan, review and closure guidance)`, () => {
    expect(claimReadiness(ready({ consent: { inForce: false, withdrawnOn: null } }))).toEqual({
      ready: false,
      reasons: [NO_CONSENT],
    });
    expect(claimReadiness(ready({ consent: { inForce: false, withdrawnOn: '2027-04-20' } }))).toEqual({
      ready: false,
      reasons: ['The family withdrew consent to share with the Supporting Families programme on 20 April 2027'],
    });
  });

  it('is not ready without a complete whole-family assessment, a plan, or three needs', () => {
    expect(claimReadiness(ready({ assessmentComplete: false })).reasons).toEqual([
      'The whole-family assessment is not complete',
    ]);
    expect(claimReadiness(ready({ planExists: false })).reasons).toEqual(['The family has no plan yet']);
    expect(claimReadiness(ready({ needs: [need('education', '2026-10-01')] })).reasons).toEqual([
      'Not yet: 1 need identified, 3 needed: the family does not meet the criteria',
    ]);
  });
});

describe('the Supporting Families forms', () => {
  const today = '2026-11-20';

  it('identifies only a need not yet identified, with evidence and a date not in the future', () => {
    const schema = identifySchema(['housing', 'crime'], today);
    const ok = validate(schema, {
      outcome: 'housing',
      evidence: 'Section 21 notice served',
      'identifiedOn-day': '2',
      'identifiedOn-month': '11',
      'identifiedOn-year': '2026',
    });
    expect(ok).toEqual({
      ok: true,
      data: { outcome: 'housing', evidence: 'Section 21 notice served', identifiedOn: '2026-11-02' },
    });
    const bad = validate(schema, {
      outcome: 'education',
      evidence: ' ',
      'identifiedOn-day': '21',
      'identifiedOn-month': '11',
      'identifiedOn-year': '2026',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors.outcome.text).toBe('Select the need you have identified');
      expect(bad.fieldErrors.evidence.text).toBe('Enter the evidence for this need');
      expect(bad.fieldErrors['identifiedOn-day'].text).toBe(
        'Date the need was identified must be today or in the past',
      );
    }
  });

  it('refuses an outcome achieved before the need was identified, or in the future, or without evidence', () => {
    const schema = achievedSchema('2026-10-01', today);
    const date = (day: string, month: string) => ({
      'achievedOn-day': day,
      'achievedOn-month': month,
      'achievedOn-year': '2026',
    });
    expect(validate(schema, { ...date('1', '10'), evidence: 'Tenancy signed' }).ok).toBe(true);
    const early = validate(schema, { ...date('30', '9'), evidence: 'Tenancy signed' });
    expect(early.ok ? undefined : early.fieldErrors['achievedOn-day'].text).toBe(
      'Date the outcome was achieved must be the same as or after the date the need was identified, 1 October 2026',
    );
    const future = validate(schema, { ...date('21', '11'), evidence: '' });
    expect(future.ok ? undefined : future.fieldErrors['achievedOn-day'].text).toBe(
      'Date the outcome was achieved must be today or in the past',
    );
    expect(future.ok ? undefined : future.fieldErrors.evidence.text).toBe(
      'Enter the evidence that the outcome was achieved',
    );
  });
});
