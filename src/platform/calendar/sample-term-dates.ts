import type { TermPeriod } from './calendar.ts';

/**
 * Sample term dates for a London authority’s community schools, school years 2024/25 to
 * 2027/28. They are realistic but illustrative: each authority sets its own dates, and
 * academies and voluntary-aided schools may differ. Replace them with the authority's
 * published dates before relying on them.
 *
 * Each school year has six half-terms, named after the calendar year they fall in. Dates
 * are inclusive and are the days pupils attend, ignoring staff training (INSET) days.
 * Half terms, Christmas, Easter and the summer holiday fall in the gaps between periods.
 * The only bank holidays inside a period are the early May bank holidays, which always
 * fall in the summer term; isTermTime treats them, and weekends, as not term time.
 */
export const SAMPLE_TERM_DATES: readonly TermPeriod[] = [
  // 2024/25 (half term 28 October to 1 November 2024; Christmas 23 December to 3 January;
  // half term 17 to 21 February 2025; Easter 7 to 21 April; half term 26 to 30 May)
  { name: 'Autumn 1 2024', startsOn: '2024-09-04', endsOn: '2024-10-25' },
  { name: 'Autumn 2 2024', startsOn: '2024-11-04', endsOn: '2024-12-20' },
  { name: 'Spring 1 2025', startsOn: '2025-01-06', endsOn: '2025-02-14' },
  { name: 'Spring 2 2025', startsOn: '2025-02-24', endsOn: '2025-04-04' },
  { name: 'Summer 1 2025', startsOn: '2025-04-22', endsOn: '2025-05-23' },
  { name: 'Summer 2 2025', startsOn: '2025-06-02', endsOn: '2025-07-22' },

  // 2025/26 (half term 27 to 31 October 2025; Christmas 22 December to 2 January;
  // half term 16 to 20 February 2026; Easter 30 March to 10 April; half term 25 to 29 May)
  { name: 'Autumn 1 2025', startsOn: '2025-09-03', endsOn: '2025-10-24' },
  { name: 'Autumn 2 2025', startsOn: '2025-11-03', endsOn: '2025-12-19' },
  { name: 'Spring 1 2026', startsOn: '2026-01-05', endsOn: '2026-02-13' },
  { name: 'Spring 2 2026', startsOn: '2026-02-23', endsOn: '2026-03-27' },
  { name: 'Summer 1 2026', startsOn: '2026-04-13', endsOn: '2026-05-22' },
  { name: 'Summer 2 2026', startsOn: '2026-06-01', endsOn: '2026-07-21' },

  // 2026/27 (half term 26 to 30 October 2026; Christmas 21 December to 1 January;
  // half term 15 to 19 February 2027; Easter 26 March to 9 April; half term 31 May to 4 June)
  { name: 'Autumn 1 2026', startsOn: '2026-09-03', endsOn: '2026-10-23' },
  { name: 'Autumn 2 2026', startsOn: '2026-11-02', endsOn: '2026-12-18' },
  { name: 'Spring 1 2027', startsOn: '2027-01-04', endsOn: '2027-02-12' },
  { name: 'Spring 2 2027', startsOn: '2027-02-22', endsOn: '2027-03-25' },
  { name: 'Summer 1 2027', startsOn: '2027-04-12', endsOn: '2027-05-28' },
  { name: 'Summer 2 2027', startsOn: '2027-06-07', endsOn: '2027-07-21' },

  // 2027/28 (half term 25 to 29 October 2027; Christmas 20 December to 3 January, a bank
  // holiday; half term 14 to 18 February 2028; Easter 3 to 17 April; half term 29 May to 2 June)
  { name: 'Autumn 1 2027', startsOn: '2027-09-02', endsOn: '2027-10-22' },
  { name: 'Autumn 2 2027', startsOn: '2027-11-01', endsOn: '2027-12-17' },
  { name: 'Spring 1 2028', startsOn: '2028-01-04', endsOn: '2028-02-11' },
  { name: 'Spring 2 2028', startsOn: '2028-02-21', endsOn: '2028-03-31' },
  { name: 'Summer 1 2028', startsOn: '2028-04-18', endsOn: '2028-05-26' },
  { name: 'Summer 2 2028', startsOn: '2028-06-05', endsOn: '2028-07-21' },
];
