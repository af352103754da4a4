// Kept at its old path for the files outside attendance that still import it here; the code is in
// rules.ts. Remove once they import it from there.
export * from './rules.ts';
