/**
 * Moved to rules.ts, and parseDateOfBirth to src/platform/date-of-birth.ts; kept until the demo
 * data and the school roll import from there.
 */
export { KNOWN_SERVICES, type KnownEpisodeRow } from './rules.ts';
export { parseDateOfBirth } from '../../platform/date-of-birth.ts';
