// The DfE attendance and absence codes in force from 19 August 2024 (School Attendance (Pupil
// Registration) (England) Regulations 2024, regulation 10; DfE guidance "Working together to
// improve school attendance", August 2024), with the category each counts in for the national
// statistics. Crown copyright, Open Government Licence v3.0. Checked against the guidance: every
// code's category and whether it is a possible session agree with it (D, X, Q, Y1–Y7, Z and #
// are not possible sessions; K, V, P, W and B count as attendance; L is present, U is
// unauthorised absence).
//
// Each code is stored as one character (the two-character codes C1, C2, J1 and Y1–Y7 have their
// own), so a pupil's year of marks is one short string; '.' is a session with no mark.

import { schoolYearNamed, type SchoolYear } from '../platform/school-year.ts';

export type CodeCategory = 'present' | 'attending-approved-education' | 'authorised' | 'unauthorised' | 'not-possible';

export interface AttendanceCode {
  code: string;
  /** The one character the code is stored as. */
  stored: string;
  category: CodeCategory;
  meaning: string;
}

const TABLE: readonly [string, string, CodeCategory, string][] = [
  ['/', '/', 'present', 'Present (morning session) at registration'],
  ['\\', '\\', 'present', 'Present (afternoon session) at registration'],
  ['L', 'L', 'present', 'Late arrival before the register has closed'],
  ['K', 'K', 'attending-approved-education', 'Attending education provision arranged by the local authority'],
  ['V', 'V', 'attending-approved-education', 'Attending an educational visit or trip'],
  ['P', 'P', 'attending-approved-education', 'Participating in an approved sporting activity'],
  ['W', 'W', 'attending-approved-education', 'Attending work experience'],
  ['B', 'B', 'attending-approved-education', 'Attending any other approved educational activity'],
  ['D', 'D', 'not-possible', 'Dual registered - attending another school at which the pupil is registered'],
  [
    'C1',
    '1',
    'authorised',
    'Leave of absence to participate in a regulated performance or undertake regulated employment abroad',
  ],
  ['M', 'M', 'authorised', 'Leave of absence for a medical or dental appointment'],
  [
    'J1',
    'J',
    'authorised',
    'Leave of absence to attend an interview for employment or admission to another educational institution',
  ],
  ['S', 'S', 'authorised', 'Leave of absence to study for a public examination (study leave)'],
  ['X', 'X', 'not-possible', 'Non-compulsory school age pupil not required to attend school'],
  ['C2', '2', 'authorised', 'Leave of absence for a compulsory school age pupil subject to a part-time timetable'],
  ['C', 'C', 'authorised', 'Leave of absence for exceptional circumstances'],
  ['T', 'T', 'authorised', 'Parent travelling for occupational purposes'],
  ['R', 'R', 'authorised', 'Religious observance'],
  ['I', 'I', 'authorised', 'Illness (not medical or dental appointment)'],
  ['E', 'E', 'authorised', 'Suspended or permanently excluded and no alternative provision made'],
  ['Q', 'Q', 'not-possible', 'Unable to attend the school because of a lack of access arrangements'],
  ['Y1', '3', 'not-possible', 'Unable to attend due to transport normally provided not being available'],
  ['Y2', '4', 'not-possible', 'Unable to attend due to widespread disruption to travel'],
  ['Y3', '5', 'not-possible', 'Unable to attend due to part of the school premises being closed'],
  ['Y4', '6', 'not-possible', 'Unable to attend due to the whole school site being unexpectedly closed'],
  ['Y5', '7', 'not-possible', 'Unable to attend as pupil is in criminal justice detention'],
  ['Y6', '8', 'not-possible', 'Unable to attend in accordance with public health guidance or law'],
  ['Y7', '9', 'not-possible', 'Unable to attend because of any other unavoidable cause'],
  ['G', 'G', 'unauthorised', 'Holiday not granted by the school'],
  ['N', 'N', 'unauthorised', 'Reason for absence not yet established'],
  ['O', 'O', 'unauthorised', 'Absent in other or unknown circumstances'],
  ['U', 'U', 'unauthorised', 'Arrived in school after registers closed'],
  ['Z', 'Z', 'not-possible', 'Prospective pupil not on admission register'],
  ['#', '#', 'not-possible', 'Planned whole school closure'],
];

export const ATTENDANCE_CODES: readonly AttendanceCode[] = TABLE.map(([code, stored, category, meaning]) => ({
  code,
  stored,
  category,
  meaning,
}));

/** A session with no mark (a weekend, a holiday, or a day the school has not sent). */
export const NO_MARK = '.';

const BY_CODE = new Map(ATTENDANCE_CODES.map((entry) => [entry.code, entry]));
const BY_STORED = new Map(ATTENDANCE_CODES.map((entry) => [entry.stored, entry]));

/**
 * Codes from before August 2024 and what became of them: J became J1; the others were withdrawn,
 * so a file still using them is refused with what to use instead.
 */
const OLD_CODES: Record<string, { now?: string; message: string }> = {
  J: { now: 'J1', message: 'J is now J1' },
  H: {
    message:
      'H (agreed family holiday) was withdrawn in 2013: use C for exceptional leave or G for a holiday not agreed',
  },
  F: { message: 'F (agreed extended family holiday) was withdrawn in 2013: use C or G' },
  Y: { message: 'Y was split into Y1 to Y7 in August 2024: use the one that says why the pupil could not attend' },
  '-': { message: '- (all should attend) is not a mark: leave the session out of the file' },
  '!': { message: '! (school closed to pupils) was replaced by #' },
};

export type CodeLookup = { ok: true; entry: AttendanceCode; mappedFrom?: string } | { ok: false; message: string };

/** Finds a code as written in a file (case-sensitive, as in the register), mapping an old code where the DfE did. */
export function lookUpCode(written: string): CodeLookup {
  const entry = BY_CODE.get(written);
  if (entry) return { ok: true, entry };
  const old = OLD_CODES[written];
  if (old?.now) return { ok: true, entry: BY_CODE.get(old.now)!, mappedFrom: written };
  if (old) return { ok: false, message: `‘${written}’ is not a 2024 attendance code: ${old.message}` };
  return { ok: false, message: `‘${written}’ is not a 2024 attendance code` };
}

/** The code a stored character stands for. */
export function codeOfStored(stored: string): AttendanceCode | undefined {
  return BY_STORED.get(stored);
}

/** The stored characters of the codes in a category, for counting with a regular expression or a set. */
export function storedIn(...categories: CodeCategory[]): string {
  return ATTENDANCE_CODES.filter((entry) => categories.includes(entry.category))
    .map((entry) => entry.stored)
    .join('');
}

/** What each category is called on the service's pages. */
export const CATEGORY_NAMES: Record<CodeCategory, string> = {
  present: 'Present',
  'attending-approved-education': 'Attending approved education (counts as attendance)',
  authorised: 'Authorised absence',
  unauthorised: 'Unauthorised absence',
  'not-possible': 'Not a possible session',
};

// Where a session sits in a pupil's year of marks. The school year runs from 1 August to 31 July
// (src/platform/school-year.ts); every day has two places, the morning and the afternoon
// session, so a year is at most 366 × 2 places and a date range is a slice of it.

export const SESSIONS_PER_YEAR = 366 * 2;

export type Session = 'AM' | 'PM';

const DAY_MS = 86_400_000;

/** Days from 1 August of the school year to an ISO date (0 for 1 August). */
export function dayOfSchoolYear(isoDate: string, startYear: number): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(startYear, 7, 1)) / DAY_MS);
}

/** The place of a session in the year's marks. */
export function sessionIndex(isoDate: string, session: Session, startYear: number): number {
  return dayOfSchoolYear(isoDate, startYear) * 2 + (session === 'PM' ? 1 : 0);
}

/** The slice of the year's marks a date range covers: [start, end) places, clipped to the year. */
export function sliceOf(from: string, to: string, startYear: number): { start: number; end: number } {
  const start = Math.max(0, dayOfSchoolYear(from, startYear) * 2);
  const end = Math.min(SESSIONS_PER_YEAR, (dayOfSchoolYear(to, startYear) + 1) * 2);
  return { start, end: Math.max(start, end) };
}

/** The ISO date of a place in the year's marks. */
export function dateOfIndex(index: number, startYear: number): string {
  return new Date(Date.UTC(startYear, 7, 1) + Math.floor(index / 2) * DAY_MS).toISOString().slice(0, 10);
}

/** The school year whose stored form is exactly `key` ('2026/27'), or undefined for anything else. */
export function storedSchoolYear(key: string): SchoolYear | undefined {
  const year = schoolYearNamed(key);
  return year?.key === key ? year : undefined;
}
