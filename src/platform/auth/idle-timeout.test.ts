import { clockReading } from '../clock.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

// A one-minute idle timeout, with the clock moved on by hand instead of waiting.
let t: TestApp;
let now = Date.now();
beforeAll(async () => {
  t = await createTestApp({ idleTimeoutMinutes: 1 }, { clock: clockReading(() => new Date(now)), marks: false });
});
afterAll(() => t.close());

describe('idle timeout', () => {
  it('keeps a user who is active every 40 seconds signed in over five minutes when the idle timeout is one minute', async () => {
    const agent = await t.signIn('practitioner');
    for (let seconds = 40; seconds <= 5 * 60 + 40; seconds += 40) {
      now += 40_000;
      const page = await agent.get('/');
      expect(page.status, `after ${seconds} seconds`).toBe(200);
    }
  });

  it('keeps them signed in even when each visit comes just under the idle timeout after the last', async () => {
    const agent = await t.signIn('senior_practitioner');
    for (const seconds of [5, 59, 3, 59, 59]) {
      now += seconds * 1000;
      expect((await agent.get('/')).status).toBe(200);
    }
  });

  it('still signs out a user who has been away for longer than the idle timeout', async () => {
    const agent = await t.signIn('analyst');
    now += 40_000;
    expect((await agent.get('/')).status).toBe(200);
    now += 2 * 60_000;
    expect((await agent.get('/')).headers.location).toBe('/signed-out?reason=inactive');
  });
});
