// Kept at its old path for the files outside schools that still import it here: the census file
// is read in ./forms.ts and the school year has one convention, from 1 August, in
// src/platform/school-year.ts. Remove once they import from there.
import { schoolYearOf, schoolYearStarting } from '../../platform/school-year.ts';

export * from './forms.ts';

/** 2026 → '2026/27': the stored form of the school year starting in 2026. */
export const academicYearLabel = (startYear: number): string => schoolYearStarting(startYear).key;

/** The school year ('2026/27', the stored form) a date (YYYY-MM-DD) is in: from 1 August. */
export const academicYearOf = (isoDate: string): string => schoolYearOf(isoDate).key;
