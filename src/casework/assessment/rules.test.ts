import { describe, expect, it } from 'vitest';
import { ASPECTS, type AspectScores, lowestAspects } from '../rules.ts';
import { ageOn, completionProblems, isAnswered, versionOf, youngPersonConsentProblem } from './rules.ts';
import { readScore, readScoresForm, scoresFormValues, readFamilyMemberForm } from './forms.ts';

const allScored = (score = 5): AspectScores => Object.fromEntries(ASPECTS.map((a) => [a.code, { score }]));
const agreed = [
  { id: 1, kind: 'plan-sharing', agreed: true, given_by: 'Sam Carer', given_on: '2026-03-02', withdrawn_on: null },
];

describe('scores: how well are things going, 0 to 10 (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('accepts whole numbers from 0 to 10 (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(readScore('education', '0')).toEqual({ ok: true, score: 0, notApplicable: false });
    expect(readScore('education', '10')).toEqual({ ok: true, score: 10, notApplicable: false });
  });

  it('refuses a score outside 0 to 10, naming the aspect (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(readScore('safety', '11')).toEqual({
      ok: false,
      message: 'The score for Safety must be a whole number from 0 to 10',
    });
    expect(readScore('safety', '-1')).toMatchObject({ ok: false });
  });

  it('refuses a score that is not a whole number (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(readScore('health', '5.5')).toMatchObject({
      ok: false,
      message: 'The score for Health and wellbeing must be a whole number from 0 to 10',
    });
    expect(readScore('health', 'five')).toMatchObject({ ok: false });
  });

  it('leaves an aspect blank while the assessment is in progress', () => {
    expect(readScore('money', '')).toEqual({ ok: true, score: null, notApplicable: false });
  });

  it('only pregnancy and early years may be not applicable (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(readScore('pregnancy-early-years', 'na')).toEqual({ ok: true, score: null, notApplicable: true });
    expect(readScore('education', 'na')).toEqual({
      ok: false,
      message: 'Education cannot be marked not applicable – give it a score from 0 to 10',
    });
  });

  it('not applicable needs a reason (Portsmouth early help assessment, plan, review and closure guidance: give a short explanation)', () => {
    const form = readScoresForm({ 'score-pregnancy-early-years': 'na' }, 'parent');
    expect(form.ok).toBe(false);
    if (!form.ok)
      expect(form.errors).toEqual([
        { text: 'Enter why pregnancy and early years is not applicable', href: '#reason-pregnancy-early-years' },
      ]);
  });

  it('keeps each aspect’s score with what is working well and what could be better (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const form = readScoresForm(
      {
        'score-education': '3',
        'workingWell-education': ' Goes in most days ',
        'couldBeBetter-education': 'Mornings',
        'score-pregnancy-early-years': 'na',
        'reason-pregnancy-early-years': 'No young children',
        view: 'agree',
      },
      'parent',
    );
    expect(form).toEqual({
      ok: true,
      data: {
        scores: {
          education: {
            score: 3,
            notApplicableReason: null,
            workingWell: 'Goes in most days',
            couldBeBetter: 'Mornings',
          },
          'pregnancy-early-years': {
            score: null,
            notApplicableReason: 'No young children',
            workingWell: null,
            couldBeBetter: null,
          },
        },
        view: { view: 'agree', reason: null },
      },
    });
  });

  it('the practitioner gives reasons when they partly agree or disagree with the self-assessment (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const partly = readScoresForm({ view: 'partly-agree' }, 'parent');
    expect(partly.ok).toBe(false);
    if (!partly.ok)
      expect(partly.errors[0]).toEqual({
        text: 'Enter why you partly agree with the parent or carer’s self-assessment',
        href: '#viewReason',
      });
    const disagree = readScoresForm({ view: 'disagree' }, 'child');
    if (!disagree.ok) expect(disagree.errors[0].text).toBe('Enter why you disagree with the child’s self-assessment');
    expect(readScoresForm({ view: 'disagree', viewReason: 'School reports lateness daily' }, 'child').ok).toBe(true);
    expect(readScoresForm({ view: 'agree' }, 'child').ok).toBe(true);
  });

  it('shows stored scores back in the form, not applicable as its choice', () => {
    const values = scoresFormValues(
      { education: { score: 0 }, 'pregnancy-early-years': { score: null, notApplicableReason: 'None' } },
      { view: 'disagree', reason: 'Because' },
    );
    expect(values).toMatchObject({
      'score-education': '0',
      'score-pregnancy-early-years': 'na',
      'reason-pregnancy-early-years': 'None',
      'score-safety': '',
      view: 'disagree',
      viewReason: 'Because',
    });
  });
});

describe('a young person’s own consent (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('a young person can give their own consent only from age 12 (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(youngPersonConsentProblem('2014-03-10', '2026-03-10')).toBeUndefined();
    expect(youngPersonConsentProblem('2014-03-10', '2026-03-09')).toBe(
      'A young person can give their own consent only from age 12 – they were 11 on the date given, so a parent or carer must give it',
    );
  });

  it('counts whole years; someone born on 29 February turns a year older on 1 March in other years', () => {
    expect(ageOn('2014-02-28', '2026-02-27')).toBe(11);
    expect(ageOn('2014-02-28', '2026-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
  });
});

describe('completing the assessment (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('an assessment can’t be completed without consent to share the plan (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const problems = completionProblems([], allScored(), '2026-03-10');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ href: '#consent' });
    expect(problems[0].text).toContain('an assessment can’t be completed without it');
  });

  it('withdrawn consent stops completion too (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(completionProblems([{ ...agreed[0], withdrawn_on: '2026-03-05' }], allScored(), '2026-03-10')).toHaveLength(
      1,
    );
  });

  it('needs the parent or carer’s score for all ten aspects, naming those missing (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const scores = allScored();
    delete scores.safety;
    delete scores.offending;
    expect(completionProblems(agreed, scores, '2026-03-10')).toEqual([
      {
        text: 'Score every aspect from the parent or carer’s view – still to score: Safety, Offending behaviour',
        href: '#scores',
      },
    ]);
  });

  it('pregnancy and early years not applicable with a reason counts as answered (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const scores: AspectScores = {
      ...allScored(),
      'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' },
    };
    expect(completionProblems(agreed, scores, '2026-03-10')).toEqual([]);
    expect(isAnswered('pregnancy-early-years', { score: null, notApplicableReason: ' ' })).toBe(false);
    expect(isAnswered('education', { score: null, notApplicableReason: 'Not at school' })).toBe(false);
  });
});

describe('focusing the plan (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('the lowest-scoring aspects, three by default, for fewer goals centred on them (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const scores: AspectScores = {
      ...allScored(8),
      safety: { score: 2 },
      housing: { score: 4 },
      money: { score: 3 },
      health: { score: 6 },
    };
    expect(lowestAspects(scores).map((a) => [a.code, a.score])).toEqual([
      ['safety', 2],
      ['money', 3],
      ['housing', 4],
    ]);
  });

  it('ties keep the aspects’ order, and not applicable or unscored aspects are left out', () => {
    const scores: AspectScores = {
      offending: { score: 1 },
      family: { score: 1 },
      education: { score: 1 },
      'pregnancy-early-years': { score: null, notApplicableReason: 'None' },
    };
    expect(lowestAspects(scores, 2).map((a) => a.code)).toEqual(['education', 'family']);
    expect(lowestAspects({})).toEqual([]);
  });
});

describe('the form’s version and family members', () => {
  it('reads the version the form was filled in against', () => {
    expect(versionOf({ version: '3' })).toBe(3);
    expect(versionOf({ version: '0' })).toBe(0);
    expect(versionOf({})).toBeUndefined();
    expect(versionOf({ version: 'x' })).toBeUndefined();
  });

  it('an unborn baby has an expected date of delivery, not a date of birth (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const base = { name: 'Unborn baby of Sam', relationship: 'Sister', livesAtHome: 'yes' };
    const unborn = readFamilyMemberForm(
      { ...base, unborn: 'yes', 'expectedOn-day': '1', 'expectedOn-month': '9', 'expectedOn-year': '2026' },
      '2026-03-10',
    );
    expect(unborn).toMatchObject({ ok: true, data: { unborn: true, date: '2026-09-01', gender: null } });
    const past = readFamilyMemberForm(
      { ...base, unborn: 'yes', 'expectedOn-day': '1', 'expectedOn-month': '1', 'expectedOn-year': '2026' },
      '2026-03-10',
    );
    expect(past.ok).toBe(false);
    const born = readFamilyMemberForm(
      { ...base, unborn: 'no', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2030' },
      '2026-03-10',
    );
    if (!born.ok)
      expect(born.errors[0]).toEqual({
        text: 'Date of birth must be the same as or before 10 March 2026',
        href: '#dateOfBirth-day',
      });
    expect(born.ok).toBe(false);
  });

  it('lists a family member’s problems in the order of the form', () => {
    const form = readFamilyMemberForm({ unborn: 'no' }, '2026-03-10');
    expect(form.ok).toBe(false);
    if (!form.ok)
      expect(form.errors.map((e) => e.href)).toEqual(['#name', '#dateOfBirth-day', '#relationship', '#livesAtHome']);
  });
});
