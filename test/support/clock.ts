import { clockReading, systemClock, type Clock } from '../../src/platform/clock.ts';

/** A clock a test can move on: the services read the time from it (see buildServices). */
export interface TestClock extends Clock {
  advance(milliseconds: number): void;
}

/** A clock standing at `start` (the real time by default) until the test moves it on. */
export function testClock(start: Date = systemClock.now()): TestClock {
  let now = start.getTime();
  return {
    ...clockReading(() => new Date(now)),
    advance: (milliseconds) => {
      now += milliseconds;
    },
  };
}

/** A test's own clock, which the test app can also move on (as the two-factor helpers do). */
export function testClockFrom(base: Clock): TestClock {
  let offset = 0;
  return {
    ...clockReading(() => new Date(base.now().getTime() + offset)),
    advance: (milliseconds) => {
      offset += milliseconds;
    },
  };
}
