/**
 * Times in London (Europe/London) for the front door's clocks and panel cut-offs: instants are
 * stored in UTC, but deadlines are counted in London working days and shown in London time,
 * so British Summer Time and the server's own time zone never shift them. Pure functions.
 * Every area's dates and times in London come from here.
 */
import { assertIsoDate } from './calendar/calendar.ts';
import { formatIsoDate } from './date-input.ts';

const HOUR_MS = 3_600_000;
const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds to add to an instant to get London's wall-clock time (0 in winter, 1 hour in summer). */
function londonOffset(instantMs: number): number {
  const parts = Object.fromEntries(
    londonFormat.formatToParts(new Date(instantMs)).map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/** London's wall-clock time as if it were UTC, for date arithmetic. */
export function toLondonWall(instant: Date): number {
  return instant.getTime() + londonOffset(instant.getTime());
}

/** The instant at which London's clocks show a wall-clock time (the inverse of toLondonWall). */
export function fromLondonWall(wallMs: number): Date {
  return new Date(wallMs - londonOffset(wallMs - londonOffset(wallMs)));
}

/** The date in London of an instant, as an ISO date. */
export function londonDate(instant: Date): string {
  return new Date(toLondonWall(instant)).toISOString().slice(0, 10);
}

/** The instant when clocks in London show `time` ('HH:MM', 24-hour) on `date`. */
export function atLondonTime(date: string, time: string): Date {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59)
    throw new Error(`Invalid time "${time}": expected HH:MM`);
  const midnight = Date.parse(`${assertIsoDate(date)}T00:00:00Z`);
  return fromLondonWall(midnight + Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000);
}

/** A time the GOV.UK way, in London: '3:15pm', '9am', 'midday'. */
export function formatLondonTime(instant: Date): string {
  const wall = new Date(toLondonWall(instant));
  const hours = wall.getUTCHours();
  const minutes = wall.getUTCMinutes();
  if (hours === 12 && minutes === 0) return 'midday';
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`;
  return `${clock}${hours < 12 ? 'am' : 'pm'}`;
}

/** '3:15pm on 26 November 2026', in London time. */
export function formatLondonDateTime(instant: Date): string {
  return `${formatLondonTime(instant)} on ${formatIsoDate(londonDate(instant))}`;
}

/** '1 minute', '5 hours', '3 days': minutes under an hour, hours under 2 days, then days. */
export function formatDuration(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(Math.max(1, minutes), 'minute');
  if (minutes < 2 * 24 * 60) return plural(Math.floor(minutes / 60), 'hour');
  return plural(Math.floor(minutes / (24 * 60)), 'day');
}
