import { journeyClock } from './clock.ts';
import type { Page } from '@playwright/test';
import { readHaveringSchools } from '../src/demo/schools.ts';
import { demoLookedAfterAndMobility } from '../src/schools/figures/demo.ts';
import { randomSource } from '../src/demo/people.ts';

import { expect, expectNoAxeViolations, signIn, signOut, test, visit } from './support.ts';

/** Hilldene Primary School: its mobility figure is suppressed ('c') in the file the analyst imports. */
const SUPPRESSED = { urn: 102325, name: 'Hilldene Primary School' };

/** This year's census file, as the analyst would export it from the DfE figures. */
function censusCsv(): string {
  const rng = randomSource(2019);
  const rows = readHaveringSchools()
    .sort((a, b) => Number(a.urn) - Number(b.urn))
    .map((school) => {
      const { looked_after: lac, mobility } = demoLookedAfterAndMobility(
        {
          phase: String(school.phase),
          number_on_roll: Number(school.number_on_roll),
          fsm_count: (school.fsm_count as number | null) ?? null,
        },
        rng,
      );
      const cell = (value: unknown) => (value == null ? 'x' : String(value));
      return [
        school.urn,
        school.number_on_roll,
        cell(school.sen_support_count),
        cell(school.ehcp_count),
        cell(lac),
        school.urn === SUPPRESSED.urn ? 'c' : cell(mobility),
        cell(school.eal_count),
        cell(school.fsm_count),
      ].join(',');
    });
  return ['urn,number_on_roll,sen_support,ehcp,looked_after,mobility,eal,fsm', ...rows].join('\n');
}

/** The plan row's "allocated so far" for a school. */
async function allocatedSoFar(page: Page, school: string): Promise<number> {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: school, exact: true }) });
  return Number(await row.getByRole('cell').nth(6).innerText());
}

test('an analyst imports the census; the team manager sees the table, tries a what-if, approves the plan and allocates a referral; the school’s quota updates (Havering SEMH Team proposal)', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { key: year, label: yearLabel } = journeyClock.schoolYear();

  await signIn(page, 'analyst');
  await expectNoAxeViolations(page);
  await visit(page, '/schools/figures');
  await page.getByRole('textbox', { name: 'Academic year' }).fill(year);
  await page
    .getByLabel('CSV or Excel file')
    .setInputFiles({ name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from(censusCsv()) });
  await page.getByRole('button', { name: 'Import figures' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText(
    `Imported 83 schools for ${yearLabel}; 1 figure was suppressed or missing`,
  );
  await expectNoAxeViolations(page);

  await visit(page, `/allocation/vulnerability?year=${encodeURIComponent(year)}&phase=Primary`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Vulnerability table ${yearLabel}`);
  const hilldene = page.getByRole('row').filter({ has: page.getByRole('link', { name: SUPPRESSED.name }) });
  await expect(hilldene).toContainText('Unknown');
  await signOut(page);

  await signIn(page, 'team_manager');
  await expectNoAxeViolations(page);
  await visit(page, `/allocation/plan?year=${encodeURIComponent(year)}`);
  await page.getByLabel('Capacity (families a year)').fill('220');
  await page.getByRole('button', { name: 'Show the quotas' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`What if: allocation plan ${yearLabel}`);
  await expect(page.getByText(/220 families for individual cases/)).toBeVisible();
  await expect(page.getByRole('cell', { name: /^\+\d+$/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  // The plan is approved, so a change needs a reason: first without one.
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the reason for changing an approved plan');
  await expectNoAxeViolations(page);
  await page.getByLabel('Reason for changing the approved plan').fill('Two more practitioners funded from January.');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText(/Version \d+ of the .* plan saved as a draft/);
  await page.getByRole('button', { name: /^Approve version \d+$/ }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText(/Version \d+ of the .* plan approved/);
  await expect(page.getByText('Capacity 220 families')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Allocation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Allocation queue');
  await expectNoAxeViolations(page);
  const first = page.getByRole('table').getByRole('row').nth(1);
  const school = (await first.getByRole('cell').nth(1).innerText()).trim();
  await visit(page, `/allocation/plan?year=${encodeURIComponent(year)}`);
  const before = await allocatedSoFar(page, school);

  await visit(page, '/allocation/queue');
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Allocate /);
  await expect(page.getByText('Suggested:')).toBeVisible();
  await expectNoAxeViolations(page);
  const child = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Allocate /, '');
  // Without a practitioner: the error names the field and nothing is allocated.
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Select the practitioner');
  await expectNoAxeViolations(page);
  await page.getByLabel('Jamal Reid').check();
  await page.getByLabel('Family practitioner', { exact: true }).check();
  await page.getByLabel(/Reason, if the school has used its quota/).fill('Agreed at the allocation meeting.');
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('allocated to Jamal Reid');
  await expectNoAxeViolations(page);

  await visit(page, `/allocation/plan?year=${encodeURIComponent(year)}`);
  expect(await allocatedSoFar(page, school)).toBe(before + 1);
  await signOut(page);

  await signIn(page, 'practitioner');
  await expectNoAxeViolations(page);
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My caseload');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: child }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(child);
  await expect(page.getByText('Contact and home visit').first()).toBeVisible();
  await expectNoAxeViolations(page);
});
