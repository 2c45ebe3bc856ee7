// One group's term as it happened: sessions from its weekly plan and the site's
// calendar (through the group's end, so future ones exist as scheduled), what
// became of each past one, make-ups, attendance and probes.
import { addDays, isoWeekday } from '../../lib/dates';
import { generateSessions, type PlannedSession } from '../../lib/sessions/generate';
import { localDateTimeToUtc } from '../../lib/dates/zone';
import { takeAttendance } from './attendance';
import { isSchoolDay, type CycleCalendar } from './calendar';
import { slotKey, TIME_ZONE, type PlannedGroup, type SeedContext, type Tutor } from './model';
import { canBeMadeUp, isTutorAbsent, outcomeOf, type DayContext, type Outcome } from './outcomes';
import { probesFor } from './probes';
import type { Random } from './random';
import type { AttendanceRow, Instant, ProbeRow, SessionRow } from './rows';

export interface GroupDelivery {
  sessions: SessionRow[];
  attendance: AttendanceRow[];
  probes: ProbeRow[];
}

const MS_PER_MINUTE = 60_000;
const MAKEUP_SLOTS = [930, 975];
const MAKEUP_CHANCE = 0.2;

function minutesAfter(instant: Instant, minutes: number): Instant {
  return new Date(Date.parse(instant) + minutes * MS_PER_MINUTE).toISOString();
}

/** Most tutors log right after the session, some that evening, a few the next day. */
function loggingDelay(random: Random): number {
  return random.weighted<() => number>([
    [() => random.int(2, 60), 78],
    [() => random.int(120, 480), 17],
    [() => random.int(1_080, 1_320), 5],
  ])();
}

function scheduledRow(ctx: SeedContext, group: PlannedGroup, planned: PlannedSession): SessionRow {
  return {
    id: ctx.ids.uuid(),
    groupId: group.row.id,
    date: planned.date,
    startMinute: planned.startMinute,
    plannedMinutes: planned.plannedMinutes,
    startsAt: planned.startsAt.toISOString(),
    status: 'SCHEDULED',
    cancellationReason: null,
    substituteTutorId: null,
    deliveredById: null,
    actualMinutes: null,
    makeupForId: null,
    note: null,
    loggedAt: null,
    loggedById: null,
  };
}

function applyOutcome(row: SessionRow, outcome: Outcome, random: Random, loggedBefore: Instant): SessionRow {
  if (outcome.status === 'SCHEDULED') return row;
  const earliest = (at: Instant): Instant => (at < loggedBefore ? at : loggedBefore);
  if (outcome.status === 'CANCELLED') {
    const knownAhead = outcome.reason === 'TUTOR_ABSENT' || outcome.reason === 'TESTING';
    const loggedAt = minutesAfter(row.startsAt, knownAhead ? -random.int(30, 300) : random.int(5, 60));
    return {
      ...row,
      status: 'CANCELLED',
      cancellationReason: outcome.reason,
      note: outcome.note,
      loggedById: outcome.loggedById,
      loggedAt: earliest(loggedAt),
    };
  }
  return {
    ...row,
    status: 'HELD',
    deliveredById: outcome.deliveredBy.user.id,
    substituteTutorId: outcome.substitute?.user.id ?? null,
    actualMinutes: outcome.actualMinutes,
    loggedById: outcome.deliveredBy.user.id,
    loggedAt: earliest(minutesAfter(row.startsAt, row.plannedMinutes + loggingDelay(random))),
  };
}

/** The next school day or so, after school, when the tutor and every member are free. */
function makeupFor(
  ctx: SeedContext,
  group: PlannedGroup,
  cancelled: SessionRow,
  taken: Set<string>,
  loggedBefore: Instant,
): SessionRow | null {
  for (let offset = 1; offset <= 6; offset++) {
    const date = addDays(cancelled.date, offset);
    if (date >= ctx.today || date > group.row.endDate) return null;
    if (!isSchoolDay(date, group.site.closed) || isTutorAbsent(ctx, group.tutor, date)) continue;
    const weekday = isoWeekday(date);
    const startMinute = MAKEUP_SLOTS.find(
      (minute) =>
        !taken.has(`${date}@${minute}`) &&
        !group.tutor.busy.has(slotKey(weekday, minute)) &&
        group.placements.every((p) => !p.student.busy.has(slotKey(weekday, minute))),
    );
    if (startMinute === undefined) continue;
    taken.add(`${date}@${startMinute}`);
    const startsAt = localDateTimeToUtc(date, startMinute, TIME_ZONE).toISOString();
    const loggedAt = minutesAfter(startsAt, cancelled.plannedMinutes + 15);
    return {
      ...cancelled,
      id: ctx.ids.uuid(),
      date,
      startMinute,
      startsAt,
      status: 'HELD',
      cancellationReason: null,
      substituteTutorId: null,
      deliveredById: group.tutor.user.id,
      actualMinutes: cancelled.plannedMinutes,
      makeupForId: cancelled.id,
      note: `Make-up for the session cancelled on ${cancelled.date}`,
      loggedAt: loggedAt < loggedBefore ? loggedAt : loggedBefore,
      loggedById: group.tutor.user.id,
    };
  }
  return null;
}

function byTime(a: SessionRow, b: SessionRow): number {
  return a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0;
}

export function deliverGroup(
  ctx: SeedContext,
  calendar: CycleCalendar,
  group: PlannedGroup,
  substitutes: readonly Tutor[],
): GroupDelivery {
  const random = ctx.random('delivery', group.row.id);
  const planned = generateSessions({
    meetings: group.meetings,
    groupStart: group.row.startDate,
    groupEnd: group.row.endDate,
    cycleStart: calendar.startDate,
    cycleEnd: calendar.endDate,
    noSchoolDates: group.site.closed,
    timeZone: TIME_ZONE,
  });
  // Nothing is logged after the moment today began.
  const loggedBefore = minutesAfter(localDateTimeToUtc(ctx.today, 0, TIME_ZONE).toISOString(), -1);
  const day: DayContext = { ctx, group, random, substitutes };
  const taken = new Set(planned.map((session) => `${session.date}@${session.startMinute}`));
  const sessions: SessionRow[] = [];
  for (const session of planned) {
    const outcome = outcomeOf(day, session, calendar.startDate);
    const row = applyOutcome(scheduledRow(ctx, group, session), outcome, random, loggedBefore);
    sessions.push(row);
    if (outcome.status === 'CANCELLED' && canBeMadeUp(outcome.reason) && random.chance(MAKEUP_CHANCE)) {
      const makeup = makeupFor(ctx, group, row, taken, loggedBefore);
      if (makeup) sessions.push(makeup);
    }
  }
  const held = sessions.filter((session) => session.status === 'HELD').sort(byTime);
  const attendance = takeAttendance(ctx, random, group, held);
  const probes = group.placements.flatMap((placement) =>
    probesFor(ctx, random, group, placement, attendance.attendedBy.get(placement) ?? []),
  );
  return { sessions, attendance: attendance.rows, probes };
}
