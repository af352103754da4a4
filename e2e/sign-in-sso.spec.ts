/**
 * Signing in the way councils do: with the council account at a real OpenID Connect provider
 * (run here on 127.0.0.1), and with a password and a code from an authenticator app. The journey
 * has a service of its own, configured for single sign-on, so the other journeys keep theirs.
 */
import { journeyClock } from './clock.ts';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, migrateToLatest, type Connection } from '../src/db/connection.ts';
import { loadConfig } from '../src/config.ts';
import { buildServices } from '../src/services.ts';
import { buildApp } from '../src/app.ts';
import { createLogger } from '../src/platform/logger.ts';
import { TOTP, timeStep, totpCode } from '../src/platform/auth/two-factor/totp.ts';
import { PROVIDER_PASSWORD, startTestProvider, type TestProvider } from '../test/support/oidc-provider.ts';
import { expect, expectNoAxeViolations, signOut, test, visit } from './support.ts';

const PRACTITIONER = { name: 'Priya Sandhu', email: 'priya.sandhu@council.example', login: 'psandhu' };
const ADMIN = { name: 'Tom Ellis', email: 'tom.ellis@council.example', password: 'a-long-admin-password-77' };

let connection: Connection;
let provider: TestProvider;
let server: Server;
let base: string;

test.beforeAll(async () => {
  let handler: RequestListener = (_req, res) => res.end();
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUrl = `${base}/sign-in/sso/callback`;
  provider = await startTestProvider([redirectUrl]);
  provider.addAccount({ login: PRACTITIONER.login, sub: 'council-subject-1', email: PRACTITIONER.email });

  connection = await connect({});
  await migrateToLatest(connection.db);
  const config = {
    ...loadConfig({ NODE_ENV: 'test', NOW: process.env.NOW, NOW_SINCE: process.env.NOW_SINCE }),
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUrl },
  };
  const services = buildServices(connection.db, config, createLogger('silent'));
  const system = { userId: null, ip: null };
  await services.users.create(system, {
    name: PRACTITIONER.name,
    email: PRACTITIONER.email,
    roles: ['practitioner'],
    schools: [],
    password: 'not-used-by-this-person-1',
  });
  await services.users.create(system, {
    name: ADMIN.name,
    email: ADMIN.email,
    roles: ['admin'],
    schools: [],
    password: ADMIN.password,
  });
  handler = buildApp(services).app;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await provider?.stop();
  await connection?.close();
});

test('a practitioner signs in with their council account, and an administrator with a password and a code from their app', async ({
  page,
}) => {
  // Single sign-on is offered first.
  await visit(page, `${base}/sign-in`);
  const councilAccount = page.getByRole('button', { name: 'Sign in with your council account' });
  await expect(councilAccount).toHaveClass(/govuk-button(?!--secondary)/);
  await councilAccount.click();

  // The provider's own login page.
  await expect(page.getByRole('heading', { name: 'Sign in to your council account' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Username').fill(PRACTITIONER.login);
  await page.getByLabel('Password').fill(PROVIDER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByText(`Welcome, ${PRACTITIONER.name}.`)).toBeVisible();
  await expect(page.getByText('You are signed in as Practitioner')).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // An answer from the provider that was already used, or never asked for, gets a clear page.
  await visit(page, `${base}/sign-in/sso/callback?code=made-up&state=made-up`, 400);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your sign-in has expired');
  await page.getByRole('link', { name: 'Go back to sign in' }).click();

  // An administrator with a password sets up two-factor authentication before anything else.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Inclusion Hub');
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-factor authentication');
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator('#two-factor-secret').innerText()).replace(/\s/g, '');
  const enrolledAt = timeStep(journeyClock.now());
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, journeyClock.now()));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Save your recovery codes');
  await expect(page.locator('#recovery-codes li')).toHaveCount(10);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(`Welcome, ${ADMIN.name}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // Next time: the password, then the code on a second page.
  await visit(page, `${base}/sign-in`);
  await page.getByLabel('Email address').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const codeBox = page.getByLabel('Enter the code from your authenticator app');
  await expect(codeBox).toBeVisible();
  await expectNoAxeViolations(page);
  await codeBox.fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('The code is not correct or has expired');
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
  // The code the app shows now, or next if the one used to set up is still showing (a code works once).
  const step = Math.max(timeStep(journeyClock.now()), enrolledAt + 1);
  await codeBox.fill(totpCode(secret, new Date(step * TOTP.stepSeconds * 1000)));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(`Welcome, ${ADMIN.name}.`)).toBeVisible();
  await expectNoAxeViolations(page);
});
