import type { Page } from '@playwright/test';
import { ROLES, checkedTemplates, expect, expectNoAxeViolations, routeOf, test, type Role } from './support.ts';

/** Where the crawl starts: for everyone the public pages and a page that does not exist. */
const PUBLIC_START = [
  '/sign-in',
  '/accessibility',
  '/privacy',
  '/cookies',
  '/about-the-data',
  '/signed-out',
  '/no-such-page',
];
/** Signed in, the home page and an administrator's page (refused to everyone else). */
const SIGNED_IN_START = ['/', '/admin/users'];
/** Pages the crawl does not open: signing in elsewhere, and the service's health for machines. */
const NOT_PAGES = [/^\/sign-in\/sso/, /^\/health/];

/** The same-site links in a page's HTML, as paths with their queries, leaving out downloads. */
function linksIn(html: string): string[] {
  const links: string[] = [];
  for (const [tag, href] of html.matchAll(/<a\s[^>]*?href="([^"#]*)[^"]*"[^>]*>/g)) {
    if (/\sdownload[\s>=]/.test(tag) || !href.startsWith('/') || href.startsWith('//')) continue;
    links.push(href.replaceAll('&amp;', '&'));
  }
  return links;
}

/**
 * Follows every link the user is shown, one page of each route, and axe-checks each page whose
 * template no journey has checked yet in this run; links are read from the HTML (cheap), and the
 * browser opens only the pages to check. Returns how many routes it reached.
 */
async function crawl(page: Page, start: string[]): Promise<number> {
  const queue = [...start];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    const route = routeOf(path);
    if (seen.has(route) || NOT_PAGES.some((pattern) => pattern.test(path))) continue;
    seen.add(route);
    const response = await page.request.get(path);
    expect(response.status(), `status of ${path}`).toBeLessThan(500);
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    queue.push(...linksIn(await response.text()));
    const template = response.status() >= 400 ? `error page ${response.status()}` : routeOf(response.url());
    if (checkedTemplates().has(template)) continue;
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  return seen.size;
}

test.describe('Every page template has no accessibility failures', () => {
  // One test opens every page a role can reach that no journey has checked yet: minutes, not seconds.
  test.describe.configure({ timeout: 20 * 60_000 });

  test('public pages', async ({ page }) => {
    expect(await crawl(page, PUBLIC_START)).toBeGreaterThanOrEqual(PUBLIC_START.length);
  });

  for (const role of ROLES as readonly Role[]) {
    test(`pages the ${role.replaceAll('_', ' ')} can reach`, async ({ page, asRole }) => {
      await asRole(role);
      expect(await crawl(page, SIGNED_IN_START)).toBeGreaterThan(SIGNED_IN_START.length);
    });
  }
});
