/**
 * A council stands up its own service: from an empty database to its first referral, following
 * docs/operating.md. The journey has a live instance of its own (DEMO=off), so the demo journeys
 * keep theirs; its first administrator comes from the command line, as a council's would.
 */
import { journeyClock } from './clock.ts';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { loadConfig } from '../src/config.ts';
import { startService, type Running } from '../src/start.ts';
import { totpCode } from '../src/platform/auth/two-factor/totp.ts';
import { FIXTURE_PATH } from '../test/support/gias-fixture.ts';
import { expect, expectNoAxeViolations, signOut, test, visit } from './support.ts';

const ADMIN = { name: 'Morgan Reid', email: 'morgan.reid@westsussex.example', password: 'heron lantern orchard 42' };
const SENCO = { name: 'Dana Fox', email: 'dana.fox@northgate.example', password: 'copper meadow violin 17' };
const SCHOOL = 'Northgate Community Primary School';

let dataDir: string;
let running: Running;
let base: string;
let link: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'inclusion-hub-live-'));
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = {
    DATA_DIR: join(dataDir, 'pglite'),
    UPLOAD_DIR: join(dataDir, 'uploads'),
    SERVICE_URL: base,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    // The journeys' fixed clock (e2e/clock.ts), which the browser's two-factor codes follow.
    NOW: process.env.NOW,
    NOW_SINCE: process.env.NOW_SINCE,
  };
  // The first administrator, made while the service is stopped, as docs/operating.md says.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['src/platform/users/cli.ts', 'create', '--email', ADMIN.email, '--name', ADMIN.name],
    {
      env: { ...process.env, ...env, DATABASE_URL: '' },
    },
  );
  link = stdout.trim().split('\n').at(-1)!;
  expect(link).toMatch(new RegExp(`^${base}/set-password/[\\w-]{43}$`));
  running = await startService(loadConfig({ NODE_ENV: 'test', DEMO: 'off', ...env }));
});

test.afterAll(async () => {
  await running?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function signInWithPassword(page: Page, email: string, password: string) {
  await visit(page, `${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Pages that keep working in the background are refreshed until they say they have finished. */
async function waitForText(page: Page, text: string) {
  for (let attempt = 0; attempt < 30 && !(await page.getByText(text).isVisible()); attempt++) {
    await page.waitForTimeout(1000);
    // The page may be refreshing itself at that moment (its progress refreshes): the next look decides.
    await page.reload().catch(() => undefined);
  }
  await expect(page.getByText(text)).toBeVisible();
}

test('a council goes from an empty database to its first referral without seeing demo data', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The one-time link from the command line: the rules come before the boxes.
  await visit(page, link);
  await expect(page.getByText('Your password must')).toBeVisible();
  await expect(page.locator('.govuk-phase-banner')).not.toContainText('Demo');
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Your password has been set.')).toBeVisible();
  await expectNoAxeViolations(page);
  // Used once, the link no longer works.
  await visit(page, link, 410);

  // An administrator sets up two-factor authentication at the first sign-in.
  await signInWithPassword(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-factor authentication');
  await expectNoAxeViolations(page);
  const secret = (await page.locator('#two-factor-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, journeyClock.now()));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Save your recovery codes');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();

  // The home page says what is left to do before referrals open.
  await expect(page.getByText(`Welcome, ${ADMIN.name}.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Before referrals can open' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator('.govuk-task-list').getByRole('link', { name: 'Council details' }).click();

  // The council's own words: a mistake is named, and nothing typed is lost.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Council details');
  await expectNoAxeViolations(page);
  const words: [string, string][] = [
    ['Name of the council', 'West Sussex County Council'],
    ['Name of the team that runs the service', 'West Sussex inclusion service'],
    ['Front door phone number', '01632 960 100'],
    ['Front door email address', 'front.door@westsussex.example'],
    ['Out-of-hours emergency duty number', '01632 960 999'],
    ['Multi-Agency Safeguarding Hub (MASH) phone number', '01632 960 123'],
    ['Data protection officer’s email address', 'dpo@westsussex.example'],
    ['Privacy notice: who we are', 'West Sussex County Council runs the service through its inclusion service.'],
    ['Privacy notice: who else we share information with', 'The West Sussex Safeguarding Children Partnership.'],
    ['Privacy notice: how long we keep information', 'Early help records are kept until the child is 25.'],
    ['Feedback email address', 'not an email address'],
    ['Owner shown in the footer', 'West Sussex County Council'],
  ];
  for (const [label, value] of words) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel('Local authority area').selectOption({ label: 'West Sussex (938)' });
  await page.getByRole('button', { name: 'Save council details' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Enter the feedback email address in the correct format',
  );
  await expect(page.getByLabel('Name of the council', { exact: true })).toHaveValue('West Sussex County Council');
  await expectNoAxeViolations(page);
  await page.getByLabel('Feedback email address').fill('feedback@westsussex.example');
  await page.getByRole('button', { name: 'Save council details' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Council details saved');
  await expect(page.locator('.govuk-footer')).toContainText('© West Sussex County Council');
  await expectNoAxeViolations(page);

  // The authority's schools from the GIAS file, as downloaded.
  await page.locator('.govuk-task-list').getByRole('link', { name: 'Schools' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Import schools');
  await expectNoAxeViolations(page);
  await page.getByLabel('GIAS all establishment data (CSV file)').setInputFiles(FIXTURE_PATH);
  await page.getByRole('button', { name: 'Import schools' }).click();
  await waitForText(page, 'New schools imported');
  await expect(page.locator('.govuk-summary-list').first()).toContainText('9');
  await expectNoAxeViolations(page);
  await visit(page, `${base}/admin/schools`);
  await expect(page.getByText('Oak, Ash and Elm Federated Infant School')).toBeVisible();
  await expect(page.getByText('Greyfriars Preparatory School')).toHaveCount(0);

  // The school's SENCo.
  await visit(page, `${base}/admin/users/new`);
  await page.getByLabel('Full name').fill(SENCO.name);
  await page.getByLabel('Email address').fill(SENCO.email);
  await page.getByLabel('School referrer').check();
  await page.getByLabel('School', { exact: true }).selectOption({ label: SCHOOL });
  await page.getByLabel('Initial password').fill(SENCO.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('User created');
  await expectNoAxeViolations(page);
  // Until this year's term dates are in, the SENCo is told referrals are not open yet.
  const sencoContext = await browser.newContext();
  const sencoPage = await sencoContext.newPage();
  await signInWithPassword(sencoPage, SENCO.email, SENCO.password);
  await expect(sencoPage.getByText(`Welcome, ${SENCO.name}.`)).toBeVisible();
  const closed = await sencoPage.goto(`${base}/referrals/new`);
  expect(closed?.status()).toBe(503);
  await expect(sencoPage.getByRole('heading', { level: 1 })).toHaveText(
    'You cannot ask for help through this service yet',
  );
  await expectNoAxeViolations(sencoPage);
  await sencoContext.close();

  // This school year's term dates from a CSV file.
  const today = journeyClock.now();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const terms = join(dataDir, 'terms.csv');
  await writeFile(
    terms,
    `term name,start date,end date\nThis term,${day(-40)},${day(40)}\nNext term,${day(55)},${day(120)}\n`,
  );
  await visit(page, `${base}/admin/term-dates/import`);
  await page.getByLabel('CSV file of term dates').setInputFiles(terms);
  await page.getByRole('button', { name: 'Import term dates' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Next term' })).toBeVisible();
  await expectNoAxeViolations(page);

  await visit(page, `${base}/admin/council`);
  await expect(page.getByText('Referrals are open')).toBeVisible();
  await signOut(page);

  // The SENCo asks for help for a child, with the council's MASH number in front of them.
  await signInWithPassword(page, SENCO.email, SENCO.password);
  await expect(page.getByText(`Welcome, ${SENCO.name}.`)).toBeVisible();
  await expect(page.getByText(`for ${SCHOOL}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Ask for help for a child' }).click();
  await expect(page.getByText('Call the Multi-Agency Safeguarding Hub (MASH) now on 01632 960 123.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/Havering|Broadford|Demo —/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About the child');
  await expectNoAxeViolations(page);
});
