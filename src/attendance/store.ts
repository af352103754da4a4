// Kept at its old path for the files outside attendance that still import it here; the code is in
// marks/repository.ts. Remove once they import it from there.
export * from './marks/repository.ts';
