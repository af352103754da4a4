// Kept at its old path for the browser journeys, which still import it here; the code is in
// measures/repository.ts. Remove once they import it from there.
export { mondayOf } from './measures/repository.ts';
