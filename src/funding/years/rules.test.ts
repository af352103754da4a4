import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { decisionFormSchema, parseRatesForm, serviceFormSchema } from './forms.ts';
import {
  mayApplyToSpecialSchools,
  nextFundingYear,
  parseFundingYear,
  parseRatePounds,
  serviceKeyOf,
  yearToCopy,
} from './rules.ts';

describe('funding years', () => {
  it('reads a funding year as two years in a row, written 2025-26, 2025/26 or 2025-2026', () => {
    expect(['2025-26', '2025/26', ' 2025-2026 ', '2098-99'].map(parseFundingYear)).toEqual(
      ['2025-26', '2025-26', '2025-26', '2098-99'].map((value) => ({ ok: true, value })),
    );
    expect(parseFundingYear('2025-27')).toEqual({
      ok: false,
      message: 'The funding year must be two years in a row, like 2025-26',
    });
    expect(parseFundingYear('2025')).toEqual({ ok: false, message: 'Enter the funding year like 2025-26' });
    expect(parseFundingYear('2025-2027').ok).toBe(false);
  });

  it('a new year copies the newest earlier year, and the year after 2024-25 is 2025-26', () => {
    expect(yearToCopy('2025-26', ['2023-24', '2024-25', '2026-27'])).toBe('2024-25');
    expect(yearToCopy('2022-23', ['2023-24'])).toBeUndefined();
    expect(nextFundingYear('2024-25')).toBe('2025-26');
    expect(nextFundingYear('2029-30')).toBe('2030-31');
  });
});

describe('services', () => {
  it('derives a service’s key from its name', () => {
    expect(serviceKeyOf('Behaviour support service')).toBe('behaviour-support-service');
    expect(serviceKeyOf('Free school meals eligibility checking')).toBe('free-school-meals-eligibility-checking');
    expect(serviceKeyOf('EAL & bilingual learners')).toBe('eal-and-bilingual-learners');
    expect(serviceKeyOf('2024 insurance')).toBe('insurance');
    expect(serviceKeyOf('£££')).toBeUndefined();
  });

  it('Havering schools forum report 2024-25: de-delegation for centrally provided services is not an option for special schools; education functions can apply to them', () => {
    expect(mayApplyToSpecialSchools('service')).toBe(false);
    expect(mayApplyToSpecialSchools('education-function')).toBe(true);
    const service = validate(serviceFormSchema, { name: 'Insurance', kind: 'service', phases: ['primary', 'special'] });
    expect(service.ok ? undefined : service.fieldErrors.phases.text).toMatch(
      /^Only an education function can apply to special schools/,
    );
    const duties = validate(serviceFormSchema, {
      name: 'Statutory and regulatory duties',
      kind: 'education-function',
      phases: ['special', 'primary'],
    });
    expect(duties.ok && duties.data.phases).toEqual(['primary', 'special']);
  });
});

describe('rates', () => {
  it('reads a rate in pounds as whole pence, blank as none', () => {
    expect(['14.08', '£5', '1,250.5', '0', ''].map((value) => parseRatePounds(value, 'The rate'))).toEqual(
      [1408, 500, 125050, 0, null].map((value) => ({ ok: true, value })),
    );
    expect(parseRatePounds('-2', 'The rate')).toEqual({ ok: false, message: 'The rate must be £0 or more' });
    expect(parseRatePounds('2.345', 'The rate').ok).toBe(false);
    expect(parseRatePounds('ten', 'The rate').ok).toBe(false);
  });

  it('reads a row per phase × factor: blank rows are not used, a previous rate needs a rate', () => {
    const factors = [
      { key: 'nor', name: 'AWPU' },
      { key: 'special_places', name: 'Place' },
    ];
    const body = {
      'rate-primary-nor': '19.31',
      'previous-primary-nor': '18.88',
      'rate-special-special_places': '45',
      'previous-special-special_places': '44.00',
    };
    expect(parseRatesForm(body, ['primary', 'special'], factors)).toEqual({
      ok: true,
      rates: [
        { phase: 'primary', factor: 'nor', ratePence: 1931, previousRatePence: 1888 },
        { phase: 'special', factor: 'special_places', ratePence: 4500, previousRatePence: 4400 },
      ],
    });
    const missing = parseRatesForm({ 'previous-primary-nor': '5' }, ['primary'], factors);
    expect(missing.ok ? [] : missing.errors).toEqual([
      {
        text: 'Enter the Primary AWPU rate, or clear the previous rate to stop using this factor',
        href: '#rate-primary-nor',
      },
    ]);
  });
});

describe('forum decisions', () => {
  it('needs the date of a decision unless the service is only proposed', () => {
    expect(validate(decisionFormSchema, { decision: 'proposed', note: '' })).toEqual({
      ok: true,
      data: { decision: 'proposed', decidedOn: null, note: '' },
    });
    const undated = validate(decisionFormSchema, { decision: 'agreed', decidedOn: { day: '', month: '', year: '' } });
    expect(undated.ok ? undefined : undated.fieldErrors['decidedOn-day']).toEqual({
      text: 'Enter the date of the decision',
    });
    const agreed = validate(decisionFormSchema, {
      decision: 'agreed',
      decidedOn: { day: '15', month: '6', year: '2023' },
      note: ' At the June meeting ',
    });
    expect(agreed.ok && agreed.data).toEqual({
      decision: 'agreed',
      decidedOn: '2023-06-15',
      note: 'At the June meeting',
    });
  });
});
