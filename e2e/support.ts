/**
 * Shared pieces for the browser journeys: a `test` whose page checks that every page visited was
 * axe-checked and raised no script errors, the axe check itself, and signing in as a demo user.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { test as base, expect, type Browser, type Cookie, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { ROLES, ROLE_NAMES, type Role } from '../src/platform/roles.ts';
import { AXE_CHECKED_FILE, E2E_PASSWORD, E2E_PORT, E2E_TWO_FACTOR_SECRET } from './constants.ts';
import { journeyClock } from './clock.ts';
import { TOTP, timeStep, totpCode } from '../src/platform/auth/two-factor/totp.ts';

export { expect };
export { E2E_PASSWORD, E2E_PORT } from './constants.ts';
export { ROLES, ROLE_NAMES, type Role };

/** WCAG 2.2 A and AA, as the public sector accessibility regulations require. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The demo borough's staff, one per role (the names the demo data gives them). */
export { STAFF_NAMES as DEMO_STAFF } from '../src/demo/accounts.ts';

/** The school the demo school referrer works at. */
export const DEMO_SCHOOL = { urn: 102317, name: 'Broadford Primary School' };

export const demoEmail = (role: Role) => `${role}@demo.inclusion-hub.test`;

/**
 * Pages each browser page has loaded, and the ones axe has checked (or whose template it checked
 * earlier in the run), by path and query; and how the page now shown was asked for and answered.
 */
const visits = new WeakMap<
  Page,
  { loaded: string[]; checked: Set<string>; document: { method: string; status: number } }
>();
const pathOf = (url: string) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

/** The page templates axe has passed so far in this run, by any worker. */
export const checkedTemplates = (): Set<string> => {
  try {
    return new Set(readFileSync(AXE_CHECKED_FILE, 'utf8').split('\n'));
  } catch {
    return new Set();
  }
};

/** A path's route: each segment holding a number (an id, a date, a school year) or a long token becomes `:id`. */
export function routeOf(path: string): string {
  return new URL(path, 'http://localhost').pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.length >= 20 ? ':id' : segment))
    .join('/');
}

/**
 * The template a page was rendered from, as far as the browser can tell: its route, or the
 * error page for its status; a form answered with errors, or a page sent in answer to a form,
 * counts as a template of its own.
 */
async function templateOf(page: Page): Promise<string> {
  const document = visits.get(page)?.document ?? {
    method: 'GET',
    status: await page.evaluate(
      () =>
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseStatus ??
        200,
    ),
  };
  const showsErrors = (await page.locator('.govuk-error-summary').count()) > 0;
  if (document.status >= 400 && !showsErrors) return `error page ${document.status}`;
  return [
    document.method === 'GET' ? '' : `${document.method} `,
    routeOf(page.url()),
    showsErrors ? ' with errors' : '',
  ].join('');
}

/**
 * Runs axe on the page as it is now and fails with a readable list of what it found; a page whose
 * template axe has already passed in this run counts as checked without running it again.
 * Call it on every page a journey visits, including error states.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const template = await templateOf(page);
  if (checkedTemplates().has(template)) {
    visits.get(page)?.checked.add(pathOf(page.url()));
    return;
  }
  const { violations: found } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  // GOV.UK Frontend marks radios that reveal a question with aria-expanded, on purpose (alphagov/govuk-frontend#979).
  const govukReveal = (node: {
    html: string;
    any: { message: string }[];
    all: { message: string }[];
    none: { message: string }[];
  }) =>
    /class="govuk-radios__input"/.test(node.html) &&
    [...node.any, ...node.all, ...node.none].every((check) => /aria-expanded/.test(check.message));
  const violations = found
    .map((violation) =>
      violation.id === 'aria-allowed-attr'
        ? { ...violation, nodes: violation.nodes.filter((node) => !govukReveal(node)) }
        : violation,
    )
    .filter((violation) => violation.nodes.length > 0);
  visits.get(page)?.checked.add(pathOf(page.url()));
  const report = violations.map(
    (violation) =>
      `${violation.id} [${violation.impact}] ${violation.help} (${violation.helpUrl})\n` +
      violation.nodes.map((node) => `    at ${node.target.join(' ')}: ${node.html.slice(0, 160)}`).join('\n'),
  );
  expect(report, `axe found ${violations.length} violation(s) on ${pathOf(page.url())}:\n${report.join('\n')}`).toEqual(
    [],
  );
  appendFileSync(AXE_CHECKED_FILE, `${template}\n`);
}

/** Opens a page, expects the given status, and axe-checks it. */
export async function visit(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(status);
  await expectNoAxeViolations(page);
}

/**
 * Signs in from the sign-in page and waits for the home page. The sign-in page itself is left to
 * the accessibility crawl (accessibility.spec.ts), rather than axe-checked at every sign-in.
 */
export async function signIn(page: Page, role: Role, password = E2E_PASSWORD): Promise<void> {
  await signInAs(page, demoEmail(role), password);
}

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  const response = await page.goto('/sign-in');
  expect(response?.status(), 'status of /sign-in').toBe(200);
  visits.get(page)?.checked.add('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await passTwoFactor(page);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/**
 * On the page asking for the authenticator app's code (the demo administrator's), types the code
 * the app would show. Journeys in other browsers may have used this 30 seconds' code already (a
 * code is accepted once), so then the next step's code is typed, waiting for it when needed.
 */
export async function passTwoFactor(page: Page, secret = E2E_TWO_FACTOR_SECRET): Promise<void> {
  const codeBox = page.getByLabel('Enter the code from your authenticator app');
  const signOutButton = page.getByRole('button', { name: 'Sign out' });
  await expect(signOutButton.or(codeBox)).toBeVisible();
  if (await signOutButton.isVisible()) return;
  await expectNoAxeViolations(page);
  let step = timeStep(journeyClock.now());
  for (let attempt = 0; attempt < 4; attempt++, step++) {
    const wait = (step - 1) * TOTP.stepSeconds * 1000 - journeyClock.now().getTime();
    if (wait > 0) await page.waitForTimeout(wait + 100);
    await codeBox.fill(totpCode(secret, new Date(step * TOTP.stepSeconds * 1000)));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(signOutButton.or(page.locator('.govuk-error-summary'))).toBeVisible();
    if (await signOutButton.isVisible()) return;
    await expectNoAxeViolations(page);
  }
  throw new Error('The two-factor code was refused');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You have been signed out' })).toBeVisible();
  await expectNoAxeViolations(page);
}

/** The links in the service navigation, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Menu' }).getByRole('link');
  return (await links.allInnerTexts()).map((text) => text.trim());
}

/** Signs in as a demo user in a browser context of its own and returns the session's cookies. */
async function sessionCookies(browser: Browser, role: Role): Promise<Cookie[]> {
  const context = await browser.newContext({ baseURL: `http://localhost:${E2E_PORT}` });
  try {
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(demoEmail(role));
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await passTwoFactor(page);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/**
 * The journeys' `test`: after each test it fails if a page was loaded but never axe-checked, or
 * if a page raised a script error (for example one blocked by the content security policy).
 * `asRole(role)` starts a test already signed in, with a session each worker signs in for once
 * per role (signing in itself is tested in sign-in.spec.ts); a test using it must not sign out.
 */
export const test = base.extend<
  { asRole: (role: Role) => Promise<void> },
  { roleSessions: (role: Role) => Promise<Cookie[]> }
>({
  roleSessions: [
    async ({ browser }, use) => {
      const sessions = new Map<Role, Promise<Cookie[]>>();
      await use((role) => {
        if (!sessions.has(role)) sessions.set(role, sessionCookies(browser, role));
        return sessions.get(role)!;
      });
    },
    { scope: 'worker' },
  ],
  asRole: async ({ page, roleSessions }, use) => {
    await use(async (role) => page.context().addCookies(await roleSessions(role)));
  },
  page: async ({ page }, use, testInfo) => {
    const record = { loaded: [] as string[], checked: new Set<string>(), document: { method: 'GET', status: 200 } };
    const scriptErrors: string[] = [];
    visits.set(page, record);
    page.on('load', () => record.loaded.push(pathOf(page.url())));
    page.on('response', (response) => {
      const request = response.request();
      const redirect = response.status() >= 300 && response.status() < 400;
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !redirect)
        record.document = { method: request.method(), status: response.status() };
    });
    page.on('pageerror', (error) => scriptErrors.push(`${pathOf(page.url())}: ${error.message}`));
    page.on('console', (message) => {
      // The browser logs every 4xx response, including the 404 page a test asks for on purpose.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        scriptErrors.push(`${pathOf(page.url())}: ${message.text()}`);
      }
    });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) return;
    const unchecked = [...new Set(record.loaded.filter((path) => !record.checked.has(path)))];
    expect(unchecked, 'pages visited but never axe-checked').toEqual([]);
    expect(scriptErrors, 'script errors in the browser').toEqual([]);
  },
});
