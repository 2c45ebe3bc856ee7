// Attendance for held sessions: one row per member whose placement covers the
// date. Absences cluster (an absent student is likelier to miss the next one
// too), a few students are chronically absent, and some are out right now.
import type { AttendanceStatus } from '../../lib/generated/prisma/enums';
import { isActiveOn } from './membership';
import type { Placement, PlannedGroup, SeedContext } from './model';
import { hashChance, type Random } from './random';
import type { AttendanceRow, SessionRow } from './rows';

export interface AttendanceResult {
  rows: AttendanceRow[];
  /** Sessions each placement was present for (fully or partly), in date order. */
  attendedBy: Map<Placement, SessionRow[]>;
}

/** Some members are absent for their last few sessions, so the consecutive-absence flag has something to find. */
function currentStreak(ctx: SeedContext, group: PlannedGroup, placement: Placement, sessions: number): number {
  const chance = group.site.weak ? 0.04 : 0.02;
  if (sessions < 10 || hashChance(ctx.today, 'absence-streak', placement.row.id) >= chance) return 0;
  return 3 + Math.floor(hashChance(ctx.today, 'absence-streak-length', placement.row.id) * 2);
}

function absentStatus(random: Random, group: PlannedGroup): AttendanceStatus {
  return random.chance(group.site.weak ? 0.35 : 0.5) ? 'ABSENT_EXCUSED' : 'ABSENT_UNEXCUSED';
}

function row(
  ctx: SeedContext,
  session: SessionRow,
  placement: Placement,
  status: AttendanceStatus,
  minutesAttended: number | null,
): AttendanceRow {
  const recordedAt = session.loggedAt ?? session.startsAt;
  return {
    id: ctx.ids.uuid(),
    sessionId: session.id,
    studentId: placement.student.row.id,
    status,
    minutesAttended,
    recordedById: session.deliveredById,
    recordedAt,
    updatedAt: recordedAt,
  };
}

function placementAttendance(
  ctx: SeedContext,
  random: Random,
  group: PlannedGroup,
  placement: Placement,
  held: readonly SessionRow[],
  result: AttendanceResult,
): void {
  const sessions = held.filter((session) => isActiveOn(placement, session.date));
  const streakFrom = sessions.length - currentStreak(ctx, group, placement, sessions.length);
  const risk = placement.student.absenceRisk;
  const attended: SessionRow[] = [];
  let absentLastTime = false;
  sessions.forEach((session, index) => {
    const absent = index >= streakFrom || random.chance(absentLastTime ? Math.min(0.6, 0.12 + 1.5 * risk) : risk);
    absentLastTime = absent;
    if (absent) {
      result.rows.push(row(ctx, session, placement, absentStatus(random, group), null));
      return;
    }
    const actual = session.actualMinutes ?? session.plannedMinutes;
    if (actual > 10 && random.chance(0.06)) {
      result.rows.push(row(ctx, session, placement, 'PARTIAL', actual - random.int(5, Math.min(15, actual - 5))));
    } else {
      result.rows.push(row(ctx, session, placement, 'PRESENT', null));
    }
    attended.push(session);
  });
  result.attendedBy.set(placement, attended);
}

/** held: the group's held sessions (make-ups included) in date and time order. */
export function takeAttendance(
  ctx: SeedContext,
  random: Random,
  group: PlannedGroup,
  held: readonly SessionRow[],
): AttendanceResult {
  const result: AttendanceResult = { rows: [], attendedBy: new Map() };
  for (const placement of group.placements) placementAttendance(ctx, random, group, placement, held, result);
  return result;
}
