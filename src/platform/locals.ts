import type { CurrentUser } from './roles.ts';
import type { CouncilWords } from './instance/council-fields.ts';
import type { NavigationItem } from './navigation.ts';
import type { PendingForm } from './auth/resume.ts';

/**
 * What every page's handler and template may read from `res.locals`, set by the app's
 * middleware (src/app.ts): the signed-in person on every route that is not public, the council's
 * words and whether this is the demo, the flash message and the CSRF token.
 */
declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in person; set on every route that is not public (src/platform/auth/routes.ts). */
    user: CurrentUser;
    council: Partial<CouncilWords>;
    demo?: boolean;
    flash?: string;
    /** The links the signed-in person's roles may use (src/platform/navigation.ts). */
    navigation?: NavigationItem[];
    /** The nonce that lets the page's own scripts run (src/platform/security.ts). */
    cspNonce: string;
    /** The CSRF token for a signed-in person's forms. */
    csrfToken?: string;
    /** What a form's page shows again after the person signed in anew (src/platform/auth/resume.ts). */
    resumedValues?: PendingForm['body'];
    /** Which ways of signing in the sign-in page offers (src/platform/auth/oidc/routes.ts). */
    signInOptions?: { singleSignOn: boolean; localPasswords: boolean };
  }
}
