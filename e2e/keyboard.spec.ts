import type { Page } from '@playwright/test';
import { E2E_PASSWORD, demoEmail, expect, expectNoAxeViolations, test } from './support.ts';

interface Focused {
  tag: string;
  text: string;
  href: string | null;
  /** The browser treats the focus as keyboard focus, and draws an outline or shadow for it. */
  visible: boolean;
}

/** What has the keyboard focus now, and whether anyone could see where it is. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: 'body', text: '', href: null, visible: false };
    const style = getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' &&
      parseFloat(style.outlineWidth) > 0 &&
      !/rgba\(.*, 0\)|transparent/.test(style.outlineColor);
    const shadow = style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' '),
      href: element.getAttribute('href'),
      visible: element.matches(':focus-visible') && (outline || shadow),
    };
  });
}

/**
 * Presses Tab until the focus reaches an element that matches, checking on the way that every
 * link and button reached shows where the focus is.
 */
async function tabTo(page: Page, wanted: (element: Focused) => boolean, limit = 40): Promise<Focused> {
  const passed: string[] = [];
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element.tag === 'a' || element.tag === 'button') {
      expect(element.visible, `focus indicator on ${element.tag} “${element.text}”`).toBe(true);
    }
    if (wanted(element)) return element;
    passed.push(`${element.tag} “${element.text}”`);
  }
  throw new Error(`Tab never reached the element wanted; it passed ${passed.join(', ')}`);
}

/** Tabs to the email field, types the school referrer's details and presses Enter. */
async function signInByKeyboard(page: Page, tabsToEmail: number) {
  await tabTo(page, (element) => element.tag === 'input', tabsToEmail);
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.keyboard.type(demoEmail('school_user'));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Welcome, Priya Shah.')).toBeVisible();
  await expectNoAxeViolations(page);
}

test('a school referrer can sign in, find their children and open a child’s record with the keyboard alone', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page);

  // The first Tab reaches the skip link, which jumps past the header to the form.
  const skip = await tabTo(page, () => true, 1);
  expect(skip).toMatchObject({ tag: 'a', text: 'Skip to main content', visible: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await signInByKeyboard(page, 1);

  const children = await tabTo(page, (element) => element.tag === 'a' && element.text === 'Children');
  expect(children.href).toBe('/children');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Children' })).toBeVisible();
  await expect(page.getByText('Children at your school.')).toBeVisible();
  await expectNoAxeViolations(page);

  const child = await tabTo(page, (element) => element.tag === 'a' && /^\/children\/\d+$/.test(element.href ?? ''));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(child.href!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(child.text);
  await expect(page.getByText('Broadford Primary School').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a school referrer can send a saved referral with the keyboard alone', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page);
  await signInByKeyboard(page, 6);

  const referrals = await tabTo(page, (element) => element.tag === 'a' && element.text === 'Referrals');
  expect(referrals.href).toBe('/referrals');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A draft the demo school saved earlier (not one another journey is filling in right now).
  const draft = await tabTo(
    page,
    (element) =>
      element.tag === 'a' &&
      /^\/referrals\/\d+\/check$/.test(element.href ?? '') &&
      !['Maya Okafor', 'Child not named yet'].includes(element.text),
    80,
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(draft.href!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
  await expectNoAxeViolations(page);

  await tabTo(page, (element) => element.tag === 'button' && element.text === 'Send referral', 120);
  await page.keyboard.press('Enter');
  await expect(page.locator('.govuk-panel')).toContainText('Referral sent');
  await expectNoAxeViolations(page);
});
