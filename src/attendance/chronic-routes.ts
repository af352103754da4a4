// Kept at its old path for the files outside attendance that still import it here; the code is in
// chronic/routes.ts. Remove once they import it from there.
export { chronicAbsenceRoutes } from './chronic/routes.ts';
