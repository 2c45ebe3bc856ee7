// The district's wall clock (DOMAIN.md: all time is the district's), on Temporal
// (temporal-polyfill): "today", the minute of the day, and the instant a meeting on a
// date starts, with daylight-saving gaps and overlaps resolved by the standard's rules.
import { Temporal } from 'temporal-polyfill';
import { now as clockNow } from '@/lib/clock';
import type { IsoDate } from './index';

const MINUTES_PER_DAY = 1440;

const zoned = (timeZone: string, now: Date) =>
  Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);

/** Throws a RangeError for a time zone that is not an IANA zone. */
export function assertTimeZone(timeZone: string): void {
  zoned(timeZone, new Date(0));
}

/** Today in the zone, by the app's clock. */
export function localDate(timeZone: string, now = clockNow()): IsoDate {
  return zoned(timeZone, now).toPlainDate().toString();
}

/** Minutes since midnight in the zone (for "next session" and the like). */
export function localMinuteOfDay(timeZone: string, now = clockNow()): number {
  const time = zoned(timeZone, now);
  return time.hour * 60 + time.minute;
}

/**
 * The instant a meeting starts: a date's minute of the day on the zone's wall clock.
 * In the hour the clocks skip, the time lands as far past the gap; in the hour they
 * repeat, the earlier reading (when the meeting starts).
 */
export function localDateTimeToUtc(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY)
    throw new RangeError(`Start minute must be a whole number from 0 to 1439: ${minuteOfDay}`);
  const start = Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(start.epochMilliseconds);
}
