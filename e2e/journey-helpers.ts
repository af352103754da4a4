/**
 * What the casework journeys share: filling GOV.UK forms and reading what the pages say, and
 * moving through a page by keyboard alone (what has the focus, whether anyone could see where it
 * is, and pressing Tab until the focus reaches what is wanted).
 */
import { journeyClock } from './clock.ts';
import type { Page } from '@playwright/test';
import { londonDate } from '../src/platform/london-time.ts';
import { expect, expectNoAxeViolations, signIn, type Role } from './support.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '5 March 2027' as '2027-03-05'. */
export function isoOf(shown: string): string {
  const [day, month, year] = shown.trim().split(/\s+/);
  return `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** London's time a couple of minutes ago as HH:MM, so a contact today is never in the future. */
export function aMomentAgo(today: string): string {
  const then = new Date(journeyClock.now().getTime() - 120_000);
  if (londonDate(then) !== today) return '00:00';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(then);
}

/** Fills a GOV.UK date input, found by its legend, with an ISO date. */
export async function fillDate(page: Page, legend: string, iso: string) {
  const group = page.getByRole('group', { name: legend, exact: true });
  const [year, month, day] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/** Signs in and axe-checks the home page it lands on. */
export async function signInAs(page: Page, role: Role) {
  await signIn(page, role);
  await expectNoAxeViolations(page);
}

export const banner = (page: Page) => page.locator('.govuk-notification-banner');
export const errorSummary = (page: Page) => page.locator('.govuk-error-summary');

export async function expectBanner(page: Page, text: string | RegExp) {
  await expect(banner(page)).toContainText(text);
  await expectNoAxeViolations(page);
}

/** A summary list row's value. */
export const rowValue = (page: Page, key: string) =>
  page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.getByText(key, { exact: true }) })
    .locator('.govuk-summary-list__value');

export interface Focused {
  tag: string;
  /** The input's type ('text', 'radio', ...); empty for other elements. */
  type: string;
  id: string;
  text: string;
  href: string | null;
  /** The browser treats the focus as keyboard focus, and draws an outline or shadow for it. */
  visible: boolean;
}

/**
 * What has the keyboard focus now. A GOV.UK radio or checkbox hides its own input and shows
 * the focus on its label's box, so for those the label's box is looked at.
 */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body)
      return { tag: 'body', type: '', id: '', text: '', href: null, visible: false };
    const input = element instanceof HTMLInputElement ? element : undefined;
    const choice = input && (input.type === 'radio' || input.type === 'checkbox');
    const label = choice && input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
    const style = label ? getComputedStyle(label, '::before') : getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' &&
      parseFloat(style.outlineWidth) > 0 &&
      !/rgba\(.*, 0\)|transparent/.test(style.outlineColor);
    const shadow = style.boxShadow !== 'none';
    const text = element.getAttribute('aria-label') ?? (label ?? element).textContent ?? '';
    return {
      tag: element.tagName.toLowerCase(),
      type: input?.type ?? '',
      id: element.id,
      text: text.trim().replace(/\s+/g, ' '),
      href: element.getAttribute('href'),
      visible: element.matches(':focus-visible') && (outline || shadow),
    };
  });
}

/** Presses a key and checks the focus landed somewhere anyone can see. */
export async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  const element = await focused(page);
  expect(element.visible, `focus indicator on ${element.tag} “${element.text}” after ${key}`).toBe(true);
  return element;
}

/**
 * Presses Tab (or Shift+Tab) until the focus reaches an element that matches, checking on the
 * way that every link, button and form field reached shows where the focus is.
 */
export async function tabTo(
  page: Page,
  wanted: (element: Focused) => boolean,
  limit = 60,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<Focused> {
  const passed: string[] = [];
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(key);
    const element = await focused(page);
    if (['a', 'button', 'input', 'select', 'textarea'].includes(element.tag)) {
      expect(element.visible, `focus indicator on ${element.tag} “${element.text}”`).toBe(true);
    }
    if (wanted(element)) return element;
    passed.push(`${element.tag} “${element.text}”`);
  }
  throw new Error(`${key} never reached the element wanted; it passed ${passed.join(', ')}`);
}
