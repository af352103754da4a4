import { journeyClock } from './clock.ts';
import { makeUpn } from '../src/children/rules.ts';
import { mondayOf } from '../src/attendance/measures/repository.ts';
import { DEMO_SCHOOL, expect, expectNoAxeViolations, test, visit } from './support.ts';
import { banner } from './journey-helpers.ts';

/** Last week's marks at the demo school for three new pupils: one at school, one off for half, one away all week. */
function lastWeeksMarks(): Buffer {
  const monday = new Date(`${mondayOf(journeyClock.today())}T12:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - 7);
  const lines = ['upn,urn,date,session,code'];
  const absent = [0, 5, 10];
  for (let pupil = 0; pupil < 3; pupil++) {
    const upn = makeUpn(311, '2009', 24, 900 + pupil);
    for (let day = 0; day < 5; day++) {
      const date = new Date(monday.getTime() + day * 86_400_000).toISOString().slice(0, 10);
      ['AM', 'PM'].forEach((session, half) =>
        lines.push(
          `${upn},${DEMO_SCHOOL.urn},${date},${session},${day * 2 + half < absent[pupil]! ? 'N' : session === 'AM' ? '/' : '\\'}`,
        ),
      );
    }
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

test('an attendance officer imports marks, watches the import finish, reads the dashboard and records a lead professional for a chronically absent pupil', async ({
  page,
  asRole,
}) => {
  await asRole('attendance_officer');
  await visit(page, '/attendance/imports');
  await page
    .getByLabel('CSV file of session marks')
    .setInputFiles({ name: 'last-week.csv', mimeType: 'text/csv', buffer: lastWeeksMarks() });
  await page.getByRole('button', { name: 'Import marks' }).click();
  await expect(page).toHaveURL(/\/attendance\/imports\/\d+$/);
  // The page follows the import by itself and reloads with the outcome when it has finished (so it
  // is checked with axe then, not while it may reload under the check).
  await expect(page.getByText('Imported', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.govuk-summary-list__row', { hasText: 'Marks imported' })).toContainText('30');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'See the attendance dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attendance');
  await expectNoAxeViolations(page);
  await expect(page.getByRole('table', { name: 'Measures by phase, against the targets' })).toContainText(
    'Baseline 4.1% (2018/19), target 3.5% (2023/24)',
  );
  await expect(page.getByRole('row', { name: new RegExp(DEMO_SCHOOL.name) })).toBeVisible();

  await page.getByRole('link', { name: 'Chronically absent pupils and their lead professionals' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chronic absence');
  await expectNoAxeViolations(page);
  const coverage = page.locator('.govuk-inset-text p').first();
  const before = Number(/^(\d+) of/.exec((await coverage.innerText()).replace(/,/g, ''))![1]);
  await page
    .getByRole('link', { name: /^Record a lead professional for / })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record a lead professional and plan');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'There is a problem' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Lead professional’s name').fill('Ms Amira Patel');
  await page.getByLabel('Their role and organisation').fill('Attendance lead at the school');
  await page.getByLabel('Yes').check();
  await page
    .getByLabel('What the plan is')
    .fill('Daily check-in, a phased return over four weeks, reviewed fortnightly.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(banner(page)).toContainText('The lead professional and plan have been recorded.');
  await expectNoAxeViolations(page);
  await expect(coverage).toContainText(`${before + 1} of`);
});

test('a school user starts a referral from their chronic absence list with the pupil’s details filled in', async ({
  page,
  asRole,
}) => {
  await asRole('school_user');
  await visit(page, '/attendance/chronic');
  const first = page.getByRole('button', { name: /^Start a referral for / }).first();
  const who = (await first.getAttribute('aria-label'))!.replace('Start a referral for ', '');
  await first.click();
  await expect(page).toHaveURL(/\/referrals\/\d+\/child$/);
  await expectNoAxeViolations(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About the child');
  const upn = page.getByLabel(/Unique pupil number/);
  if (/^[A-Z]\d{11}[0-9A-Z]$/.test(who)) await expect(upn).toHaveValue(who);
  else await expect(page.getByLabel('First name')).toHaveValue(who.split(' ')[0]!);
});

test('an attendance officer looks at one school for the half term; dates that are not real are named and kept', async ({
  page,
  asRole,
}) => {
  await asRole('attendance_officer');
  await visit(page, '/attendance');
  await page.getByRole('radio', { name: 'Dates you choose' }).check();
  const start = page.getByRole('group', { name: 'Start date' });
  await start.getByLabel('Day').fill('31');
  await start.getByLabel('Month').fill('2');
  await start.getByLabel('Year').fill('2026');
  await page.getByLabel('School', { exact: true }).selectOption({ label: DEMO_SCHOOL.name });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('link', { name: 'Start date must be a real date' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(start.getByLabel('Day')).toHaveValue('31');
  await page.getByRole('radio', { name: 'This half term' }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.govuk-caption-l')).toHaveText(DEMO_SCHOOL.name);
  await expect(page.getByRole('table', { name: 'Overall absence by week' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'See all schools' }).click();
  await expect(page.locator('.govuk-caption-l')).toHaveText('All schools');
  await expectNoAxeViolations(page);
});
