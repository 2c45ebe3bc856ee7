// Dates in the district's time zone (DOMAIN.md: all time is the district's).
import type { IsoDate } from '@/lib/sessions/generate';
import { now as clockNow } from '@/lib/clock';

export function localDate(timeZone: string, now = clockNow()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts as IsoDate;
}

/** Minutes since midnight in the district's time zone (for "next session" and the like). */
export function localMinuteOfDay(timeZone: string, now = clockNow()): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: 'hour' | 'minute') => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  const suffix = h >= 12 ? 'PM' : 'AM';
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${suffix}`;
}
