/**
 * The journeys' clock. The journey server and every browser run on the same fixed clock
 * (src/platform/clock.ts): NOW says the moment it started at, and NOW_SINCE the real moment it
 * showed NOW, both set once in playwright.config.ts, so the journeys run the same on any day.
 */
import { clockFromSettings, parseNow, systemClock } from '../src/platform/clock.ts';

/** A Wednesday in the spring term of the demo's school year, in London time. */
export const E2E_NOW = '2027-03-10T10:00';

/** Sets NOW and NOW_SINCE for the journey server and the browsers, unless already set. */
export function fixJourneyClock(env: NodeJS.ProcessEnv = process.env): void {
  env.NOW ??= E2E_NOW;
  env.NOW_SINCE ??= String(systemClock.now().getTime());
}

fixJourneyClock();

export const journeyClock = clockFromSettings(parseNow(process.env.NOW!), Number(process.env.NOW_SINCE));
