// Progress measures kept per case: behaviour points [RBKC Early Help Family Support: 'At referral
// 108, at last TAF 42'], attendance %, suspensions and whether the child kept their school place
// [Havering SEMH Team proposal: 98% stayed in their original placement]. Taken at referral, at each
// review, at closure and after closure. The form's rules and the table over time are pure.
import { z } from 'zod';

export const MEASURE_POINTS = [
  { value: 'referral', text: 'At referral' },
  { value: 'review', text: 'At a review' },
  { value: 'closure', text: 'At closure' },
  { value: 'post-closure', text: 'After closure' },
] as const;
export type MeasurePoint = (typeof MEASURE_POINTS)[number]['value'];

/** The points the measures form records; reviews are recorded with their meeting, post-closure with the review. */
export const FORM_POINTS = MEASURE_POINTS.filter((point) => point.value === 'referral' || point.value === 'closure');

const MAX_POINTS = 100_000;
const MAX_SUSPENSIONS = 365;

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

function wholeNumber(name: string, max: number) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number | null => {
      if (blank(value)) return null;
      const text = String(value).trim().replace(/,/g, '');
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number, 0 or more` });
        return z.NEVER;
      }
      const number = Number(text);
      if (number > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be ${max.toLocaleString('en-GB')} or fewer` });
        return z.NEVER;
      }
      return number;
    });
}

const attendance = z
  .unknown()
  .optional()
  .transform((value, ctx): number | null => {
    if (blank(value)) return null;
    const text = String(value).trim().replace(/%$/, '').trim();
    if (!/^\d{1,3}(\.\d)?$/.test(text) || Number(text) > 100) {
      ctx.addIssue({
        code: 'custom',
        message: 'Attendance must be a percentage from 0 to 100, with at most one decimal place, like 92.5',
      });
      return z.NEVER;
    }
    return Number(text);
  });

const yesNo = z
  .unknown()
  .optional()
  .transform((value, ctx): boolean | null => {
    if (blank(value)) return null;
    if (value === 'yes' || value === 'no') return value === 'yes';
    ctx.addIssue({ code: 'custom', message: 'Select whether the child kept their school place' });
    return z.NEVER;
  });

/** The four measures; each may be left blank. */
export const measureFields = {
  behaviourPoints: wholeNumber('Behaviour points', MAX_POINTS),
  attendancePercent: attendance,
  suspensions: wholeNumber('Suspensions', MAX_SUSPENSIONS),
  placementKept: yesNo,
};

export interface Measures {
  behaviourPoints: number | null;
  attendancePercent: number | null;
  suspensions: number | null;
  placementKept: boolean | null;
}

export function hasAnyMeasure(measures: Measures): boolean {
  return (
    measures.behaviourPoints !== null ||
    measures.attendancePercent !== null ||
    measures.suspensions !== null ||
    measures.placementKept !== null
  );
}

export const NO_MEASURE_MESSAGE =
  'Enter at least one measure: behaviour points, attendance, suspensions or whether the child kept their school place';

export interface MeasureRow extends Measures {
  id: number;
  point: MeasurePoint;
  recordedOn: string;
  meetingId: number | null;
}

const ORDER: Record<MeasurePoint, number> = { referral: 0, review: 1, closure: 2, 'post-closure': 3 };

/** Measures in the order they were taken: referral, reviews by date, closure, after closure. */
export function inOrder<T extends { point: MeasurePoint; recordedOn: string; id: number }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => ORDER[a.point] - ORDER[b.point] || a.recordedOn.localeCompare(b.recordedOn) || a.id - b.id,
  );
}

export interface MeasureChange {
  /** Latest minus the value at referral, for the three numbers; undefined without both. */
  behaviourPoints?: number;
  attendancePercent?: number;
  suspensions?: number;
  /** Whether the child kept their place, as last recorded. */
  placementKept?: boolean;
}

function change(
  rows: readonly Measures[],
  key: 'behaviourPoints' | 'attendancePercent' | 'suspensions',
): number | undefined {
  const start = rows[0]?.[key];
  const later = rows.slice(1).filter((row) => row[key] !== null);
  const latest = later.at(-1)?.[key];
  if (start == null || latest == null) return undefined;
  return Math.round((latest - start) * 10) / 10;
}

/**
 * The change from referral to the latest measure [RBKC Early Help Family Support: behaviour points at referral 108,
 * at the last TAF 42: a change of −66]. Without measures at referral and since, there is no change to show.
 */
export function changeFromReferral(rows: readonly MeasureRow[]): MeasureChange | undefined {
  const ordered = inOrder(rows);
  if (ordered[0]?.point !== 'referral' || ordered.length < 2) return undefined;
  const kept = ordered.filter((row) => row.placementKept !== null).at(-1)?.placementKept ?? undefined;
  return {
    behaviourPoints: change(ordered, 'behaviourPoints'),
    attendancePercent: change(ordered, 'attendancePercent'),
    suspensions: change(ordered, 'suspensions'),
    placementKept: kept,
  };
}

/** A change as people read it: '+5', '−66', 'No change'. */
export function signed(value: number | undefined, unit = ''): string {
  if (value === undefined) return '';
  if (value === 0) return 'No change';
  return `${value > 0 ? '+' : '−'}${Math.abs(value).toLocaleString('en-GB')}${unit}`;
}
