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
