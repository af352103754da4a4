// Kept at its old path for the files outside attendance that still import it here; the code is in
// marks/file/forms.ts. Remove once they import it from there.
export * from './marks/file/forms.ts';
