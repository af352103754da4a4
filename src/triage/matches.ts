/** Moved to referrals/matches; kept until the demo data imports from there. */
export { recordMatches } from '../referrals/matches/service.ts';
