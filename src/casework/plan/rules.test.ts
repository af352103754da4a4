import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { actionSchema, isOverdue, noActionRefusal, overallReadiness, planVersionOf, readinessLabel } from './rules.ts';
import { lowestAspects } from '../rules.ts';

const TODAY = '2026-03-10';

const form = (overrides: Record<string, string> = {}) => ({
  aspect: 'education',
  action: 'Walk to school together each morning',
  forWhom: 'Sam',
  who: 'Mum',
  'byWhen-day': '20',
  'byWhen-month': '3',
  'byWhen-year': '2026',
  difference: 'Sam arrives on time',
  readiness: '3',
  ...overrides,
});

describe('the SMART action plan (Portsmouth early help assessment, plan, review and closure guidance; Havering SEMH Team proposal)', () => {
  it('overall readiness is the mean of the open actions (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const actions = [
      { status: 'open', readiness: 2 },
      { status: 'open', readiness: 3 },
      { status: 'open', readiness: 5 },
      { status: 'done', readiness: 1 },
      { status: 'dropped', readiness: 1 },
      { status: 'open', no_action: true, readiness: null },
    ];
    expect(overallReadiness(actions)).toBe(3.3);
    expect(
      overallReadiness([
        { status: 'open', readiness: 4 },
        { status: 'open', readiness: 5 },
      ]),
    ).toBe(4.5);
    expect(overallReadiness([{ status: 'done', readiness: 4 }])).toBeUndefined();
  });

  it('an action is overdue only while open and past its by-when date (Portsmouth early help assessment, plan, review and closure guidance: avoid drift)', () => {
    expect(isOverdue({ status: 'open', by_when: '2026-03-09' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'open', by_when: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'done', by_when: '2026-03-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'dropped', by_when: '2026-03-01' }, TODAY)).toBe(false);
  });

  it('the plan focuses on the three lowest-scoring aspects, ties in the aspects’ order (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const scores = {
      education: { score: 4 },
      health: { score: 2 },
      family: { score: 4 },
      housing: { score: 4 },
      money: { score: 9 },
      'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' },
    };
    expect(lowestAspects(scores).map((a) => [a.code, a.score])).toEqual([
      ['health', 2],
      ['education', 4],
      ['family', 4],
    ]);
    expect(lowestAspects({ safety: { score: 1 } }).map((a) => a.label)).toEqual(['Safety']);
    expect(lowestAspects({})).toEqual([]);
  });

  it('readiness to change is shown with its label from the stages of change (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    expect(readinessLabel(1)).toBe('Not ready for changes yet');
    expect(readinessLabel(5)).toBe('Keeping things going well');
  });

  it('accepts a SMART action: what and for whom, who, by when, the difference and readiness (Portsmouth early help assessment, plan, review and closure guidance, §3.1 K)', () => {
    const result = validate(actionSchema(TODAY, 'new'), form({ schoolOwns: 'yes' }));
    expect(result).toEqual({
      ok: true,
      data: {
        aspect: 'education',
        action: 'Walk to school together each morning',
        forWhom: 'Sam',
        who: 'Mum',
        schoolOwns: true,
        byWhen: '2026-03-20',
        difference: 'Sam arrives on time',
        readiness: 3,
        status: 'open',
        progress: null,
      },
    });
  });

  it('names every missing field of an action (Havering SEMH Team proposal: SMART plan)', () => {
    const result = validate(actionSchema(TODAY, 'new'), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.text)).toEqual([
      'Select the aspect of family life',
      'Enter the action that has been agreed',
      'Enter who the action is for',
      'Enter who will do this',
      'Enter the date it will be done by',
      'Enter the difference it should make',
      'Select how ready the family is for change',
    ]);
    expect(result.errors.find((e) => e.text.includes('date'))?.href).toBe('#byWhen-day');
  });

  it('a new action is due today or later; a changed one may keep a past date (Portsmouth early help assessment, plan, review and closure guidance: by when)', () => {
    const past = form({ 'byWhen-day': '9' });
    expect(validate(actionSchema(TODAY, 'new'), past)).toMatchObject({
      ok: false,
      errors: [{ text: 'Date it will be done by must be the same as or after 10 March 2026' }],
    });
    expect(validate(actionSchema(TODAY, 'new'), form({ 'byWhen-day': '10' })).ok).toBe(true);
    expect(validate(actionSchema(TODAY, 'edit'), { ...past, status: 'done', progress: 'Done early' })).toMatchObject({
      ok: true,
      data: { status: 'done', progress: 'Done early' },
    });
  });

  it('readiness must be one of 1 to 5, and a changed action must have a status', () => {
    expect(validate(actionSchema(TODAY, 'new'), form({ readiness: '6' }))).toMatchObject({
      ok: false,
      errors: [{ href: '#readiness' }],
    });
    expect(validate(actionSchema(TODAY, 'edit'), form())).toMatchObject({
      ok: false,
      errors: [{ text: 'Select the status of the action' }],
    });
  });

  it('reads the plan version a form carries, refusing anything else', () => {
    expect(planVersionOf({ planVersion: '3' })).toBe(3);
    expect(planVersionOf({ planVersion: '' })).toBeUndefined();
    expect(planVersionOf({ planVersion: '-1' })).toBeUndefined();
    expect(planVersionOf({})).toBeUndefined();
  });

  it('"no action needed at this stage" is refused while the aspect has open actions (Portsmouth early help assessment, plan, review and closure guidance)', () => {
    const rows = [
      { aspect: 'education', no_action: false, status: 'open' },
      { aspect: 'health', no_action: false, status: 'done' },
      { aspect: 'money', no_action: true, status: 'open' },
    ];
    expect(noActionRefusal(rows, 'education')).toMatch(/has open actions/);
    expect(noActionRefusal(rows, 'health')).toBeUndefined();
    expect(noActionRefusal(rows, 'money')).toMatch(/already recorded/);
    expect(noActionRefusal(rows, 'safety')).toBeUndefined();
  });
});
