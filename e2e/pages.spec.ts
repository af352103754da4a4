import type { Page } from '@playwright/test';
import { DEMO_SCHOOL, expect, expectNoAxeViolations, signIn, test, visit, type Role } from './support.ts';
import { journeyClock } from './clock.ts';
import { schoolYearStarting } from '../src/platform/school-year.ts';

/** The school year after the journeys' fixed day's. */
const nextYear = schoolYearStarting(journeyClock.schoolYear().start + 1);

/** The last Friday before the journeys' fixed day (e2e/clock.ts), a panel day, and its heading. */
const lastFriday = (() => {
  const day = new Date(`${journeyClock.today()}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() !== 5);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(day);
  const heading = `${part({ weekday: 'long' })} ${part({ day: 'numeric', month: 'long', year: 'numeric' })}`;
  return { date: day.toISOString().slice(0, 10), heading };
})();

interface PageCase {
  path: string;
  heading: string | RegExp;
  status?: number;
}

const PUBLIC_PAGES: PageCase[] = [
  { path: '/sign-in', heading: 'Sign in to Inclusion Hub' },
  { path: '/accessibility', heading: /Accessibility statement/ },
  { path: '/privacy', heading: /Privacy notice/ },
  { path: '/cookies', heading: 'Cookies' },
  { path: '/about-the-data', heading: 'About the data' },
  { path: '/signed-out', heading: 'You have been signed out' },
  { path: '/signed-out?reason=inactive', heading: 'You have been signed out' },
  { path: '/no-such-page', heading: 'Page not found', status: 404 },
];

/** Pages behind sign-in, with the role that uses them. */
const SIGNED_IN_PAGES: (PageCase & { role: Role })[] = [
  { role: 'analyst', path: '/schools', heading: 'Schools' },
  { role: 'analyst', path: '/schools?phase=Secondary', heading: 'Schools' },
  { role: 'analyst', path: `/schools/${DEMO_SCHOOL.urn}`, heading: DEMO_SCHOOL.name },
  { role: 'analyst', path: '/schools/figures', heading: 'School census figures' },
  { role: 'school_user', path: '/children', heading: 'Children' },
  { role: 'practitioner', path: '/children', heading: 'Children' },
  { role: 'practitioner', path: '/children?search=zzzz-nobody', heading: 'Children' },
  { role: 'practitioner', path: '/children/999999', heading: 'Page not found', status: 404 },
  { role: 'analyst', path: '/children', heading: 'You do not have permission to see this page', status: 403 },
  { role: 'admin', path: '/admin/audit', heading: /audit/i },
  { role: 'admin', path: '/admin/users', heading: 'Users' },
  { role: 'admin', path: '/admin/settings', heading: /settings/i },
  { role: 'admin', path: '/admin/term-dates', heading: /term dates/i },
  { role: 'admin', path: '/admin/outbox', heading: /outbox/i },
  { role: 'admin', path: '/admin/known-episodes', heading: /known/i },
  { role: 'school_user', path: '/referrals', heading: 'Referrals' },
  { role: 'school_user', path: '/referrals/new', heading: 'Ask for help for a child and family' },
  { role: 'triage_manager', path: '/triage', heading: 'Front door queue' },
  { role: 'team_manager', path: '/allocation/vulnerability', heading: /^Vulnerability table \d{4} to \d{4}$/ },
  { role: 'team_manager', path: '/allocation/vulnerability?phase=Secondary', heading: /^Vulnerability table/ },
  { role: 'analyst', path: '/allocation/vulnerability/method', heading: 'How the vulnerability score works' },
  {
    role: 'analyst',
    path: '/allocation/vulnerability/method/edit',
    heading: /^Change the vulnerability method for \d{4} to \d{4}$/,
  },
  { role: 'team_manager', path: '/allocation/published', heading: /^Schools’ vulnerability ranks \d{4} to \d{4}$/ },
  { role: 'school_user', path: '/allocation/published', heading: 'Page not found', status: 404 },
  { role: 'team_manager', path: '/allocation/plan', heading: /^Allocation plan \d{4} to \d{4}$/ },
  {
    role: 'team_manager',
    path: '/allocation/plan/what-if?capacity=200&coreOffer=1&groupShare=0&scope=maintained-primary&smallGroupsBy=topPercent&smallGroups=10',
    heading: /^What if: allocation plan/,
  },
  { role: 'team_manager', path: '/allocation/queue', heading: 'Allocation queue' },
  { role: 'team_manager', path: '/allocation/team', heading: 'Practitioners and caseloads' },
  { role: 'senior_practitioner', path: '/allocation/team', heading: 'Practitioners and caseloads' },
  { role: 'team_manager', path: '/cases', heading: 'Team caseload' },
  { role: 'practitioner', path: '/cases', heading: 'My caseload' },
  { role: 'triage_manager', path: '/triage?flag=possible-match', heading: 'Front door queue' },
  { role: 'triage_manager', path: '/triage/panels', heading: 'Triage panels' },
  { role: 'triage_manager', path: `/triage/panels/${lastFriday.date}`, heading: lastFriday.heading },
  { role: 'triage_manager', path: `/triage/panels/${lastFriday.date}?print=1`, heading: lastFriday.heading },
  { role: 'triage_manager', path: '/referrals', heading: 'Referrals' },
  { role: 'analyst', path: '/reports/front-door', heading: 'Front door report' },
  { role: 'team_manager', path: '/reports/casework', heading: 'Casework report' },
  { role: 'team_manager', path: '/cases/supporting-families', heading: 'Supporting Families' },
  { role: 'attendance_officer', path: '/attendance', heading: 'Attendance' },
  { role: 'attendance_officer', path: '/attendance?period=term', heading: 'Attendance' },
  { role: 'school_user', path: '/attendance', heading: 'Attendance' },
  { role: 'attendance_officer', path: '/attendance?period=half-term&urn=102317', heading: 'Attendance' },
  {
    role: 'attendance_officer',
    path: '/attendance?period=dates&from-day=31&from-month=2&from-year=2026',
    heading: 'Attendance',
    status: 400,
  },
  { role: 'attendance_officer', path: '/attendance/imports', heading: 'Import attendance marks' },
  { role: 'analyst', path: '/attendance/groups?period=term', heading: 'Attendance by pupil group' },
  { role: 'attendance_officer', path: '/attendance/chronic', heading: 'Chronic absence' },
  { role: 'attendance_officer', path: '/attendance/roll', heading: 'Pupil roll' },
  { role: 'attendance_officer', path: '/attendance/suspensions', heading: 'Suspensions and permanent exclusions' },
  {
    role: 'attendance_officer',
    path: '/attendance/suspensions/new',
    heading: 'Record a suspension or permanent exclusion',
  },
  { role: 'attendance_officer', path: '/attendance/reduced-timetables', heading: 'Reduced timetables' },
  { role: 'attendance_officer', path: '/attendance/reduced-timetables/new', heading: 'Record a reduced timetable' },
  { role: 'analyst', path: '/attendance/comparators', heading: 'Attendance comparators' },
  { role: 'analyst', path: '/attendance/chronic', heading: 'You do not have permission to see this page', status: 403 },
  { role: 'senior_practitioner', path: '/groups', heading: /^Groups \d{4} to \d{4}$/ },
  { role: 'school_user', path: '/groups', heading: /^Groups \d{4} to \d{4}$/ },
  { role: 'senior_practitioner', path: '/groups/clusters', heading: /^Clusters of schools \d{4} to \d{4}$/ },
  {
    role: 'senior_practitioner',
    path: `/groups/clusters/new?year=${nextYear.key}`,
    heading: `Create a cluster for ${nextYear.label}`,
  },
  { role: 'senior_practitioner', path: '/groups/rotation', heading: /^Rotation of clusters \d{4} to \d{4}$/ },
  { role: 'senior_practitioner', path: '/groups/programmes/new', heading: 'Create a group programme' },
  { role: 'senior_practitioner', path: '/groups/programmes/new?kind=parent-group', heading: 'Create a parent group' },
  { role: 'senior_practitioner', path: '/groups/programmes/new?kind=small-group', heading: 'Create a small group' },
  { role: 'team_manager', path: '/groups/report', heading: 'Groups report' },
  { role: 'analyst', path: `/groups/report?year=${nextYear.key}`, heading: 'Groups report' },
  {
    role: 'school_user',
    path: '/groups/clusters/new',
    heading: 'You do not have permission to see this page',
    status: 403,
  },
  { role: 'finance_officer', path: '/funding', heading: 'Funding' },
  { role: 'finance_officer', path: '/funding/factors', heading: 'Formula factors' },
  { role: 'school_user', path: '/funding', heading: 'Funding' },
  { role: 'analyst', path: '/funding/2024-25', heading: 'De-delegated funding 2024-25' },
  {
    role: 'finance_officer',
    path: '/funding/2024-25/paper',
    heading: 'De-delegation of funding for central services 2024-25',
  },
  { role: 'analyst', path: '/funding/2024-25/check', heading: 'Check the printed figures for 2024-25' },
  { role: 'finance_officer', path: '/funding/2024-25/schools-data', heading: 'School data set 2024-25' },
  { role: 'finance_officer', path: '/funding/2024-25/schools', heading: 'School statements' },
  { role: 'finance_officer', path: '/funding/2024-25/what-if', heading: 'What if' },
  { role: 'finance_officer', path: '/funding/2024-25/services/new', heading: 'Add a service to 2024-25' },
  {
    role: 'finance_officer',
    path: '/funding/2024-25/contingency',
    heading: 'Contingency fund for schools in financial difficulty, 2024-25',
  },
  {
    role: 'finance_officer',
    path: '/funding/2024-25/contingency/fund',
    heading: 'Size of the contingency fund for 2024-25',
  },
  {
    role: 'school_user',
    path: '/funding/2024-25/contingency/apply',
    heading: 'Apply to the contingency fund for 2024-25',
  },
  {
    role: 'school_user',
    path: '/funding/2024-25/paper',
    heading: 'You do not have permission to see this page',
    status: 403,
  },
];

async function expectPage(page: Page, { path, heading, status = 200 }: PageCase) {
  await visit(page, path, status);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page).toHaveTitle(/ – Inclusion Hub$/);
}

test.describe('Public pages have no accessibility failures', () => {
  for (const pageCase of PUBLIC_PAGES) {
    test(`${pageCase.path} (${pageCase.status ?? 200})`, async ({ page }) => {
      await expectPage(page, pageCase);
    });
  }
});

test.describe('Signed-in pages have no accessibility failures', () => {
  for (const pageCase of SIGNED_IN_PAGES) {
    test(`${pageCase.path} as ${pageCase.role} (${pageCase.status ?? 200})`, async ({ page, asRole }) => {
      await asRole(pageCase.role);
      await expectPage(page, pageCase);
    });
  }

  /** Opens the first record listed in a table and checks it is the one whose name was shown. */
  const RECORD_PAGES: { title: string; role: Role; list: string; url: RegExp }[] = [
    {
      title: 'a child’s record, opened from the list of children',
      role: 'practitioner',
      list: '/children',
      url: /\/children\/\d+$/,
    },
    {
      title: 'a referral at triage, opened from the front door queue',
      role: 'triage_manager',
      list: '/triage',
      url: /\/triage\/\d+$/,
    },
    {
      title: 'a case, opened from the practitioner’s caseload',
      role: 'practitioner',
      list: '/cases',
      url: /\/cases\/\d+$/,
    },
  ];
  for (const record of RECORD_PAGES) {
    test(record.title, async ({ page, asRole }) => {
      await asRole(record.role);
      await visit(page, record.list);
      const first = page.getByRole('table').getByRole('link').first();
      const name = (await first.innerText()).trim();
      await first.click();
      await expect(page).toHaveURL(record.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expectNoAxeViolations(page);
    });
  }

  test('every section of a case, opened from the team caseload', async ({ page, asRole }) => {
    await asRole('team_manager');
    await visit(page, '/cases');
    await page.getByRole('table').getByRole('link').first().click();
    await expectNoAxeViolations(page);
    const sections = page.getByRole('navigation', { name: 'Sections of the case' }).getByRole('link');
    const names = (await sections.allInnerTexts()).map((name) => name.trim());
    expect(names).toEqual([
      'Summary',
      'Contacts',
      'Professionals',
      'Assessment',
      'Plan',
      'Meetings',
      'Measures',
      'Supporting Families',
      'Documents',
      'Extension and closure',
    ]);
    for (const name of names.slice(1)) {
      await page
        .getByRole('navigation', { name: 'Sections of the case' })
        .getByRole('link', { name, exact: true })
        .click();
      await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
      await expectNoAxeViolations(page);
    }
  });

  test('every page of a group programme, opened from the groups overview', async ({ page, asRole }) => {
    await asRole('senior_practitioner');
    await visit(page, '/groups');
    await page.getByRole('link', { name: /Triple P Group/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Triple P Group/);
    await expectNoAxeViolations(page);
    for (const name of ['Attendance and completion', 'Scores before and after']) {
      await page.getByRole('link', { name }).first().click();
      await expectNoAxeViolations(page);
      await page.goBack();
    }
    await page.getByRole('link', { name: /^Register for session 1$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Register: Triple P Group/);
    await expectNoAxeViolations(page);
    await page.goBack();
    await page.getByRole('link', { name: /^Change date of session 2$/ }).click();
    await expectNoAxeViolations(page);
    await visit(page, '/groups/clusters');
    await page.getByRole('link', { name: 'Harold Hill and Harold Wood' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harold Hill and Harold Wood');
    await expectNoAxeViolations(page);
  });

  test('a form sent after the session has gone shows the form-expired page', async ({ page }) => {
    await signIn(page, 'analyst');
    await expectNoAxeViolations(page);
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your form could not be sent');
    await expectNoAxeViolations(page);
  });
});
