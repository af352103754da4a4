// Kept at its old path for the demo data, which still imports it here; the shared record fields
// are in ../records/forms.ts and the school year in src/platform/school-year.ts. Remove once the
// demo data imports them from there.
import { schoolYearOf } from '../../platform/school-year.ts';

export * from '../records/forms.ts';

/** The school year ('2026/27', the stored form) a date falls in. */
export const academicYearOfDate = (isoDate: string) => schoolYearOf(isoDate).key;
