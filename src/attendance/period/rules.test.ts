import { describe, expect, it } from 'vitest';
import { checkChosenDates, periodFor, termsOf } from './rules.ts';

const terms = [
  { name: 'Autumn term 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
  { name: 'Spring term 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
];

describe('the periods a dashboard shows', () => {
  it('the school year runs from 1 August to today', () => {
    expect(periodFor('year', 2026, '2026-11-25', terms)).toEqual({
      startYear: 2026,
      from: '2026-08-01',
      to: '2026-11-25',
      label: 'School year to date',
    });
    expect(periodFor('year', 2025, '2026-11-25', terms)).toMatchObject({
      from: '2025-08-01',
      to: '2026-07-31',
      label: 'The whole school year',
    });
  });

  it('this term is the term today is in, up to today; in a holiday, the last term', () => {
    expect(periodFor('term', 2026, '2026-11-25', terms)).toEqual({
      startYear: 2026,
      from: '2026-09-03',
      to: '2026-11-25',
      label: 'Autumn term 2026',
    });
    expect(periodFor('term', 2026, '2026-12-28', terms)).toMatchObject({ from: '2026-09-03', to: '2026-12-18' });
  });

  it('last week is the Monday to Sunday before this week', () => {
    expect(periodFor('week', 2026, '2026-11-25', terms)).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-22',
      label: 'Week beginning 16 November 2026',
    });
  });
});

describe('terms and half terms from the calendar’s half terms (term, half term)', () => {
  const halves = [
    { name: 'Autumn 1 2026', startsOn: '2026-09-03', endsOn: '2026-10-23' },
    { name: 'Autumn 2 2026', startsOn: '2026-11-02', endsOn: '2026-12-18' },
    { name: 'Spring 1 2027', startsOn: '2027-01-04', endsOn: '2027-02-12' },
    { name: 'Spring 2 2027', startsOn: '2027-02-22', endsOn: '2027-03-25' },
    { name: 'Summer 1 2027', startsOn: '2027-04-12', endsOn: '2027-05-28' },
    { name: 'Summer 2 2027', startsOn: '2027-06-07', endsOn: '2027-07-21' },
  ];

  it('joins the two half terms of each season into a term', () => {
    expect(termsOf(halves)).toEqual([
      { name: 'Autumn term 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
      { name: 'Spring term 2027', startsOn: '2027-01-04', endsOn: '2027-03-25' },
      { name: 'Summer term 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
    ]);
  });

  it('this term runs from the start of its first half term; this half term from the start of the half term', () => {
    expect(periodFor('term', 2026, '2026-11-25', halves)).toEqual({
      startYear: 2026,
      from: '2026-09-03',
      to: '2026-11-25',
      label: 'Autumn term 2026',
    });
    expect(periodFor('half-term', 2026, '2026-11-25', halves)).toEqual({
      startYear: 2026,
      from: '2026-11-02',
      to: '2026-11-25',
      label: 'Autumn 2 2026',
    });
  });

  it('in the half-term holiday, this half term is the one just ended', () => {
    expect(periodFor('half-term', 2026, '2026-10-28', halves)).toMatchObject({
      from: '2026-09-03',
      to: '2026-10-23',
      label: 'Autumn 1 2026',
    });
  });

  it('a past school year’s half term is its last one', () => {
    expect(periodFor('half-term', 2026, '2027-09-10', halves)).toMatchObject({ from: '2027-06-07', to: '2027-07-21' });
  });

  it('before the first half term starts, a term or half term gives the year to date', () => {
    expect(periodFor('half-term', 2026, '2026-08-20', halves)).toMatchObject({
      from: '2026-08-01',
      to: '2026-08-20',
      label: 'School year to date',
    });
  });
});

describe('dates the user chooses', () => {
  it('gives the period between two real dates in the school year, both days included', () => {
    expect(
      checkChosenDates(2026, { day: '1', month: '9', year: '2026' }, { day: '30', month: 'Sept', year: '2026' }),
    ).toEqual({
      ok: true,
      period: { startYear: 2026, from: '2026-09-01', to: '2026-09-30', label: '1 September 2026 to 30 September 2026' },
    });
    expect(
      checkChosenDates(2026, { day: '1', month: '8', year: '2026' }, { day: '31', month: '7', year: '2027' }),
    ).toMatchObject({ ok: true });
  });

  it('names each date that is missing, not real or outside the school year, and an end before the start', () => {
    expect(checkChosenDates(2026, {}, { day: '30', month: '2', year: '2027' })).toEqual({
      ok: false,
      problems: [
        { field: 'from', part: 'day', message: 'Enter the start date' },
        { field: 'to', part: 'day', message: 'End date must be a real date' },
      ],
    });
    expect(
      checkChosenDates(2026, { day: '31', month: '7', year: '2026' }, { day: '1', month: '8', year: '2027' }),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: 'from',
          part: 'day',
          message: 'Start date must be the same as or after 1 August 2026 (the 2026 to 2027 school year)',
        },
        {
          field: 'to',
          part: 'day',
          message: 'End date must be the same as or before 31 July 2027 (the 2026 to 2027 school year)',
        },
      ],
    });
    expect(
      checkChosenDates(2026, { day: '2', month: '9', year: '2026' }, { day: '1', month: '9', year: '2026' }),
    ).toEqual({
      ok: false,
      problems: [{ field: 'to', part: 'day', message: 'End date must be the same as or after the start date' }],
    });
  });
});
