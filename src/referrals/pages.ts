/** Moved to forms.ts; kept until the demo data and the other areas import from there. */
export {
  emptyAnswers,
  nextPath,
  pageFor,
  pageValues,
  parseAnswers,
  presentingNeedsOf,
  REFERRAL_PAGES,
  type DraftAnswers,
  type ReferralPage,
} from './forms.ts';
