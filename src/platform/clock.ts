/**
 * The one clock. Every service gets it from the composition root (src/services.ts); rules take
 * `now` or `today` as parameters. This file is the only place that reads the wall clock (a lint
 * rule fails the build on `Date.now()` or an argument-less `new Date()` anywhere else).
 *
 * `NOW=2027-03-10T10:00` (London time) starts the clock at that moment, for the demo, tests and
 * browser journeys, so they run the same on any day; it then runs on at the normal speed.
 * `NOW_SINCE` (milliseconds since 1970, optional) is the real moment at which the clock showed
 * NOW, so that several processes keep the same time. Production refuses NOW (src/config-check.ts).
 */
import { atLondonTime, londonDate } from './london-time.ts';
import { schoolYearOf, type SchoolYear } from './school-year.ts';

export interface Clock {
  /** This instant. */
  now(): Date;
  /** Today's date in London, 'YYYY-MM-DD'. */
  today(): string;
  /** The school year today falls in (from 1 August, src/platform/school-year.ts). */
  schoolYear(): SchoolYear;
}

/** A clock that tells the time `read` gives. */
export function clockReading(read: () => Date): Clock {
  return {
    now: read,
    today: () => londonDate(read()),
    schoolYear: () => schoolYearOf(londonDate(read())),
  };
}

/** The real time. */
export const systemClock: Clock = clockReading(() => new Date());

/** A clock that stands still at `at` (for rules' tests). */
export function fixedClock(at: Date): Clock {
  return clockReading(() => new Date(at.getTime()));
}

/** A clock showing `start` at the real moment `since` (now, by default), and running on from there. */
export function clockStartingAt(start: Date, since: number = Date.now()): Clock {
  const offset = start.getTime() - since;
  return clockReading(() => new Date(Date.now() + offset));
}

/**
 * Reads a NOW setting: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM' or with seconds, in London time, or an
 * instant with 'Z' or an offset. Undefined when it is not one of these.
 */
export function parseNow(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  if (!match) return undefined;
  const [, date, hours = '09', minutes = '00', seconds = '00', zone] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  try {
    const inLondon = atLondonTime(date, `${hours}:${minutes}`); // also checks that the date exists
    if (zone) return new Date(`${date}T${hours}:${minutes}:${seconds}${zone}`);
    return new Date(inLondon.getTime() + Number(seconds) * 1000);
  } catch {
    return undefined;
  }
}

/** How far a clock is ahead of the real time, in milliseconds (the database is told; src/db/connection.ts). */
export function clockOffsetMs(clock: Clock): number {
  return clock.now().getTime() - Date.now();
}

/** The clock the service runs on: the real time, or NOW's (see the top of this file). */
export function clockFromSettings(now: Date | undefined, since?: number): Clock {
  return now ? clockStartingAt(now, since) : systemClock;
}
