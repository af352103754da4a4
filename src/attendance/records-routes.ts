// Kept at its old path for the files outside attendance that still import it here; the code is in
// records/routes.ts. Remove once they import it from there.
export { attendanceRecordRoutes } from './records/routes.ts';
