/**
 * Session generation for tutoring groups: turns a group's weekly meeting pattern
 * into dated sessions, and plans a safe regeneration after a schedule change.
 * Pure. Calendar dates are district-local 'YYYY-MM-DD' strings.
 */
import { datesFrom, isoWeekday, parseIsoDate, type IsoDate } from '@/lib/dates';
import { assertTimeZone, localDateTimeToUtc } from '@/lib/dates/zone';

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

const latestDate = (...dates: IsoDate[]): IsoDate => dates.reduce((latest, date) => (date > latest ? date : latest));
const earliestDate = (...dates: IsoDate[]): IsoDate =>
  dates.reduce((earliest, date) => (date < earliest ? date : earliest));

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
  assertTimeZone(input.timeZone); // reject a bad time zone even when no session falls in range
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
