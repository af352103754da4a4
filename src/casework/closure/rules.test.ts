import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { closureReasonLabel, proposeSchema, reviewSchema, signOffSchema } from './forms.ts';
import {
  closureBlocker,
  decisionSchema,
  extensionPossible,
  extensionSchema,
  latestPlannedEnd,
  openActionsProblem,
  plannedEndFlag,
  reviewDueDate,
  reviewTiming,
} from './rules.ts';

const context = { allocatedOn: '2026-01-15', plannedEnd: '2026-05-15', today: '2026-05-01', longestMonths: 12 };
const date = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { day, month, year };
};

describe('extensions (Havering SEMH Team proposal: about four months, extended only in exceptional circumstances; Southend Early Help Family Support service document (2016): up to a year)', () => {
  it('allows a case to run at most 12 months from allocation by default (Southend Early Help Family Support service document (2016): up to one year)', () => {
    expect(latestPlannedEnd('2026-01-15', 12)).toBe('2027-01-15');
    expect(latestPlannedEnd('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('the longest a case may run is the authority’s setting', () => {
    expect(latestPlannedEnd('2026-01-15', 9)).toBe('2026-10-15');
    const result = validate(extensionSchema({ ...context, longestMonths: 9 }), {
      reason: 'Reason',
      newEnd: date('2026-10-16'),
    });
    expect(result.ok ? [] : result.errors.map((error) => error.text)).toEqual([
      'The new planned end must be no later than 15 October 2026: a case may run for at most 9 months from allocation',
    ]);
  });

  it('accepts a reason and a new planned end after the current one and within the year', () => {
    const result = validate(extensionSchema(context), {
      reason: 'Mum is in hospital until June',
      newEnd: date('2026-07-15'),
    });
    expect(result).toEqual({ ok: true, data: { reason: 'Mum is in hospital until June', newEnd: '2026-07-15' } });
  });

  it('needs the exceptional reason', () => {
    const result = validate(extensionSchema(context), { reason: '  ', newEnd: date('2026-07-15') });
    expect(result.ok || result.fieldErrors.reason.text).toBe(
      'Enter the exceptional circumstances that mean the case needs longer',
    );
  });

  it('refuses a new planned end on or before the current one, naming it', () => {
    const result = validate(extensionSchema(context), { reason: 'Reason', newEnd: date('2026-05-15') });
    expect(result.ok || result.fieldErrors['newEnd-day'].text).toBe(
      'The new planned end must be after the current planned end, 15 May 2026',
    );
  });

  it('refuses a new planned end in the past when the case is already past its planned end', () => {
    const result = validate(extensionSchema({ ...context, today: '2026-06-01' }), {
      reason: 'Reason',
      newEnd: date('2026-05-20'),
    });
    expect(result.ok || result.fieldErrors['newEnd-day'].text).toBe('The new planned end must be in the future');
  });

  it('shows a date problem together with a missing reason', () => {
    const result = validate(extensionSchema(context), { newEnd: date('2026-05-01') });
    expect(result.ok || Object.keys(result.fieldErrors)).toEqual(['reason', 'newEnd-day']);
  });

  it('refuses a new planned end more than 12 months after allocation (Southend Early Help Family Support service document (2016))', () => {
    const result = validate(extensionSchema(context), { reason: 'Reason', newEnd: date('2027-01-16') });
    expect(result.ok || result.fieldErrors['newEnd-day'].text).toBe(
      'The new planned end must be no later than 15 January 2027: a case may run for at most 12 months from allocation',
    );
    expect(validate(extensionSchema(context), { reason: 'Reason', newEnd: date('2027-01-15') }).ok).toBe(true);
  });

  it('is not possible once the planned end has reached 12 months from allocation', () => {
    expect(extensionPossible({ ...context, plannedEnd: '2027-01-15' })).toEqual({
      ok: false,
      message: 'This case cannot be extended: a case may run for at most 12 months from allocation, to 15 January 2027',
    });
    expect(extensionPossible(context)).toEqual({ ok: true });
  });

  it('needs a reason to decline but not to approve (Havering SEMH Team proposal: a manager’s approval)', () => {
    expect(validate(decisionSchema, { decision: 'approved' })).toEqual({
      ok: true,
      data: { decision: 'approved', reason: null },
    });
    const declined = validate(decisionSchema, { decision: 'declined', reason: '' });
    expect(declined.ok || declined.fieldErrors.reason.text).toBe('Enter why the extension is declined');
    const none = validate(decisionSchema, {});
    expect(none.ok || none.fieldErrors.decision.text).toBe('Select whether to approve or decline the extension');
  });
});

describe('the planned end flag (Havering SEMH Team proposal: extension only with a manager’s approval)', () => {
  it('flags an open case past its planned end', () => {
    expect(plannedEndFlag('open', '2026-05-15', '2026-05-16', false)).toEqual({
      past: true,
      text: 'Past its planned end: request an extension or close the case',
    });
  });

  it('does not flag on the planned end itself, nor a case being closed', () => {
    expect(plannedEndFlag('open', '2026-05-15', '2026-05-15', false)).toEqual({ past: false });
    expect(plannedEndFlag('closure-proposed', '2026-05-15', '2026-06-01', false)).toEqual({ past: false });
    expect(plannedEndFlag('closed', '2026-05-15', '2026-06-01', false)).toEqual({ past: false });
  });

  it('says when an extension is waiting for a decision', () => {
    expect(plannedEndFlag('open', '2026-05-15', '2026-05-16', true)).toEqual({
      past: true,
      text: 'Past its planned end: an extension request is waiting for a decision',
    });
  });
});

describe('the post-closure review (RBKC Early Help Family Support: 3 months after the end of engagement)', () => {
  it('is due the set number of months after closure', () => {
    expect(reviewDueDate('2026-03-10', 3)).toBe('2026-06-10');
    expect(reviewDueDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(reviewDueDate('2026-03-10', 6)).toBe('2026-09-10');
  });

  it('may be recorded early, with a warning', () => {
    expect(reviewTiming('2026-06-10', '2026-06-01')).toEqual({
      early: true,
      text: 'This review is not due until 10 June 2026. You can record it now: it will be dated today, 1 June 2026.',
    });
    expect(reviewTiming('2026-06-10', '2026-06-10')).toEqual({ early: false });
  });

  it('asks whether the child kept their place, suspensions since closure and any new referral', () => {
    expect(
      validate(reviewSchema, { placementMaintained: 'yes', suspensionsSince: '0', reReferred: 'no', notes: '' }),
    ).toEqual({
      ok: true,
      data: { placementMaintained: true, suspensionsSince: 0, reReferred: false, notes: undefined },
    });
    const result = validate(reviewSchema, { suspensionsSince: '-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.placementMaintained.text).toBe(
        'Select whether the child is still in their school place',
      );
      expect(result.fieldErrors.suspensionsSince.text).toBe(
        'Suspensions since closure must be a whole number, 0 or more',
      );
      expect(result.fieldErrors.reReferred.text).toBe('Select whether the child has been referred again');
    }
  });
});

describe('closure requirements (Portsmouth early help assessment, plan, review and closure guidance, §2.8 and §3.3: the Maintaining Our Family Plan)', () => {
  const plan = {
    whatWeLearnt: 'a',
    mostUseful: 'b',
    actionsToContinue: 'c',
    difficultSituations: 'd',
    whatWeCanDo: 'e',
  };

  it('needs a coded reason, the first five questions of the plan and whether the child kept their place', () => {
    const result = validate(proposeSchema, {});
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.fieldErrors)).toEqual([
        'reason',
        'whatWeLearnt',
        'mostUseful',
        'actionsToContinue',
        'difficultSituations',
        'whatWeCanDo',
        'placementKept',
      ]);
    const noPlacement = validate(proposeSchema, { reason: 'needs-met', ...plan });
    expect(noPlacement.ok || noPlacement.fieldErrors.placementKept.text).toBe(
      'Select whether the child kept their school place',
    );
    expect(validate(proposeSchema, { reason: 'needs-met', ...plan, placementKept: 'yes' }).ok).toBe(true);
  });

  it('needs detail when the reason is other, shown with every other problem at once', () => {
    const result = validate(proposeSchema, { reason: 'other', ...plan, placementKept: 'yes' });
    expect(result.ok || result.fieldErrors.reasonDetail.text).toBe('Enter why the case is closing');
    const both = validate(proposeSchema, { reason: 'other', placementKept: 'yes' });
    expect(both.ok || Object.keys(both.fieldErrors)).toContain('reasonDetail');
    expect(closureReasonLabel('placement-maintained')).toBe('School place kept');
  });

  it('refuses to close with open actions until they are marked done or dropped', () => {
    expect(openActionsProblem(0, { confirmed: false, seen: undefined, outcome: undefined })).toBeUndefined();
    expect(openActionsProblem(2, { confirmed: false, seen: 2, outcome: 'done' })).toEqual({
      field: 'closeActions',
      text: 'The plan has 2 open actions. Mark them as done or dropped, or update the plan first',
    });
    expect(openActionsProblem(1, { confirmed: true, seen: 1, outcome: undefined })).toEqual({
      field: 'actionsOutcome',
      text: 'Select whether the 1 open action was done or dropped',
    });
    expect(openActionsProblem(2, { confirmed: true, seen: 2, outcome: 'dropped' })).toBeUndefined();
  });

  it('asks again when the plan changed after the form was shown', () => {
    expect(openActionsProblem(3, { confirmed: true, seen: 2, outcome: 'done' })).toEqual({
      field: 'closeActions',
      text: 'The plan has changed and now has 3 open actions. Check the plan and decide again',
    });
  });

  it('proposes closure only for an open case', () => {
    expect(closureBlocker('open')).toBeUndefined();
    expect(closureBlocker('closure-proposed')).toBe(
      'Closure has already been proposed and is waiting for the team manager to sign it off',
    );
  });

  it('needs a reason when the team manager refuses to sign off', () => {
    const result = validate(signOffSchema, { decision: 'refuse' });
    expect(result.ok || result.fieldErrors.reason.text).toBe('Enter why the closure is not signed off');
    expect(validate(signOffSchema, { decision: 'approve' }).ok).toBe(true);
  });
});
