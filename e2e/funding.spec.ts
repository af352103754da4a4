// The finance officer's journey for the schools forum (Havering schools forum report 2024-25): a new funding year
// started from the last, its school data set imported, the forum paper read and downloaded, and
// one school's statement; and a school user reading their own statement.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DEMO_SCHOOL, expect, expectNoAxeViolations, test, visit } from './support.ts';

const YEAR = '2029-30';

/** Two maintained primaries and an academy, with units for every factor of the year's services. */
const SCHOOL_DATA = [
  'urn,name,phase,status,nor,fsm,fsm6,eal3,idaci_a,idaci_b,idaci_c,idaci_d,idaci_e,idaci_f,low_attainment,special_places',
  `${DEMO_SCHOOL.urn},${DEMO_SCHOOL.name},Primary,maintained,400,60,80,20,2,3,4,5,6,0,30,0`,
  '102314,Brady Primary School,Primary,maintained,200,20,30,10,0,1,2,3,4,0,10,0',
  '143216,Benhurst Primary School,Primary,academy,300,30,40,15,1,1,1,1,1,0,15,0',
].join('\n');

// Behaviour support at the 2024-25 rates (Havering schools forum report 2024-25), carried into the new year:
// Broadford 400 × £5 + 80 × £2 + 6 × £14.08 + 5 × £22.08 + 4 × £12.05 + 3 × £7.71 + 2 × £10.07 + 30 × £5 = £2,596.35;
// Brady 200 × £5 + 30 × £2 + 4 × £14.08 + 3 × £22.08 + 2 × £12.05 + 1 × £7.71 + 10 × £5 = £1,264.37; the academy is not charged.
const BEHAVIOUR_SUPPORT_TOTAL = 3860.72;

test('a finance officer starts a year from the last, imports its school data set, reads and downloads the forum paper and opens a school’s statement', async ({
  page,
  asRole,
}) => {
  await asRole('finance_officer');
  await visit(page, '/funding');
  await page.getByLabel('Funding year').fill(YEAR);
  await page.getByRole('button', { name: 'Add funding year' }).click();
  await expect(page).toHaveURL(new RegExp(`/funding/${YEAR}$`));
  await expectNoAxeViolations(page);
  await expect(page.getByText('Behaviour support service').first()).toBeVisible();

  await page.getByRole('link', { name: 'School data set' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Import school data set' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'There is a problem' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: Buffer.from(SCHOOL_DATA) });
  await page.getByRole('button', { name: 'Import school data set' }).click();
  await expect(page.getByText(`Imported 3 schools for ${YEAR}: 2 maintained, 1 academy`)).toBeVisible();
  await expectNoAxeViolations(page);

  await visit(page, `/funding/${YEAR}/paper`);
  const behaviour = page.getByRole('table', {
    name: 'Behaviour support service: de-delegated from individual schools, and the forum’s decision',
  });
  await expect(behaviour).toContainText('£3,861');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the paper as an Excel workbook' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const rows = workbook.getWorksheet('Behaviour support service')!.getSheetValues().filter(Boolean) as unknown[][];
  expect(rows.find((row) => row[2] === 'Service total')![5]).toBe(BEHAVIOUR_SUPPORT_TOTAL);

  await page.getByRole('link', { name: 'See one school’s statement' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Benhurst Primary School' }).click();
  await expectNoAxeViolations(page);
  await expect(
    page.getByText('Academies are not de-delegated; this is what the service would cost to buy back'),
  ).toBeVisible();
});

test('a school user reads their own school’s statement for the demo year', async ({ page, asRole }) => {
  await asRole('school_user');
  await visit(page, '/funding');
  await page.getByRole('link', { name: `${DEMO_SCHOOL.name}, 2024-25` }).click();
  await expectNoAxeViolations(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_SCHOOL.name);
  await expect(page.getByRole('table', { name: 'Amount de-delegated for each service' })).toContainText(
    'Behaviour support service',
  );
  expect((await page.goto('/funding/2024-25/schools/102314'))?.status()).toBe(404);
  await expectNoAxeViolations(page);
});
