import { fileURLToPath } from 'node:url';
/** Fixed settings shared by the journey server (start-server.ts) and the specs, with no test imports. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

/** Every demo account's password on the journey server. Fixed, because the database is thrown away. */
export const E2E_PASSWORD = 'journeys-only-password-2024';

/**
 * The two-factor key the journey server gives the demo administrator (start-server.ts), so that
 * every journey's browser can type the code an authenticator app would show. Setting two-factor
 * up at first sign-in, as real administrators do, is a journey of its own (sign-in-sso.spec.ts).
 */
export const E2E_TWO_FACTOR_SECRET = 'JOURNEYSJOURNEYSJOURNEYSJOURNEYS';

/**
 * The page templates axe has passed in this run, one a line, shared by every worker
 * (emptied at the start of each run by e2e/global-setup.ts).
 */
export const AXE_CHECKED_FILE = fileURLToPath(new URL('../test-results/axe-checked-templates.txt', import.meta.url));
