import { describe, expect, it } from 'vitest';
import { periodFor } from './periods.ts';

const terms = [
  { name: 'Autumn term 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
  { name: 'Spring term 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
];

describe('the periods a dashboard shows', () => {
  it('the school year runs from 1 August to today', () => {
    expect(periodFor('year', 2026, '2026-11-25', terms)).toEqual({ startYear: 2026, from: '2026-08-01', to: '2026-11-25', label: 'School year to date' });
    expect(periodFor('year', 2025, '2026-11-25', terms)).toMatchObject({ from: '2025-08-01', to: '2026-07-31', label: 'The whole school year' });
  });

  it('this term is the term today is in, up to today; in a holiday, the last term', () => {
    expect(periodFor('term', 2026, '2026-11-25', terms)).toEqual({ startYear: 2026, from: '2026-09-03', to: '2026-11-25', label: 'Autumn term 2026' });
    expect(periodFor('term', 2026, '2026-12-28', terms)).toMatchObject({ from: '2026-09-03', to: '2026-12-18' });
  });

  it('last week is the Monday to Sunday before this week', () => {
    expect(periodFor('week', 2026, '2026-11-25', terms)).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
  });
});
