// Kept at its old path for the files outside attendance that still import it here; the code is in
// dashboard/routes.ts. Remove once they import it from there.
export { attendanceDashboardRoutes } from './dashboard/routes.ts';
