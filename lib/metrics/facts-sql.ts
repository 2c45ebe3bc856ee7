// The facts every metrics query aggregates, as SQL subqueries over a scope.
//
// Design: nothing reads session or attendance rows except the two fact builders
// below. studentWeekFactsSql gives one row per student × group × week (Monday) with
// the sums every student figure needs (minutes scheduled and delivered, each part
// of the lost minutes, held / attended / attended-with-the-primary-tutor sessions);
// groupWeekFactsSql gives one row per group × week × tutor with session counts.
// The query functions only SUM these columns. For a district with a million
// attendance rows, a rollup table with exactly these columns (refreshed when a
// session or attendance row is written, or nightly) can replace the builders'
// bodies, and every query function keeps its signature and its SQL. Two limits of
// a weekly rollup, handled by the builders: (1) a window that starts or ends inside
// a week needs its edge weeks from the raw rows (or windows snapped to whole weeks);
// (2) "unlogged" vs "upcoming" depends on today, so the rollup keeps the current
// week's still-scheduled minutes by date, or the builders recompute the current week.
// Weeks are ISO weeks of the session's date, which is already the district's local
// calendar date (sessions are generated in the district's time zone).
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { deliveredMinutesSql, scheduledMinutesSql } from './dose-sql';
import { groupFilterSql, hasStudentFilter, studentFilterSql, type MetricsScope } from './scope';

/** Column name of the minutes lost to one cancellation reason. */
export const cancelledColumn = (reason: CancellationReasonCode) => `cancelled_${reason}`;

// Memberships (alias m, with g = group and st = student) overlapping the window.
const membershipJoinsSql = Prisma.sql`
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN student st ON st.id = m."studentId"`;

function membershipWhereSql(scope: MetricsScope): Prisma.Sql {
  return Prisma.sql`m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
      AND ${groupFilterSql(scope)} AND ${studentFilterSql(scope)}`;
}

/**
 * One row per student × group × week with sessions inside the student's membership
 * dates and the window. Columns: studentId, groupId, siteId, subject, weekStart,
 * scheduled, delivered, scheduledSessions, held, attended, attendedWithPrimary, and
 * the lost-minute parts (absence, notRecorded, shortened, cancelled_<REASON>,
 * unlogged, upcoming, madeUp), which add up to scheduled − delivered.
 */
export function studentWeekFactsSql(scope: MetricsScope, today: IsoDate): Prisma.Sql {
  const cancelled = CANCELLATION_REASONS.map(
    (reason) => Prisma.sql`COALESCE(SUM(scheduled) FILTER (WHERE status = 'CANCELLED' AND reason = ${reason}), 0)::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
  );
  return Prisma.sql`
    SELECT "studentId", "groupId", "siteId", subject, "weekStart",
      SUM(scheduled)::int AS scheduled,
      SUM(delivered)::int AS delivered,
      COUNT(*) FILTER (WHERE NOT makeup)::int AS "scheduledSessions",
      COUNT(*) FILTER (WHERE status = 'HELD')::int AS held,
      COUNT(*) FILTER (WHERE status = 'HELD' AND attended)::int AS attended,
      COUNT(*) FILTER (WHERE status = 'HELD' AND attended AND "byPrimary")::int AS "attendedWithPrimary",
      COALESCE(SUM(scheduled) FILTER (WHERE status = 'HELD' AND mark LIKE 'ABSENT%'), 0)::int AS absence,
      COALESCE(SUM(scheduled) FILTER (WHERE status = 'HELD' AND mark IS NULL), 0)::int AS "notRecorded",
      COALESCE(SUM(scheduled - delivered) FILTER (WHERE status = 'HELD' AND attended AND NOT makeup), 0)::int AS shortened,
      ${Prisma.join(cancelled, ', ')},
      COALESCE(SUM(scheduled) FILTER (WHERE status = 'SCHEDULED' AND date < ${today}::date), 0)::int AS unlogged,
      COALESCE(SUM(scheduled) FILTER (WHERE status = 'SCHEDULED' AND date >= ${today}::date), 0)::int AS upcoming,
      (-COALESCE(SUM(delivered) FILTER (WHERE makeup), 0))::int AS "madeUp"
    FROM (
      SELECT m."studentId", m."groupId", g."siteId", g.subject::text AS subject,
        date_trunc('week', s.date::timestamp)::date AS "weekStart",
        s.date, s.status::text AS status, s."cancellationReason"::text AS reason,
        s."makeupForId" IS NOT NULL AS makeup,
        ${scheduledMinutesSql('s')} AS scheduled,
        ${deliveredMinutesSql('s', 'a')} AS delivered,
        a.status::text AS mark,
        COALESCE(a.status::text IN ('PRESENT', 'PARTIAL'), false) AS attended,
        COALESCE(s."deliveredById", s."substituteTutorId", g."primaryTutorId") = g."primaryTutorId" AS "byPrimary"
      ${membershipJoinsSql}
      JOIN session s ON s."groupId" = m."groupId" AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
        AND s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date
      LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
      WHERE ${membershipWhereSql(scope)}
    ) rows
    GROUP BY "studentId", "groupId", "siteId", subject, "weekStart"`;
}

/**
 * Every week (Monday) each student was placed in a group within the window, whether
 * or not anything was scheduled: studentId, groupId, siteId, subject, weekStart.
 * Memberships are few; this is read from them directly, rollup or not.
 */
export function studentWeekSpineSql(scope: MetricsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT m."studentId", m."groupId", g."siteId", g.subject::text AS subject, w::date AS "weekStart"
    ${membershipJoinsSql}
    CROSS JOIN LATERAL generate_series(
      date_trunc('week', GREATEST(m."startDate", ${scope.from}::date)::timestamp),
      LEAST(COALESCE(m."endDate", g."endDate"), g."endDate", ${scope.to}::date)::timestamp,
      interval '1 week') w
    WHERE ${membershipWhereSql(scope)}`;
}

/**
 * One row per group × week × tutor: siteId, groupId, tutorId (who delivered it, else
 * the assigned substitute, else the primary), weekStart, and session counts: held,
 * cancelled_<REASON>, unlogged, upcoming, makeupsHeld. Make-ups count like any session.
 * With a student filter, only sessions inside those students' memberships count.
 */
export function groupWeekFactsSql(scope: MetricsScope, today: IsoDate): Prisma.Sql {
  const cancelled = CANCELLATION_REASONS.map(
    (reason) => Prisma.sql`COUNT(*) FILTER (WHERE s.status = 'CANCELLED' AND s."cancellationReason"::text = ${reason})::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
  );
  const members = hasStudentFilter(scope)
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM membership m JOIN student st ON st.id = m."studentId"
        WHERE m."groupId" = s."groupId" AND m."startDate" <= s.date AND (m."endDate" IS NULL OR m."endDate" >= s.date) AND ${studentFilterSql(scope)})`
    : Prisma.empty;
  return Prisma.sql`
    SELECT g."siteId", g.id AS "groupId", COALESCE(s."deliveredById", s."substituteTutorId", g."primaryTutorId") AS "tutorId",
      date_trunc('week', s.date::timestamp)::date AS "weekStart",
      COUNT(*) FILTER (WHERE s.status = 'HELD')::int AS held,
      ${Prisma.join(cancelled, ', ')},
      COUNT(*) FILTER (WHERE s.status = 'SCHEDULED' AND s.date < ${today}::date)::int AS unlogged,
      COUNT(*) FILTER (WHERE s.status = 'SCHEDULED' AND s.date >= ${today}::date)::int AS upcoming,
      COUNT(*) FILTER (WHERE s.status = 'HELD' AND s."makeupForId" IS NOT NULL)::int AS "makeupsHeld"
    FROM session s
    JOIN tutoring_group g ON g.id = s."groupId"
    WHERE s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date AND ${groupFilterSql(scope)} ${members}
    GROUP BY 1, 2, 3, 4`;
}
