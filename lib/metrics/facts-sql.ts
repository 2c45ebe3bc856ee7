// The facts every metrics query aggregates, as SQL subqueries over a scope.
//
// Design: nothing reads session or attendance rows except the two fact builders
// below. studentWeekFactsSql gives one row per student × group × week (Monday) with
// the sums every student figure needs (minutes scheduled and delivered, each part
// of the lost minutes, held / attended / attended-with-the-primary-tutor sessions);
// groupWeekFactsSql gives one row per group × week × tutor with session counts.
// The query functions only SUM these columns.
//
// Rollup (./rollup.ts, ./rollup-plan.ts): the tables metrics_student_week and
// metrics_group_week hold the same facts per whole week, written by these same
// builders (studentWeekRollupInsertSql, groupWeekRollupInsertSql) for the (group,
// week) pairs the triggers marked stale. The *PlannedSql builders read the weeks a
// FactsPlan serves from the rollup and every other date of the window live, with
// the same columns, so the query functions' SQL is unchanged. How the two limits of
// a weekly rollup are handled: (1) a window's partial first and last weeks are read
// live; (2) "unlogged" vs "upcoming" depends on today, so the rollup stores one
// `pending` column (minutes or sessions still SCHEDULED), split at read time (a week
// before today: unlogged; after it: upcoming), and the week containing today is
// always read live. The group's site and subject and the student's grade are
// joined at read time, so the scope filters apply to the rollup as to live rows.
// Weeks are ISO weeks of the session's date, which is already the district's local
// calendar date (sessions are generated in the district's time zone).
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { deliveredMinutesSql, scheduledMinutesSql } from './dose-sql';
import { addDays, type DateRange, type FactsPlan } from './rollup-plan';
import { groupFilterSql, hasStudentFilter, studentFilterSql, type MetricsScope } from './scope';

/** Column name of the minutes lost to one cancellation reason. */
export const cancelledColumn = (reason: CancellationReasonCode) => `cancelled_${reason}`;

const cancelledColumns = CANCELLATION_REASONS.map(cancelledColumn);
const quoted = (columns: readonly string[]) => Prisma.raw(columns.map((c) => `"${c}"`).join(', '));

/** The rollup tables' fact columns, in the builders' order (`pending` stands for unlogged + upcoming). */
const STUDENT_WEEK_COLUMNS = ['scheduled', 'delivered', 'scheduledSessions', 'held', 'attended', 'attendedWithPrimary', 'absence', 'notRecorded', 'shortened', ...cancelledColumns];
const GROUP_WEEK_COLUMNS = ['held', ...cancelledColumns];

/** Where the builders' session rows come from: date ranges of a window, or (group, week) pairs to refresh. */
type Source = { ranges: readonly DateRange[] } | { pairs: RollupPairs };

export interface RollupPairs {
  groupIds: string[];
  /** Mondays, one per group id. */
  weeks: IsoDate[];
}

/** The rollup is written as if every still-scheduled session were in the past: all of them `unlogged`. */
const ROLLUP_TODAY = 'infinity';

function sessionDatesSql(source: Source): Prisma.Sql {
  if ('pairs' in source) return Prisma.sql`s.date >= c."weekStart" AND s.date <= c."weekStart" + 6`;
  if (!source.ranges.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(source.ranges.map(([from, to]) => Prisma.sql`(s.date >= ${from}::date AND s.date <= ${to}::date)`), ' OR ')})`;
}

/** The pairs as a relation `c` joined on a group id column. */
function pairsJoinSql(source: Source, groupId: Prisma.Sql): Prisma.Sql {
  if (!('pairs' in source)) return Prisma.empty;
  return Prisma.sql`JOIN unnest(${source.pairs.groupIds}::uuid[], ${source.pairs.weeks}::date[]) AS c("groupId", "weekStart") ON c."groupId" = ${groupId}`;
}

// Memberships (alias m, with g = group and st = student) overlapping the window.
const membershipJoinsSql = Prisma.sql`
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN student st ON st.id = m."studentId"`;

function membershipWhereSql(scope: MetricsScope): Prisma.Sql {
  return Prisma.sql`m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
      AND ${groupFilterSql(scope)} AND ${studentFilterSql(scope)}`;
}

/** The student-week aggregate over a source; `scope` null = no filter (a rollup refresh). */
function studentWeekAggregateSql(scope: MetricsScope | null, today: string, source: Source): Prisma.Sql {
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
      ${pairsJoinSql(source, Prisma.sql`m."groupId"`)}
      JOIN session s ON s."groupId" = m."groupId" AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
        AND ${sessionDatesSql(source)}
      LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
      WHERE ${scope ? membershipWhereSql(scope) : Prisma.sql`TRUE`}
    ) rows
    GROUP BY "studentId", "groupId", "siteId", subject, "weekStart"`;
}

/**
 * One row per student × group × week with sessions inside the student's membership
 * dates and the window. Columns: studentId, groupId, siteId, subject, weekStart,
 * scheduled, delivered, scheduledSessions, held, attended, attendedWithPrimary, and
 * the lost-minute parts (absence, notRecorded, shortened, cancelled_<REASON>,
 * unlogged, upcoming, madeUp), which add up to scheduled − delivered.
 * Computed live from session and attendance rows.
 */
export function studentWeekFactsSql(scope: MetricsScope, today: IsoDate): Prisma.Sql {
  return studentWeekAggregateSql(scope, today, { ranges: [[scope.from, scope.to]] });
}

/** The rollup rows (alias r) of the given Mondays, as ranges of consecutive weeks. */
function weeksSql(mondays: readonly IsoDate[]): Prisma.Sql {
  const runs: [IsoDate, IsoDate][] = [];
  for (const monday of mondays) {
    const run = runs.at(-1);
    if (run && addDays(run[1], 7) === monday) run[1] = monday;
    else runs.push([monday, monday]);
  }
  return Prisma.sql`(${Prisma.join(runs.map(([a, b]) => Prisma.sql`(r."weekStart" >= ${a}::date AND r."weekStart" <= ${b}::date)`), ' OR ')})`;
}

/** pending → unlogged (a week before today) or upcoming (a week after it); never the current week. */
const pendingSplitSql = (today: IsoDate) =>
  Prisma.sql`CASE WHEN r."weekStart" < ${today}::date THEN r.pending ELSE 0 END AS unlogged,
      CASE WHEN r."weekStart" < ${today}::date THEN 0 ELSE r.pending END AS upcoming`;

/** studentWeekFactsSql's rows, the plan's whole weeks read from metrics_student_week. */
export function studentWeekFactsPlannedSql(scope: MetricsScope, today: IsoDate, plan: FactsPlan): Prisma.Sql {
  if (!plan.rollupWeeks.length) return studentWeekAggregateSql(scope, today, { ranges: plan.live });
  const rollup = Prisma.sql`
    SELECT r."studentId", r."groupId", g."siteId", g.subject::text AS subject, r."weekStart",
      ${Prisma.raw(STUDENT_WEEK_COLUMNS.map((c) => `r."${c}"`).join(', '))},
      ${pendingSplitSql(today)}, r."madeUp"
    FROM metrics_student_week r
    JOIN tutoring_group g ON g.id = r."groupId"
    ${hasStudentFilter(scope) ? Prisma.sql`JOIN student st ON st.id = r."studentId" AND ${studentFilterSql(scope)}` : Prisma.empty}
    WHERE ${weeksSql(plan.rollupWeeks)} AND ${groupFilterSql(scope)}`;
  if (!plan.live.length) return rollup;
  return Prisma.sql`${rollup}
    UNION ALL
    ${studentWeekAggregateSql(scope, today, { ranges: plan.live })}`;
}

/** Replaces the rollup rows of the pairs (run in the refresh's transaction, after deleting them). */
export function studentWeekRollupInsertSql(pairs: RollupPairs): Prisma.Sql {
  const columns = ['studentId', 'groupId', 'weekStart', ...STUDENT_WEEK_COLUMNS];
  return Prisma.sql`
    INSERT INTO metrics_student_week (${quoted([...columns, 'pending', 'madeUp'])})
    SELECT ${quoted(columns)}, unlogged, "madeUp"
    FROM (${studentWeekAggregateSql(null, ROLLUP_TODAY, { pairs })}) f`;
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

function groupWeekAggregateSql(scope: MetricsScope | null, today: string, source: Source): Prisma.Sql {
  const cancelled = CANCELLATION_REASONS.map(
    (reason) => Prisma.sql`COUNT(*) FILTER (WHERE s.status = 'CANCELLED' AND s."cancellationReason"::text = ${reason})::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
  );
  const members =
    scope && hasStudentFilter(scope)
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
    ${pairsJoinSql(source, Prisma.sql`s."groupId"`)}
    WHERE ${sessionDatesSql(source)} AND ${scope ? groupFilterSql(scope) : Prisma.sql`TRUE`} ${members}
    GROUP BY 1, 2, 3, 4`;
}

/**
 * One row per group × week × tutor: siteId, groupId, tutorId (who delivered it, else
 * the assigned substitute, else the primary), weekStart, and session counts: held,
 * cancelled_<REASON>, unlogged, upcoming, makeupsHeld. Make-ups count like any session.
 * With a student filter, only sessions inside those students' memberships count.
 * Computed live from session rows.
 */
export function groupWeekFactsSql(scope: MetricsScope, today: IsoDate): Prisma.Sql {
  return groupWeekAggregateSql(scope, today, { ranges: [[scope.from, scope.to]] });
}

/**
 * groupWeekFactsSql's rows, the plan's whole weeks read from metrics_group_week. A
 * scope naming students or grades counts sessions by membership: read live.
 */
export function groupWeekFactsPlannedSql(scope: MetricsScope, today: IsoDate, plan: FactsPlan): Prisma.Sql {
  if (hasStudentFilter(scope)) return groupWeekFactsSql(scope, today);
  if (!plan.rollupWeeks.length) return groupWeekAggregateSql(scope, today, { ranges: plan.live });
  const rollup = Prisma.sql`
    SELECT g."siteId", r."groupId", r."tutorId", r."weekStart",
      ${Prisma.raw(GROUP_WEEK_COLUMNS.map((c) => `r."${c}"`).join(', '))},
      ${pendingSplitSql(today)}, r."makeupsHeld"
    FROM metrics_group_week r
    JOIN tutoring_group g ON g.id = r."groupId"
    WHERE ${weeksSql(plan.rollupWeeks)} AND ${groupFilterSql(scope)}`;
  if (!plan.live.length) return rollup;
  return Prisma.sql`${rollup}
    UNION ALL
    ${groupWeekAggregateSql(scope, today, { ranges: plan.live })}`;
}

/** Replaces the group-week rollup rows of the pairs (after deleting them). */
export function groupWeekRollupInsertSql(pairs: RollupPairs): Prisma.Sql {
  const columns = ['groupId', 'tutorId', 'weekStart', ...GROUP_WEEK_COLUMNS];
  return Prisma.sql`
    INSERT INTO metrics_group_week (${quoted([...columns, 'pending', 'makeupsHeld'])})
    SELECT ${quoted(columns)}, unlogged, "makeupsHeld"
    FROM (${groupWeekAggregateSql(null, ROLLUP_TODAY, { pairs })}) f`;
}
