/**
 * Session generation for tutoring groups: turns a group's weekly meeting pattern
 * into dated sessions, and plans a safe regeneration after a schedule change.
 * Pure. Calendar dates are district-local 'YYYY-MM-DD' strings.
 */
import { datesFrom } from '@/lib/dates';

export type IsoDate = string; // 'YYYY-MM-DD'

export interface WeeklyMeeting {
  weekday: number; // ISO weekday, 1 = Monday .. 7 = Sunday
  startMinute: number; // minutes after local midnight, 0..1439
  plannedMinutes: number;
}

export interface GenerationInput {
  meetings: WeeklyMeeting[];
  groupStart: IsoDate;
  groupEnd: IsoDate;
  cycleStart: IsoDate;
  cycleEnd: IsoDate;
  noSchoolDates: Iterable<IsoDate>; // already filtered to the group's site (district-wide + site days)
  timeZone: string; // IANA, e.g. 'America/Chicago'
  from?: IsoDate; // generate only on or after this date (used when regenerating)
}

export interface PlannedSession {
  date: IsoDate;
  startMinute: number;
  plannedMinutes: number;
  startsAt: Date;
}

export interface ExistingSession {
  id: string;
  date: IsoDate;
  startMinute: number;
  plannedMinutes: number;
  status: 'SCHEDULED' | 'HELD' | 'CANCELLED';
  isMakeup: boolean;
  hasAttendance: boolean;
}

export interface RegenerationPlan {
  create: PlannedSession[];
  remove: string[];
  update: { id: string; plannedMinutes: number }[];
  keep: string[];
}

const MINUTES_PER_DAY = 1440;
const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------
// Calendar dates
// ---------------------------------------------------------------------------

function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // setUTCFullYear rather than Date.UTC, which maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** UTC midnight of a calendar date; day arithmetic on these never meets a DST change. */
function utcMidnight(value: string): Date {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const midnight = utcDate(year, month, day);
    // Date rolls 2026-02-30 over to March; a real date survives the round trip.
    if (midnight.getUTCFullYear() === year && midnight.getUTCMonth() === month - 1 && midnight.getUTCDate() === day) {
      return midnight;
    }
  }
  throw new RangeError(`Not a calendar date in YYYY-MM-DD form: ${JSON.stringify(value)}`);
}

function formatIsoDate(midnight: Date): IsoDate {
  const year = String(midnight.getUTCFullYear()).padStart(4, '0');
  const month = String(midnight.getUTCMonth() + 1).padStart(2, '0');
  const day = String(midnight.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

export function parseIsoDate(value: string): IsoDate {
  utcMidnight(value);
  return value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return formatIsoDate(new Date(utcMidnight(date).getTime() + days * MS_PER_DAY));
}

export function isoWeekday(date: IsoDate): number {
  const sundayBased = utcMidnight(date).getUTCDay();
  return sundayBased === 0 ? 7 : sundayBased;
}

export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

function latestDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((latest, date) => (date > latest ? date : latest));
}

function earliestDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((earliest, date) => (date < earliest ? date : earliest));
}

// ---------------------------------------------------------------------------
// Local time in the district time zone -> UTC instant
// ---------------------------------------------------------------------------

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown IANA time zone. */
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds the zone's wall clock is ahead of UTC at the given instant. */
function utcOffsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / MS_PER_SECOND) * MS_PER_SECOND;
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(wholeSecond));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = utcDate(field('year'), field('month'), field('day'));
  wallClock.setUTCHours(field('hour'), field('minute'), field('second'), 0);
  return wallClock.getTime() - wholeSecond;
}

export function localDateTimeToUtc(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  assertMinuteOfDay(minuteOfDay);
  // The local reading written as if it were UTC; the true instant is within a day of it.
  const wallClock = utcMidnight(date).getTime() + minuteOfDay * MS_PER_MINUTE;
  const offsetBefore = utcOffsetAt(wallClock - MS_PER_DAY, timeZone);
  const offsets = [offsetBefore, utcOffsetAt(wallClock, timeZone), utcOffsetAt(wallClock + MS_PER_DAY, timeZone)];
  const matches = offsets
    .map((offset) => wallClock - offset)
    .filter((instant) => instant + utcOffsetAt(instant, timeZone) === wallClock);
  // Fall-back makes the reading occur twice: the earlier one is when the meeting starts.
  if (matches.length > 0) return new Date(Math.min(...matches));
  // Spring-forward gap: read with the pre-gap offset, the time lands just as far past the gap.
  return new Date(wallClock - offsetBefore);
}

// ---------------------------------------------------------------------------
// Generating sessions from the weekly pattern
// ---------------------------------------------------------------------------

function assertMinuteOfDay(minute: number): void {
  if (!Number.isInteger(minute) || minute < 0 || minute >= MINUTES_PER_DAY) {
    throw new RangeError(`Start minute must be a whole number from 0 to 1439: ${minute}`);
  }
}

function assertMeeting(meeting: WeeklyMeeting): void {
  if (!Number.isInteger(meeting.weekday) || meeting.weekday < 1 || meeting.weekday > 7) {
    throw new RangeError(`Weekday must be 1 (Monday) to 7 (Sunday): ${meeting.weekday}`);
  }
  assertMinuteOfDay(meeting.startMinute);
  if (!Number.isInteger(meeting.plannedMinutes) || meeting.plannedMinutes <= 0) {
    throw new RangeError(`Planned minutes must be a positive whole number: ${meeting.plannedMinutes}`);
  }
}

/** Meetings by ISO weekday, each day's in start order, one per start time. */
function meetingsByWeekday(meetings: WeeklyMeeting[]): Map<number, WeeklyMeeting[]> {
  const bySlot = new Map<string, WeeklyMeeting>();
  for (const meeting of meetings) {
    assertMeeting(meeting);
    const slot = `${meeting.weekday}@${meeting.startMinute}`;
    const already = bySlot.get(slot);
    // A repeated slot keeps its longest length, so the result does not depend on list order.
    if (!already || meeting.plannedMinutes > already.plannedMinutes) bySlot.set(slot, meeting);
  }
  const byWeekday = new Map<number, WeeklyMeeting[]>();
  for (const meeting of bySlot.values()) {
    byWeekday.set(meeting.weekday, [...(byWeekday.get(meeting.weekday) ?? []), meeting]);
  }
  for (const dayMeetings of byWeekday.values()) dayMeetings.sort((a, b) => a.startMinute - b.startMinute);
  return byWeekday;
}

export function generateSessions(input: GenerationInput): PlannedSession[] {
  const meetings = meetingsByWeekday(input.meetings);
  const noSchool = new Set(Array.from(input.noSchoolDates, parseIsoDate));
  wallClockFormatter(input.timeZone); // reject a bad time zone even when no session falls in range
  const lowerBounds = [parseIsoDate(input.groupStart), parseIsoDate(input.cycleStart)];
  if (input.from !== undefined) lowerBounds.push(parseIsoDate(input.from));
  const first = latestDate(...lowerBounds);
  const last = earliestDate(parseIsoDate(input.groupEnd), parseIsoDate(input.cycleEnd));

  const sessions: PlannedSession[] = [];
  // Day numbers, not strings, and a bounded loop: no window runs forever.
  for (const date of datesFrom(first, last)) {
    if (noSchool.has(date)) continue;
    for (const meeting of meetings.get(isoWeekday(date)) ?? []) {
      sessions.push({
        date,
        startMinute: meeting.startMinute,
        plannedMinutes: meeting.plannedMinutes,
        startsAt: localDateTimeToUtc(date, meeting.startMinute, input.timeZone),
      });
    }
  }
  return sessions;
}

// ---------------------------------------------------------------------------
// Regenerating after a schedule change
// ---------------------------------------------------------------------------

interface Slotted {
  date: IsoDate;
  startMinute: number;
}

function slotKey(session: Slotted): string {
  return `${session.date}@${session.startMinute}`;
}

function bySlot(a: Slotted, b: Slotted): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.startMinute - b.startMinute;
}

function bySlotThenId(a: ExistingSession, b: ExistingSession): number {
  return bySlot(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Logged, make-up, attended or past sessions are history: regeneration never touches them. */
function isUntouchable(session: ExistingSession, from: IsoDate): boolean {
  return session.status !== 'SCHEDULED' || session.isMakeup || session.hasAttendance || session.date < from;
}

export function planRegeneration(args: {
  existing: ExistingSession[];
  desired: PlannedSession[];
  from: IsoDate;
}): RegenerationPlan {
  const from = parseIsoDate(args.from);
  const existing = [...args.existing].sort(bySlotThenId);
  existing.forEach((session) => parseIsoDate(session.date));

  const desiredBySlot = new Map<string, PlannedSession>();
  for (const session of [...args.desired].sort(bySlot)) {
    if (parseIsoDate(session.date) >= from && !desiredBySlot.has(slotKey(session))) {
      desiredBySlot.set(slotKey(session), session);
    }
  }

  const kept: ExistingSession[] = [];
  const remove: string[] = [];
  const update: RegenerationPlan['update'] = [];
  const filledSlots = new Set<string>();

  // Untouchable sessions claim their slots first, so a plain scheduled twin is the one that goes.
  for (const session of existing.filter((s) => isUntouchable(s, from))) {
    kept.push(session);
    filledSlots.add(slotKey(session));
  }
  for (const session of existing.filter((s) => !isUntouchable(s, from))) {
    const wanted = desiredBySlot.get(slotKey(session));
    if (!wanted || filledSlots.has(slotKey(session))) {
      remove.push(session.id);
      continue;
    }
    kept.push(session);
    filledSlots.add(slotKey(session));
    if (wanted.plannedMinutes !== session.plannedMinutes) {
      update.push({ id: session.id, plannedMinutes: wanted.plannedMinutes });
    }
  }

  return {
    create: [...desiredBySlot.values()].filter((session) => !filledSlots.has(slotKey(session))),
    remove,
    update,
    keep: kept.sort(bySlotThenId).map((session) => session.id),
  };
}
