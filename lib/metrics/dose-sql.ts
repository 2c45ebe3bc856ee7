// DOMAIN.md's dose, as SQL every query that sums it shares: a session's scheduled
// minutes (make-ups add none) and a student's delivered minutes (held sessions only:
// present = the session's actual minutes, late/left early = the minutes recorded).
// The aliases are the query's own names for session and attendance rows.
import { Prisma } from '@/lib/generated/prisma/client';

export function scheduledMinutesSql(session: string): Prisma.Sql {
  const s = Prisma.raw(session);
  return Prisma.sql`CASE WHEN ${s}."makeupForId" IS NULL THEN ${s}."plannedMinutes" ELSE 0 END`;
}

export function deliveredMinutesSql(session: string, attendance: string): Prisma.Sql {
  const [s, a] = [Prisma.raw(session), Prisma.raw(attendance)];
  return Prisma.sql`CASE WHEN ${s}.status = 'HELD' THEN CASE ${a}.status WHEN 'PRESENT' THEN ${s}."actualMinutes" WHEN 'PARTIAL' THEN ${a}."minutesAttended" ELSE 0 END ELSE 0 END`;
}
