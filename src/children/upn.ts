/** Moved to rules.ts; kept until the other areas and the demo data import from there. */
export { isValidUpn, makeUpn, upnCheckLetter } from './rules.ts';
