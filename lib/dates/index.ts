// The app's one date module. Calendar dates as the app accepts them: 'YYYY-MM-DD', a
// real date (no 2026-11-31), between 2000-01-01 and 2100-12-31; their arithmetic on day
// numbers (no time zone can shift a plain date). Instants and the district's wall
// clock are in ./zone.ts, on Temporal. Every date from a form, an address or the
// tablet's outbox goes through isoDateSchema; loops over dates go through datesFrom,
// which compares day numbers (never strings) and stops after a fixed number of steps.
import { z } from 'zod';

export type IsoDate = string; // 'YYYY-MM-DD'

export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** More days than lie between EARLIEST_DATE and LATEST_DATE: no date loop runs longer. */
export const MAX_DATE_STEPS = 40_000;

/** Days since 1970-01-01 of a real calendar date in YYYY-MM-DD form (any year 0000–9999), else null. */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which maps years 0–99 to 1900–1999
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / DAY_MS);
}

/** A real calendar date inside the accepted range. */
export function isAcceptedDate(value: unknown): value is IsoDate {
  return dayNumber(value) !== null && (value as string) >= EARLIEST_DATE && (value as string) <= LATEST_DATE;
}

/** The date of a day number; throws outside the years 0000–9999 rather than write '-000001-…'. */
export function fromDayNumber(days: number): IsoDate {
  const date = new Date(days * DAY_MS);
  const year = date.getUTCFullYear();
  if (!Number.isInteger(days) || year < 0 || year > 9999) throw new RangeError(`No calendar date for day ${days}`);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

function requireDay(value: IsoDate): number {
  const days = dayNumber(value);
  if (days === null) throw new RangeError(`Not a calendar date in YYYY-MM-DD form: ${JSON.stringify(value)}`);
  return days;
}

/** A date checked: a real calendar date in YYYY-MM-DD form, else a RangeError. */
export function parseIsoDate(value: string): IsoDate {
  requireDay(value);
  return value;
}

/** The date `days` later (earlier when negative); whole days only. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return fromDayNumber(requireDay(date) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireDay(to) - requireDay(from);
}

/** The ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return ((((requireDay(date) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday
}

/** ISO weekdays' names: 1 = Monday … 7 = Sunday (every day a group may meet). */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** "Saturday" for 6; "day 9" for a number that is no ISO weekday. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `day ${weekday}`;
}

/** The Monday of a date's week (weeks run Monday to Sunday, as DOMAIN.md counts them). */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** A minute of the day as a clock reads it: 870 → "2:30 PM". */
export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h >= 12 ? 'PM' : 'AM'}`;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A date as people read it on the tutor's pages and in what a log answers: "2026-12-02" → "Wed, Dec 2". */
export function formatDay(date: IsoDate): string {
  return DAY_FORMAT.format(new Date(`${date}T00:00:00Z`));
}

/** The dates from `from` to `to` (both included) every `stepDays`; throws past MAX_DATE_STEPS. */
export function datesFrom(from: IsoDate, to: IsoDate, stepDays = 1): IsoDate[] {
  if (!Number.isInteger(stepDays) || stepDays < 1) throw new RangeError(`Not a whole number of days: ${stepDays}`);
  const [first, last] = [requireDay(from), requireDay(to)];
  const dates: IsoDate[] = [];
  for (let day = first, steps = 0; day <= last; day += stepDays, steps++) {
    if (steps >= MAX_DATE_STEPS) throw new RangeError(`Too many dates from ${from} to ${to}`);
    dates.push(fromDayNumber(day));
  }
  return dates;
}

export const DATE_RANGE_MESSAGE = `between ${EARLIEST_DATE} and ${LATEST_DATE}`;

/** The one zod schema for a date: format, a real calendar date, the accepted range. */
export const isoDateSchema = (what = 'date') =>
  z
    .string({ error: `Enter the ${what}.` })
    .regex(PATTERN, `Enter the ${what} as a date (YYYY-MM-DD).`)
    .refine((value) => dayNumber(value) !== null, `The ${what} is not a real date.`)
    .refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, `The ${what} must be ${DATE_RANGE_MESSAGE}.`);

/** A date from an address: absent (undefined), accepted, or refused with a message. */
export function dateParam(raw: string | string[] | undefined, what = 'date'): { date?: IsoDate; error?: string } {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (value === undefined || value === '') return {};
  const parsed = isoDateSchema(what).safeParse(value);
  if (parsed.success) return { date: parsed.data };
  return { error: parsed.error.issues[0]?.message ?? `The ${what} is not valid.` };
}

/** The first refused date among an address's date fields, as a message; null when each is absent or accepted. */
export function refusedDateParam(
  params: Record<string, string | string[] | undefined>,
  keys: readonly string[],
): string | null {
  for (const key of keys) {
    const { error } = dateParam(params[key], `“${key}” date`);
    if (error) return error;
  }
  return null;
}

/**
 * The date fields pages read from their address (?week=, ?from=, ?to=). proxy.ts
 * answers a page request whose value is not accepted with a 400 before the page runs;
 * a page that reads a new date field adds it here.
 */
export const PAGE_DATE_PARAMS = ['week', 'from', 'to'] as const;

/** The first refused date field of an address (every value of each key), with its sentence; null when all are absent or accepted. */
export function refusedAddressDate(
  search: URLSearchParams,
  keys: readonly string[] = PAGE_DATE_PARAMS,
): { key: string; message: string } | null {
  for (const key of keys) {
    for (const value of search.getAll(key)) {
      const { error } = dateParam(value, `“${key}” date`);
      if (error) return { key, message: error };
    }
  }
  return null;
}
