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
// the same columns, so the query functions' SQL is unchanged. A window's partial
// first and last weeks are read live. The callers count only sessions up to "as of"
// (./rollup-plan.ts asOfWindow), so every session still SCHEDULED in a window is
// unlogged; the rollup calls that column `pending`. The group's site and subject and
// the student's grade are joined at read time, so the scope filters apply to the
// rollup as to live rows. A session's primary tutor is the one it records (the
// group's on its date), so handing a group over never rewrites history.
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

/** The rollup tables' fact columns, in the builders' order (`pending` holds unlogged). */
const STUDENT_WEEK_COLUMNS = ['scheduled', 'delivered', 'scheduledSessions', 'held', 'attended', 'attendedWithPrimary', 'absence', 'notRecorded', 'shortened', ...cancelledColumns, 'schoolDays'];
const GROUP_WEEK_COLUMNS = ['held', 'heldByPrimary', ...cancelledColumns];
/** The live student-week builder's columns after the keys, in its order (a UNION ALL matches by position). */
const STUDENT_WEEK_ORDER = [...STUDENT_WEEK_COLUMNS.filter((c) => c !== 'schoolDays'), 'unlogged', 'madeUp', 'schoolDays'];

/** Where the builders' session rows come from: date ranges of a window, or (group, week) pairs to refresh. */
type Source = { ranges: readonly DateRange[] } | { pairs: RollupPairs };

export interface RollupPairs {
  groupIds: string[];
  /** Mondays, one per group id. */
  weeks: IsoDate[];
}

function sessionDatesSql(source: Source): Prisma.Sql {
  if ('pairs' in source) return Prisma.sql`s.date >= c."weekStart" AND s.date <= c."weekStart" + 6`;
  return dayInRangesSql(source.ranges, Prisma.sql`s.date`);
}

function dayInRangesSql(ranges: readonly DateRange[], day: Prisma.Sql): Prisma.Sql {
  if (!ranges.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(ranges.map(([from, to]) => Prisma.sql`(${day} >= ${from}::date AND ${day} <= ${to}::date)`), ' OR ')})`;
}

/** The session's primary tutor (the group's on its date); the group's current one for a row written before it was recorded. */
const sessionPrimarySql = Prisma.sql`COALESCE(s."primaryTutorId", g."primaryTutorId")`;
/** A session's tutor: who delivered it, else the assigned substitute, else its primary tutor. */
const sessionTutorSql = Prisma.sql`COALESCE(s."deliveredById", s."substituteTutorId", s."primaryTutorId", g."primaryTutorId")`;

/**
 * School days of a student-week row: its weekdays (Monday–Friday) inside one of the
 * student's memberships of the group and the source's dates, that are not no-school
 * days for the group's site. Dose vs target prorates the week's target by these
 * days ÷ 5. `row` names the row's week, student, group and site columns.
 */
function schoolDaysSql(source: Source, row = { week: 'f."weekStart"', student: 'f."studentId"', group: 'f."groupId"', site: 'f."siteId"' }): Prisma.Sql {
  const inSource = 'pairs' in source ? Prisma.sql`TRUE` : dayInRangesSql(source.ranges, Prisma.sql`d.day`);
  const [week, student, group, site] = [row.week, row.student, row.group, row.site].map(Prisma.raw);
  return Prisma.sql`(SELECT COUNT(*) FROM generate_series(${week}, ${week} + 4, interval '1 day') AS d(day)
      WHERE ${inSource}
        AND EXISTS (SELECT 1 FROM membership m2 WHERE m2."studentId" = ${student} AND m2."groupId" = ${group}
          AND m2."startDate" <= d.day AND (m2."endDate" IS NULL OR m2."endDate" >= d.day))
        AND NOT EXISTS (SELECT 1 FROM no_school_day n WHERE n.date = d.day AND (n."siteId" IS NULL OR n."siteId" = ${site})))::int`;
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
function studentWeekAggregateSql(scope: MetricsScope | null, source: Source): Prisma.Sql {
  const cancelled = CANCELLATION_REASONS.map(
    (reason) => Prisma.sql`COALESCE(SUM(scheduled) FILTER (WHERE status = 'CANCELLED' AND reason = ${reason}), 0)::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
  );
  return Prisma.sql`
    SELECT f.*, ${schoolDaysSql(source)} AS "schoolDays" FROM (
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
      COALESCE(SUM(scheduled) FILTER (WHERE status = 'SCHEDULED'), 0)::int AS unlogged,
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
        ${sessionTutorSql} = ${sessionPrimarySql} AS "byPrimary"
      ${membershipJoinsSql}
      ${pairsJoinSql(source, Prisma.sql`m."groupId"`)}
      JOIN session s ON s."groupId" = m."groupId" AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
        AND ${sessionDatesSql(source)}
      LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
      WHERE ${scope ? membershipWhereSql(scope) : Prisma.sql`TRUE`}
    ) rows
    GROUP BY "studentId", "groupId", "siteId", subject, "weekStart") f`;
}

/**
 * One row per student × group × week with sessions inside the student's membership
 * dates and the window. Columns: studentId, groupId, siteId, subject, weekStart,
 * scheduled, delivered, scheduledSessions, held, attended, attendedWithPrimary, the
 * lost-minute parts (absence, notRecorded, shortened, cancelled_<REASON>, unlogged,
 * madeUp), which add up to scheduled − delivered, and schoolDays (see schoolDaysSql).
 * Computed live from session and attendance rows. The window should end at "as of":
 * every session still SCHEDULED in it counts as unlogged.
 */
export function studentWeekFactsSql(scope: MetricsScope): Prisma.Sql {
  return studentWeekAggregateSql(scope, { ranges: [[scope.from, scope.to]] });
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

/** studentWeekFactsSql's rows (same columns, same order), the plan's whole weeks read from metrics_student_week. */
export function studentWeekFactsPlannedSql(scope: MetricsScope, plan: FactsPlan): Prisma.Sql {
  if (!plan.rollupWeeks.length) return studentWeekAggregateSql(scope, { ranges: plan.live });
  // An edge week served whole (no session outside the window) still counts only its school days inside the window.
  const schoolDays = Prisma.sql`CASE WHEN r."weekStart" >= ${scope.from}::date AND r."weekStart" + 4 <= ${scope.to}::date THEN r."schoolDays"
      ELSE ${schoolDaysSql({ ranges: [[scope.from, scope.to]] }, { week: 'r."weekStart"', student: 'r."studentId"', group: 'r."groupId"', site: 'g."siteId"' })} END AS "schoolDays"`;
  const rollup = Prisma.sql`
    SELECT r."studentId", r."groupId", g."siteId", g.subject::text AS subject, r."weekStart",
      ${Prisma.raw(STUDENT_WEEK_ORDER.filter((c) => c !== 'schoolDays').map((c) => (c === 'unlogged' ? 'r.pending AS unlogged' : `r."${c}"`)).join(', '))},
      ${schoolDays}
    FROM metrics_student_week r
    JOIN tutoring_group g ON g.id = r."groupId"
    ${hasStudentFilter(scope) ? Prisma.sql`JOIN student st ON st.id = r."studentId" AND ${studentFilterSql(scope)}` : Prisma.empty}
    WHERE ${weeksSql(plan.rollupWeeks)} AND ${groupFilterSql(scope)}`;
  if (!plan.live.length) return rollup;
  return Prisma.sql`${rollup}
    UNION ALL
    ${studentWeekAggregateSql(scope, { ranges: plan.live })}`;
}

/** Replaces the rollup rows of the pairs (run in the refresh's transaction, after deleting them). */
export function studentWeekRollupInsertSql(pairs: RollupPairs): Prisma.Sql {
  const columns = ['studentId', 'groupId', 'weekStart', ...STUDENT_WEEK_COLUMNS];
  return Prisma.sql`
    INSERT INTO metrics_student_week (${quoted([...columns, 'pending', 'madeUp'])})
    SELECT ${quoted(columns)}, unlogged, "madeUp"
    FROM (${studentWeekAggregateSql(null, { pairs })}) f`;
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

function groupWeekAggregateSql(scope: MetricsScope | null, source: Source): Prisma.Sql {
  const cancelled = CANCELLATION_REASONS.map(
    (reason) => Prisma.sql`COUNT(*) FILTER (WHERE s.status = 'CANCELLED' AND s."cancellationReason"::text = ${reason})::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
  );
  const members =
    scope && hasStudentFilter(scope)
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM membership m JOIN student st ON st.id = m."studentId"
        WHERE m."groupId" = s."groupId" AND m."startDate" <= s.date AND (m."endDate" IS NULL OR m."endDate" >= s.date) AND ${studentFilterSql(scope)})`
      : Prisma.empty;
  return Prisma.sql`
    SELECT g."siteId", g.id AS "groupId", ${sessionTutorSql} AS "tutorId",
      date_trunc('week', s.date::timestamp)::date AS "weekStart",
      COUNT(*) FILTER (WHERE s.status = 'HELD')::int AS held,
      COUNT(*) FILTER (WHERE s.status = 'HELD' AND ${sessionTutorSql} = ${sessionPrimarySql})::int AS "heldByPrimary",
      ${Prisma.join(cancelled, ', ')},
      COUNT(*) FILTER (WHERE s.status = 'SCHEDULED')::int AS unlogged,
      COUNT(*) FILTER (WHERE s.status = 'HELD' AND s."makeupForId" IS NOT NULL)::int AS "makeupsHeld"
    FROM session s
    JOIN tutoring_group g ON g.id = s."groupId"
    ${pairsJoinSql(source, Prisma.sql`s."groupId"`)}
    WHERE ${sessionDatesSql(source)} AND ${scope ? groupFilterSql(scope) : Prisma.sql`TRUE`} ${members}
    GROUP BY 1, 2, 3, 4`;
}

/**
 * One row per group × week × tutor: siteId, groupId, tutorId (who delivered it, else
 * the assigned substitute, else the session's primary tutor), weekStart, and session
 * counts: held, heldByPrimary (held by the session's primary tutor), cancelled_<REASON>,
 * unlogged (still SCHEDULED: the window should end at "as of"), makeupsHeld. Make-ups
 * count like any session. With a student filter, only sessions inside those students'
 * memberships count. Computed live from session rows.
 */
export function groupWeekFactsSql(scope: MetricsScope): Prisma.Sql {
  return groupWeekAggregateSql(scope, { ranges: [[scope.from, scope.to]] });
}

/**
 * groupWeekFactsSql's rows, the plan's whole weeks read from metrics_group_week. A
 * scope naming students or grades counts sessions by membership: read live.
 */
export function groupWeekFactsPlannedSql(scope: MetricsScope, plan: FactsPlan): Prisma.Sql {
  if (hasStudentFilter(scope)) return groupWeekAggregateSql(scope, { ranges: [...plan.live, ...plan.rollupWeeks.map((m): DateRange => [m, addDays(m, 6)])] });
  if (!plan.rollupWeeks.length) return groupWeekAggregateSql(scope, { ranges: plan.live });
  const rollup = Prisma.sql`
    SELECT g."siteId", r."groupId", r."tutorId", r."weekStart",
      ${Prisma.raw(GROUP_WEEK_COLUMNS.map((c) => `r."${c}"`).join(', '))},
      r.pending AS unlogged, r."makeupsHeld"
    FROM metrics_group_week r
    JOIN tutoring_group g ON g.id = r."groupId"
    WHERE ${weeksSql(plan.rollupWeeks)} AND ${groupFilterSql(scope)}`;
  if (!plan.live.length) return rollup;
  return Prisma.sql`${rollup}
    UNION ALL
    ${groupWeekAggregateSql(scope, { ranges: plan.live })}`;
}

/** Replaces the group-week rollup rows of the pairs (after deleting them). */
export function groupWeekRollupInsertSql(pairs: RollupPairs): Prisma.Sql {
  const columns = ['groupId', 'tutorId', 'weekStart', ...GROUP_WEEK_COLUMNS];
  return Prisma.sql`
    INSERT INTO metrics_group_week (${quoted([...columns, 'pending', 'makeupsHeld'])})
    SELECT ${quoted(columns)}, unlogged, "makeupsHeld"
    FROM (${groupWeekAggregateSql(null, { pairs })}) f`;
}
