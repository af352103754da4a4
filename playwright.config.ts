import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './e2e/constants.ts';
// Fixes the journeys' clock (NOW, NOW_SINCE) before the server and the browsers start.
import './e2e/clock.ts';

const baseURL = `http://localhost:${E2E_PORT}`;

/**
 * Browser journeys against the real service on a fresh embedded database, in Debian's Chromium.
 * No browser is downloaded: Playwright drives /usr/bin/chromium.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Empties the list of page templates axe has checked (e2e/support.ts).
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    baseURL,
    // A trace only when a test is run again after failing (retries), not for every test.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `"${process.execPath}" e2e/start-server.ts`,
    url: `${baseURL}/health`,
    reuseExistingServer: false,
    // SIGTERM lets the server close the database and remove its temporary folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    // The first start seeds the demo borough, a school year of attendance marks included.
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
