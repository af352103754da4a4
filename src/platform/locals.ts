import type { CurrentUser } from './roles.ts';
import type { CouncilWords } from './instance/council-fields.ts';

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
    navigation?: unknown[];
  }
}
