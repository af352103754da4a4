import type { Clock } from '../../src/platform/clock.ts';

/** A clock a test can move on: the services read the time from it (see buildServices). */
export interface TestClock extends Clock {
  advance(milliseconds: number): void;
}

export function testClock(start: Date = new Date()): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (milliseconds) => {
    now += milliseconds;
  };
  return clock;
}

/** A test's own clock, which the test app can also move on (as the two-factor helpers do). */
export function testClockFrom(base: Clock): TestClock {
  let offset = 0;
  const clock = (() => new Date(base().getTime() + offset)) as TestClock;
  clock.advance = (milliseconds) => {
    offset += milliseconds;
  };
  return clock;
}
