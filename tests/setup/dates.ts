// Dates for tests, built from the app's own "today" (lib/clock.ts: APP_CLOCK or the
// wall clock), so no test depends on the day it runs. A test that needs a hand-computed
// calendar pins the clock itself instead: vi.hoisted(() => pinClock) before its imports.
import { addDays, isoWeekday, type IsoDate } from '@/lib/dates';
import { now } from '../../lib/clock';
import { localDate } from '../../lib/dates/zone';

export { addDays, isoWeekday, weekStart } from '@/lib/dates';

export const DISTRICT_TIME_ZONE = 'America/Chicago';

/** Today in the district, by the app's clock. */
export function today(): IsoDate {
  return localDate(DISTRICT_TIME_ZONE);
}

/** The first `weekday` (ISO, 1 = Monday) strictly after `date`. */
export function nextWeekday(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, ((weekday - isoWeekday(date) + 6) % 7) + 1);
}

/** Midnight UTC of a date, as Prisma stores a DATE column. */
export const dateOf = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);

/** An instant `days` days from the app's now (negative: before it). */
export const instantIn = (days: number): Date => new Date(now().getTime() + days * 86_400_000);
