// The old address of the Family Early Help Plan's vocabulary, now in ./rules.ts; the demo data and
// the browser journeys still import it from here. Delete once they import ./rules.ts.
export { ASPECTS, lowestAspects, type AspectCode, type AspectScores } from './rules.ts';
