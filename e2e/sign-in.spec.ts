import {
  DEMO_STAFF,
  E2E_PASSWORD,
  ROLES,
  ROLE_NAMES,
  demoEmail,
  expect,
  expectNoAxeViolations,
  navigationLinks,
  signIn,
  signOut,
  test,
  visit,
  type Role,
} from './support.ts';

/** The roles that work with individual children (the spec, written out, not read from the code). */
const ROLES_WITH_CHILDREN: Role[] = [
  'school_user',
  'triage_manager',
  'team_manager',
  'practitioner',
  'senior_practitioner',
  'attendance_officer',
];
const ROLES_WITH_REFERRALS: Role[] = ['school_user', 'triage_manager', 'team_manager'];
const ADMIN_ONLY = ['Council', 'Users', 'Settings', 'Term dates', 'Audit log', 'Outbox'];

/** What the service navigation should offer each role, and nothing more. */
const ATTENDANCE_ROLES: readonly Role[] = [
  'attendance_officer',
  'analyst',
  'team_manager',
  'senior_practitioner',
  'triage_manager',
  'school_user',
];
const FUNDING_ROLES: readonly Role[] = ['finance_officer', 'admin', 'analyst', 'school_user'];
const GROUPS_ROLES: readonly Role[] = ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'];

function expectedNavigation(role: Role): string[] {
  return [
    'Home',
    ...(role === 'triage_manager' || role === 'team_manager' ? ['Front door'] : []),
    ...(ROLES_WITH_REFERRALS.includes(role) ? ['Referrals'] : []),
    ...(role === 'team_manager' ? ['Allocation'] : []),
    ...(role === 'practitioner' || role === 'senior_practitioner' || role === 'team_manager' ? ['Cases'] : []),
    ...(ROLES_WITH_CHILDREN.includes(role) ? ['Children'] : []),
    ...(GROUPS_ROLES.includes(role) ? ['Groups'] : []),
    ...(ATTENDANCE_ROLES.includes(role) ? ['Attendance'] : []),
    ...(FUNDING_ROLES.includes(role) ? ['Funding'] : []),
    'Schools',
    ...(role === 'triage_manager' || role === 'team_manager' || role === 'analyst' ? ['Reports'] : []),
    ...(role === 'admin' ? ADMIN_ONLY : []),
  ];
}

const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

test.describe('Signing in and out', () => {
  for (const role of ROLES) {
    test(`${withArticle(ROLE_NAMES[role].toLowerCase())} signs in, is greeted by name, sees only their parts of the navigation and signs out`, async ({
      page,
    }) => {
      await signIn(page, role);

      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inclusion Hub');
      await expect(page.getByText(`Welcome, ${DEMO_STAFF[role]}.`)).toBeVisible();
      await expect(page.getByText(`You are signed in as ${ROLE_NAMES[role]}`)).toBeVisible();
      expect(await navigationLinks(page)).toEqual(expectedNavigation(role));
      await expect(page.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('aria-current', /.+/);
      await expectNoAxeViolations(page);

      await signOut(page);
      await expect(page.getByText('You have signed out of Inclusion Hub.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Menu' })).toHaveCount(0);
    });
  }

  test('a wrong password shows the error summary, which links to the email address field', async ({ page }) => {
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(demoEmail('practitioner'));
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeVisible();
    await expect(page.locator('.govuk-error-summary')).toBeFocused();
    await expect(page).toHaveTitle(/^Error: Sign in/);
    const link = summary.getByRole('link', { name: 'Enter a correct email address and password' });
    await expect(link).toHaveAttribute('href', '#email');
    await expect(page.locator('#email-error')).toContainText('Enter a correct email address and password');
    // The address typed is kept; the password is not.
    await expect(page.getByLabel('Email address')).toHaveValue(demoEmail('practitioner'));
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expectNoAxeViolations(page);

    await link.click();
    await expect(page.getByLabel('Email address')).toBeFocused();
  });

  test('signing in with nothing entered asks for the email address and password', async ({ page }) => {
    await visit(page, '/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email');
    await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    await expectNoAxeViolations(page);
  });

  test('a page that needs signing in sends you to sign in and back again', async ({ page }) => {
    await page.goto('/schools');
    await expect(page.getByRole('heading', { level: 1, name: /Sign in/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Email address').fill(demoEmail('analyst'));
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/schools$/);
    await expectNoAxeViolations(page);
  });
});
