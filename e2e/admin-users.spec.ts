import type { Page } from '@playwright/test';
import {
  DEMO_SCHOOL,
  expect,
  expectNoAxeViolations,
  navigationLinks,
  signIn,
  signInAs,
  signOut,
  test,
} from './support.ts';

const NEW_USER = {
  name: 'Ada Okafor',
  email: 'ada.okafor@demo.inclusion-hub.test',
  password: 'a-long-first-password-42',
};

/** The error summary's links, as [text, href] pairs. */
async function errorLinks(page: Page): Promise<[string, string | null][]> {
  const links = page.locator('.govuk-error-summary').getByRole('link');
  await expect(links.first()).toBeVisible();
  return Promise.all(
    (await links.all()).map(
      async (link) => [(await link.innerText()).trim(), await link.getAttribute('href')] as [string, string | null],
    ),
  );
}

test('an administrator adds a school referrer, who can then sign in and see only their school’s children', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Add a user' }).click();
  await expect(page).toHaveURL('/admin/users/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a user');
  await expectNoAxeViolations(page);

  // Sent empty: every missing answer is listed, each linking to its field.
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page).toHaveTitle(/^Error: Add a user/);
  expect(await errorLinks(page)).toEqual([
    ['Enter the person’s full name', '#name'],
    ['Enter an email address', '#email'],
    ['Select at least one role', '#roles'],
    ['Enter an initial password', '#password'],
  ]);
  await expectNoAxeViolations(page);

  // A school referrer with no school: the form keeps what was typed and asks for the school.
  await page.getByLabel('Full name').fill(NEW_USER.name);
  await page.getByLabel('Email address').fill(NEW_USER.email);
  await page.getByLabel('School referrer').check();
  await expect(page.getByLabel('School', { exact: true })).toBeVisible();
  await page.getByLabel('Initial password').fill(NEW_USER.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  expect(await errorLinks(page)).toEqual([['Select the school this person works at', '#schools']]);
  await expect(page.getByLabel('Full name')).toHaveValue(NEW_USER.name);
  await expect(page.getByLabel('Email address')).toHaveValue(NEW_USER.email);
  await expect(page.getByLabel('School referrer')).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel('School', { exact: true }).selectOption({ label: DEMO_SCHOOL.name });
  await page.getByLabel('Initial password').fill(NEW_USER.password);
  await page.getByRole('button', { name: 'Add user' }).click();

  await expect(page.locator('.govuk-notification-banner--success')).toContainText('User created');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_USER.name);
  const details = page.locator('.govuk-summary-list');
  await expect(details).toContainText(NEW_USER.email);
  await expect(details).toContainText('School referrer');
  await expect(details).toContainText(DEMO_SCHOOL.name);
  await expectNoAxeViolations(page);

  await signOut(page);
  await signInAs(page, NEW_USER.email, NEW_USER.password);
  await expect(page.getByText(`Welcome, ${NEW_USER.name}.`)).toBeVisible();
  await expect(page.getByText(`for ${DEMO_SCHOOL.name}`)).toBeVisible();
  expect(await navigationLinks(page)).toEqual([
    'Home',
    'Referrals',
    'Children',
    'Groups',
    'Attendance',
    'Funding',
    'Schools',
  ]);
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Children' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Children');
  const schoolColumn = page.getByRole('table').locator('tbody tr td:nth-child(4)');
  await expect(schoolColumn.first()).toBeVisible();
  for (const school of await schoolColumn.allInnerTexts()) expect(school.trim()).toBe(DEMO_SCHOOL.name);
  await expectNoAxeViolations(page);
});
