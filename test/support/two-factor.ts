import { expect } from 'vitest';
import { totpCode } from '../../src/platform/auth/two-factor/totp.ts';
import type { Agent } from './app.ts';
import { csrfFrom } from './csrf.ts';
import type { TestClock } from './clock.ts';

/** The key the set-up page shows for people who cannot scan the QR code. */
export function secretOnPage(html: string): string {
  const match = /id="two-factor-secret">([A-Z2-7 ]+)</.exec(html);
  if (!match) throw new Error('No two-factor key on the page');
  return match[1].replace(/ /g, '');
}

/** The recovery codes shown once after set-up. */
export function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/<li><code>([A-Z2-7]{5}-[A-Z2-7]{5})<\/code><\/li>/g)].map((match) => match[1]);
}

/** Sets up two-factor as a person would: reads the key from the set-up page and types the app's code. */
export async function setUpTwoFactor(
  agent: Agent,
  clock: TestClock,
): Promise<{ secret: string; recoveryCodes: string[]; continueTo: string }> {
  const page = await agent.get('/sign-in/two-factor/set-up');
  expect(page.status, 'the two-factor set-up page').toBe(200);
  const secret = secretOnPage(page.text);
  const done = await agent
    .post('/sign-in/two-factor/set-up')
    .type('form')
    .send({ code: totpCode(secret, clock.now()), _csrf: csrfFrom(page.text) });
  expect(done.status, 'two-factor set up').toBe(200);
  const continueTo = /href="([^"]+)"[^>]*>\s*Continue/.exec(done.text)?.[1] ?? '/';
  return { secret, recoveryCodes: recoveryCodesOnPage(done.text), continueTo };
}

/**
 * Types the app's code on the second sign-in page. The clock first moves on to the next
 * 30-second step, as a person's next sign-in would be later: a code is never accepted twice.
 */
export async function enterTwoFactorCode(agent: Agent, secret: string, clock: TestClock, code?: string) {
  clock.advance(30_000);
  const page = await agent.get('/sign-in/two-factor');
  return agent
    .post('/sign-in/two-factor')
    .type('form')
    .send({ code: code ?? totpCode(secret, clock.now()), _csrf: csrfFrom(page.text) });
}
