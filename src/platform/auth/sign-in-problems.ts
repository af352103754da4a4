import type { Response } from 'express';

/**
 * The pages for a sign-in that did not work: what happened in plain words, what to do, and a
 * link back to sign in. Never a stack trace, and never anything from the provider's token.
 */
export const SIGN_IN_PROBLEMS = {
  expired: {
    status: 400,
    title: 'Your sign-in has expired',
    paragraphs: ['The sign-in took too long, or this sign-in link was used already.', 'Start again to sign in.'],
  },
  'timed-out': {
    status: 400,
    title: 'Your sign-in has timed out',
    paragraphs: [
      'You need to enter the code from your authenticator app within 10 minutes of your password.',
      'Start again to sign in.',
    ],
  },
  token: {
    status: 401,
    title: 'We could not sign you in',
    paragraphs: [
      'The reply from your council’s sign-in service could not be checked, so you have not been signed in.',
      'Try again. If this keeps happening, contact your council’s IT service desk.',
    ],
  },
  cancelled: {
    status: 401,
    title: 'You have not been signed in',
    paragraphs: [
      'Signing in with your council account stopped before it finished.',
      'Try again if you want to sign in.',
    ],
  },
  'provider-down': {
    status: 503,
    title: 'Sorry, you cannot sign in with your council account at the moment',
    paragraphs: [
      'Your council’s sign-in service is not answering.',
      'Try again later. If this keeps happening, contact your council’s IT service desk.',
    ],
  },
  'no-account': {
    status: 403,
    title: 'You do not have an account for this service',
    paragraphs: [
      'Your council account is not linked to an account in this service. Nobody gets an account by signing in: your local authority’s inclusion service administrator adds people.',
      'Ask them to add you, using the email address of your council account.',
    ],
  },
  disabled: {
    status: 403,
    title: 'Your account has been disabled',
    paragraphs: [
      'You cannot sign in because your account has been disabled.',
      'If you think you should have access, ask your local authority’s inclusion service administrator.',
    ],
  },
  'linked-to-another': {
    status: 403,
    title: 'Your account is linked to a different council account',
    paragraphs: [
      'The account with your email address was first used with a different council account, so you cannot sign in with this one.',
      'Ask your local authority’s inclusion service administrator to check your account.',
    ],
  },
} as const;

export type SignInProblem = keyof typeof SIGN_IN_PROBLEMS;

export function renderSignInProblem(res: Response, problem: SignInProblem): void {
  const { status, ...page } = SIGN_IN_PROBLEMS[problem];
  res.status(status).render('auth/sign-in-problem', page);
}
