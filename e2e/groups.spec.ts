// The groups journey (Havering SEMH Team proposal: one cluster a half term): the senior practitioner sets up next year's clusters and
// generates their rotation; then, this year, creates a parent group with a session today, a
// school nominates a parent, the place is confirmed, the register is taken and the report shows
// the completion.
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../src/platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../src/platform/calendar/sample-term-dates.ts';
import { createCalendar, isWorkingDay, termContaining } from '../src/platform/calendar/calendar.ts';
import { schoolYearStarting } from '../src/platform/school-year.ts';
import { journeyClock } from './clock.ts';
import {
  DEMO_SCHOOL,
  E2E_PASSWORD,
  demoEmail,
  expect,
  expectNoAxeViolations,
  signInAs,
  test,
  visit,
} from './support.ts';

// The journeys run on a fixed clock (e2e/clock.ts): a school day in the spring term.
const today = journeyClock.today();
const thisYear = journeyClock.schoolYear().key;
const nextYear = schoolYearStarting(journeyClock.schoolYear().start + 1);
const NEXT_YEAR = nextYear.key;
const PARENT = 'Morgan Journeytest';

const calendar = createCalendar(
  BANK_HOLIDAYS_ENGLAND_AND_WALES.map((holiday) => holiday.date),
  SAMPLE_TERM_DATES,
);
const halfTerm = termContaining(today, calendar);
const schoolDay = Boolean(halfTerm) && isWorkingDay(today, calendar);
const [year, month, day] = today.split('-').map(Number);

test('a senior practitioner groups schools into clusters and generates the rotation (Havering SEMH Team proposal: one cluster per half term)', async ({
  page,
  asRole,
}) => {
  await asRole('senior_practitioner');
  for (const [name, school] of [
    ['Harold Hill', DEMO_SCHOOL.name],
    ['Rainham', 'Rainham Village Primary School'],
  ]) {
    await visit(page, `/groups/clusters?year=${NEXT_YEAR}`);
    await page.getByRole('button', { name: 'Create a cluster' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Cluster name').fill(name);
    await page.getByLabel(school, { exact: true }).check();
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await expect(page.getByText('Cluster created with 1 school')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expectNoAxeViolations(page);
  }

  await visit(page, `/groups/rotation?year=${NEXT_YEAR}`);
  await page.getByRole('button', { name: 'Move Rainham up', exact: true }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Generate rotation' }).click();
  await expect(page.getByText(`Rotation for ${nextYear.label} saved: 6 half terms`)).toBeVisible();
  await expectNoAxeViolations(page);
  const rows = page.getByRole('table').first().getByRole('row');
  await expect(rows.nth(1)).toContainText(`Autumn 1 ${nextYear.start}`);
  await expect(rows.nth(1)).toContainText('Rainham');
  await expect(rows.nth(2)).toContainText('Harold Hill');
});

test('a parent group from creation to completion: nominate, confirm, register, report', async ({
  page,
  asRole,
  browser,
}) => {
  // The journey takes a register on the day of a session, so the fixed clock is on a school day.
  expect(schoolDay, `${today} is a school day in term time`).toBe(true);
  await asRole('senior_practitioner');
  await visit(page, `/groups/programmes/new?kind=parent-group&year=${thisYear}`);
  await page.getByLabel('Name of the programme').fill('Journey parenting group');
  await page.getByLabel('Half term').selectOption(halfTerm!.name);
  await page.getByLabel('Venue').fill('Broadford Primary School, hall');
  await page.getByLabel('Claire Dunn').check();
  await page.getByLabel('Day').fill(String(day));
  await page.getByLabel('Month').fill(String(month));
  await page.getByLabel('Year', { exact: true }).fill(String(year));
  await page.getByLabel('Number of weekly sessions').fill('1');
  await page.getByLabel('Number of places').fill('8');
  await page.getByRole('button', { name: 'Create programme' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journey parenting group');
  await expectNoAxeViolations(page);
  const programmeUrl = page.url();

  const school = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const schoolPage = await school.newPage();
  try {
    await signInAs(schoolPage, demoEmail('school_user'), E2E_PASSWORD);
    await schoolPage.goto(programmeUrl);
    await expectNoAxeViolations(schoolPage);
    await schoolPage.getByRole('button', { name: 'Nominate a parent' }).click();
    await expectNoAxeViolations(schoolPage);
    await schoolPage.getByRole('button', { name: 'Nominate' }).click();
    await expect(schoolPage.getByRole('heading', { level: 2, name: 'There is a problem' })).toBeVisible();
    await expectNoAxeViolations(schoolPage);
    await schoolPage.getByLabel('Parent’s name').fill(PARENT);
    await schoolPage.getByLabel('Phone number or email address').fill('07700 900123');
    await schoolPage.getByLabel('Child’s name').fill('Riley Journeytest');
    await schoolPage
      .getByRole('group', { name: /agreed to share their contact details/ })
      .getByLabel('Yes')
      .check();
    await schoolPage.getByRole('button', { name: 'Nominate' }).click();
    await expect(schoolPage.getByText(PARENT).first()).toBeVisible();
    await expectNoAxeViolations(schoolPage);
  } finally {
    await school.close();
  }

  await page.reload();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: `Confirm the place for ${PARENT}` }).click();
  await expect(page.getByRole('heading', { name: 'Confirmed (1 of 8)' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Register for session 1' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save the register' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'There is a problem' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`Select whether ${PARENT} attended`) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('group', { name: PARENT }).getByLabel('Attended', { exact: true }).check();
  await page.getByRole('button', { name: 'Save the register' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Attendance: Journey parenting group/);
  await expect(page.getByRole('row', { name: new RegExp(PARENT) })).toContainText('Completed');
  await expectNoAxeViolations(page);

  await visit(page, `/groups/report?year=${thisYear}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Places and completion' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(halfTerm!.name) }).first()).toBeVisible();
});
