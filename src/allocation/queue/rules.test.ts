import { describe, expect, it } from 'vitest';
import { checkAllocation, defaultMaxCaseload, suggestedType } from './rules.ts';

describe('suggested practitioner type from the needs (RBKC Early Help Family Support)', () => {
  it('suggests a non-violent resistance clinician for a child’s violence towards their parents', () => {
    expect(suggestedType(['behaviour', 'child-to-parent-violence', 'family-relationships']).type).toBe('nvr');
  });

  it('suggests a family therapist for relationship breakdown in the family', () => {
    expect(suggestedType(['anxiety', 'family-relationships']).type).toBe('family-therapist');
  });

  it('suggests Families Forward for parenting support', () => {
    expect(suggestedType(['semh', 'parenting']).type).toBe('families-forward');
  });

  it('otherwise allocates to a family practitioner, as RBKC Early Help Family Support says cases usually are', () => {
    const suggestion = suggestedType(['semh', 'behaviour']);
    expect(suggestion.type).toBe('family-practitioner');
    expect(suggestion.because).toMatch(/RBKC Early Help Family Support/);
  });
});

describe('maximum caseload by hours (Havering SEMH Team proposal: c200 families a year across 4 practitioners)', () => {
  it('scales the full-time maximum by hours and rounds down: 16 at 0.6 is 9', () => {
    expect(defaultMaxCaseload(16, 1)).toBe(16);
    expect(defaultMaxCaseload(16, 0.6)).toBe(9);
    expect(defaultMaxCaseload(16, 0.5)).toBe(8);
  });
});

describe('allocating beyond the quota or the caseload needs a reason', () => {
  const base = { schoolName: 'Broadford Primary School', practitionerName: 'Jamal Reid' };

  it('needs no reason while the school has cases left and the practitioner has room', () => {
    expect(checkAllocation({ ...base, remainingQuota: 3, openCases: 5, maxCaseload: 16 })).toEqual({
      overQuota: false,
      overCaseload: false,
      needsReason: [],
    });
  });

  it('needs a reason when the school has used its quota', () => {
    const check = checkAllocation({ ...base, remainingQuota: 0, openCases: 5, maxCaseload: 16 });
    expect(check.overQuota).toBe(true);
    expect(check.needsReason).toEqual([
      'Broadford Primary School has used all its cases in this year’s allocation plan',
    ]);
  });

  it('needs a reason when the school is not in the approved plan', () => {
    expect(checkAllocation({ ...base, remainingQuota: null, openCases: 0, maxCaseload: 16 }).needsReason[0]).toMatch(
      /no quota in this year’s approved allocation plan/,
    );
  });

  it('needs a reason when the practitioner already holds their maximum', () => {
    const check = checkAllocation({ ...base, remainingQuota: 2, openCases: 16, maxCaseload: 16 });
    expect(check.overCaseload).toBe(true);
    expect(check.needsReason).toEqual(['Jamal Reid already has 16 open cases, their maximum is 16']);
  });
});
