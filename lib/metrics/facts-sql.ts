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
import type { IsoDate } from '@/lib/dates';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { deliveredMinutesSql, scheduledMinutesSql } from './dose-sql';
import { addDays } from '@/lib/dates';
import { weekRuns, type DateRange, type FactsPlan } from './rollup-plan';
import { groupFilterSql, hasStudentFilter, studentFilterSql, type MetricsScope } from './scope';

/** Column name of the minutes lost to one cancellation reason. */
export const cancelledColumn = (reason: CancellationReasonCode) => `cancelled_${reason}`;

const cancelledColumns = CANCELLATION_REASONS.map(cancelledColumn);
const quoted = (columns: readonly string[]) => Prisma.raw(columns.map((c) => `"${c}"`).join(', '));

/** The rollup tables' fact columns, in the builders' order (`pending` holds unlogged). */
const STUDENT_WEEK_COLUMNS = [
  'scheduled',
  'delivered',
  'scheduledSessions',
  'held',
  'attended',
  'attendedWithPrimary',
  'absence',
  'notRecorded',
  'shortened',
  ...cancelledColumns,
  'schoolDays',
];
const GROUP_WEEK_COLUMNS = ['held', 'heldByPrimary', ...cancelledColumns];
/** The live student-week builder's columns after the keys, in its order (a UNION ALL matches by position). */
const STUDENT_WEEK_ORDER = [
  ...STUDENT_WEEK_COLUMNS.filter((c) => c !== 'schoolDays'),
  'unlogged',
  'madeUp',
  'schoolDays',
];

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
  return Prisma.sql`(${Prisma.join(
    ranges.map(([from, to]) => Prisma.sql`(${day} >= ${from}::date AND ${day} <= ${to}::date)`),
    ' OR ',
  )})`;
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
function schoolDaysSql(
  source: Source,
  row = { week: 'f."weekStart"', student: 'f."studentId"', group: 'f."groupId"', site: 'f."siteId"' },
): Prisma.Sql {
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
    (reason) =>
      Prisma.sql`COALESCE(SUM(scheduled) FILTER (WHERE status = 'CANCELLED' AND reason = ${reason}), 0)::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
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
  const runs = weekRuns(mondays);
  return Prisma.sql`(${Prisma.join(
    runs.map(([a, b]) => Prisma.sql`(r."weekStart" >= ${a}::date AND r."weekStart" <= ${b}::date)`),
    ' OR ',
  )})`;
}

/** studentWeekFactsSql's rows (same columns, same order), the plan's whole weeks read from metrics_student_week. */
export function studentWeekFactsPlannedSql(scope: MetricsScope, plan: FactsPlan): Prisma.Sql {
  if (!plan.rollupWeeks.length) return studentWeekAggregateSql(scope, { ranges: plan.live });
  // An edge week served whole (no session outside the window) still counts only its school days inside the window.
  const schoolDays = Prisma.sql`CASE WHEN r."weekStart" >= ${scope.from}::date AND r."weekStart" + 4 <= ${scope.to}::date THEN r."schoolDays"
      ELSE ${schoolDaysSql({ ranges: [[scope.from, scope.to]] }, { week: 'r."weekStart"', student: 'r."studentId"', group: 'r."groupId"', site: 'g."siteId"' })} END AS "schoolDays"`;
  const rollup = Prisma.sql`
    SELECT r."studentId", r."groupId", g."siteId", g.subject::text AS subject, r."weekStart",
      ${Prisma.raw(
        STUDENT_WEEK_ORDER.filter((c) => c !== 'schoolDays')
          .map((c) => (c === 'unlogged' ? 'r.pending AS unlogged' : `r."${c}"`))
          .join(', '),
      )},
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
    (reason) =>
      Prisma.sql`COUNT(*) FILTER (WHERE s.status = 'CANCELLED' AND s."cancellationReason"::text = ${reason})::int AS ${Prisma.raw(`"${cancelledColumn(reason)}"`)}`,
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
      COUNT(*) FILTER (WHERE s.status = 'HELD' AND s."makeupForId" IS NOT NULL)::int AS "makeupsHeld",
      COALESCE(SUM(s."actualMinutes") FILTER (WHERE s.status = 'HELD'), 0)::int AS "heldMinutes"
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
 * unlogged (still SCHEDULED: the window should end at "as of"), makeupsHeld, and
 * heldMinutes (the held sessions' actual minutes, for tutor cost). Make-ups
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
  if (hasStudentFilter(scope))
    return groupWeekAggregateSql(scope, {
      ranges: [...plan.live, ...plan.rollupWeeks.map((m): DateRange => [m, addDays(m, 6)])],
    });
  if (!plan.rollupWeeks.length) return groupWeekAggregateSql(scope, { ranges: plan.live });
  const rollup = Prisma.sql`
    SELECT g."siteId", r."groupId", r."tutorId", r."weekStart",
      ${Prisma.raw(GROUP_WEEK_COLUMNS.map((c) => `r."${c}"`).join(', '))},
      r.pending AS unlogged, r."makeupsHeld", r."heldMinutes"
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
    INSERT INTO metrics_group_week (${quoted([...columns, 'pending', 'makeupsHeld', 'heldMinutes'])})
    SELECT ${quoted(columns)}, unlogged, "makeupsHeld", "heldMinutes"
    FROM (${groupWeekAggregateSql(null, { pairs })}) f`;
}

// ---------------------------------------------------------------------------
// Running totals (metrics_student_cume, metrics_group_cume) and week totals
// (metrics_week_total), kept by the refresh step (./rollup-refresh.ts) from the rollup
// rows, so a window's runs of whole weeks are read per placement (or group and tutor)
// as two index lookups: the running total at the run's last week minus the one before
// its first. A run's weeks must be rollup weeks the plan serves, each with its weekdays
// inside the window (its stored school days are the window's).
// ---------------------------------------------------------------------------

const STUDENT_CUME_COLUMNS = [...STUDENT_WEEK_COLUMNS, 'pending', 'madeUp'];
const GROUP_CUME_COLUMNS = [...GROUP_WEEK_COLUMNS, 'pending', 'makeupsHeld', 'heldMinutes'];

function cumeInsertSql(
  table: string,
  from: string,
  keys: readonly string[],
  columns: readonly string[],
  groupIds: readonly string[],
): Prisma.Sql {
  const partition = keys.map((k) => `"${k}"`).join(', ');
  return Prisma.sql`
    INSERT INTO ${Prisma.raw(table)} (${quoted([...keys, 'weekStart', ...columns])})
    SELECT ${quoted([...keys, 'weekStart'])}, ${Prisma.raw(columns.map((c) => `SUM("${c}") OVER w`).join(', '))}
    FROM ${Prisma.raw(from)} WHERE "groupId" = ANY(${groupIds}::uuid[])
    WINDOW w AS (PARTITION BY ${Prisma.raw(partition)} ORDER BY "weekStart")`;
}

/** Rewrites the groups' student running totals from metrics_student_week (after deleting them). */
export const studentCumeInsertSql = (groupIds: readonly string[]) =>
  cumeInsertSql(
    'metrics_student_cume',
    'metrics_student_week',
    ['groupId', 'studentId'],
    STUDENT_CUME_COLUMNS,
    groupIds,
  );

/** Rewrites the groups' group × tutor running totals from metrics_group_week (after deleting them). */
export const groupCumeInsertSql = (groupIds: readonly string[]) =>
  cumeInsertSql('metrics_group_cume', 'metrics_group_week', ['groupId', 'tutorId'], GROUP_CUME_COLUMNS, groupIds);

/**
 * The sums of a running-total table over runs of weeks, for each key row of `keys`
 * (a relation k with the table's key columns): per run, the total at the run's last
 * week minus the one before its first; a key with no row inside a run has none for it.
 */
function cumeRunsSql(
  keys: Prisma.Sql,
  table: string,
  keyColumns: readonly string[],
  columns: readonly string[],
  as: Record<string, string>,
  runs: readonly [IsoDate, IsoDate][],
): Prisma.Sql {
  const match = Prisma.raw(keyColumns.map((k) => `c."${k}" = k."${k}"`).join(' AND '));
  const sums = Prisma.raw(columns.map((c) => `e."${c}" - COALESCE(b."${c}", 0) AS "${as[c] ?? c}"`).join(', '));
  return Prisma.join(
    runs.map(
      ([first, last]) => Prisma.sql`
    SELECT k.*, ${sums} FROM ${keys} k
    JOIN LATERAL (SELECT * FROM ${Prisma.raw(table)} c WHERE ${match} AND c."weekStart" <= ${last}::date ORDER BY c."weekStart" DESC LIMIT 1) e
      ON e."weekStart" >= ${first}::date
    LEFT JOIN LATERAL (SELECT * FROM ${Prisma.raw(table)} c WHERE ${match} AND c."weekStart" < ${first}::date ORDER BY c."weekStart" DESC LIMIT 1) b ON TRUE`,
    ),
    ' UNION ALL ',
  );
}

/**
 * The scope's placements (student × group, memberships overlapping the window):
 * studentId, groupId, siteId, subject, and `placed`: some Monday-week of a membership
 * (up to the group's end) inside the window (studentWeekSpineSql's weeks).
 */
export function studentPlacementsSql(scope: MetricsScope): Prisma.Sql {
  return Prisma.sql`SELECT m."studentId", m."groupId", g."siteId", g.subject::text AS subject,
      bool_or(date_trunc('week', GREATEST(m."startDate", ${scope.from}::date)::timestamp)
        <= LEAST(COALESCE(m."endDate", g."endDate"), g."endDate", ${scope.to}::date)::timestamp) AS placed
    ${membershipJoinsSql} WHERE ${membershipWhereSql(scope)}
    GROUP BY 1, 2, 3, 4`;
}

/**
 * The scope's placements' sums over runs of whole weeks, from the running totals: one
 * row per placement and run with rows in it; columns studentId, groupId, siteId,
 * subject and studentWeekFactsSql's sums (no weekStart; unlogged = pending).
 */
export function studentCumeFactsSql(
  scope: MetricsScope,
  runs: readonly [IsoDate, IsoDate][],
  placements?: Prisma.Sql,
): Prisma.Sql {
  const keys = placements ?? Prisma.sql`(${studentPlacementsSql(scope)})`;
  const columns = STUDENT_WEEK_ORDER.map((c) => (c === 'unlogged' ? 'pending' : c));
  return cumeRunsSql(keys, 'metrics_student_cume', ['groupId', 'studentId'], columns, { pending: 'unlogged' }, runs);
}

/**
 * The scope's groups' session counts over runs of whole weeks, from the running totals:
 * one row per group, tutor and run; groupWeekFactsSql's columns without weekStart. Not
 * for a scope naming students or grades (sessions then count by membership).
 */
export function groupCumeFactsSql(scope: MetricsScope, runs: readonly [IsoDate, IsoDate][]): Prisma.Sql {
  const keys = Prisma.sql`(SELECT g."siteId", t."groupId", t."tutorId" FROM tutoring_group g
    JOIN LATERAL (SELECT DISTINCT c."groupId", c."tutorId" FROM metrics_group_cume c WHERE c."groupId" = g.id) t ON TRUE
    WHERE ${groupFilterSql(scope)})`;
  const columns = [...GROUP_WEEK_COLUMNS, 'pending', 'makeupsHeld', 'heldMinutes'];
  return cumeRunsSql(keys, 'metrics_group_cume', ['groupId', 'tutorId'], columns, { pending: 'unlogged' }, runs);
}

/** Rewrites the week totals of the given weeks from metrics_student_week (after deleting them). */
export function weekTotalInsertSql(weeks: readonly IsoDate[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO metrics_week_total ("cycleId", "weekStart", "siteKey", "subjectKey", students, scheduled, delivered)
    SELECT g."cycleId", r."weekStart",
      CASE WHEN GROUPING(g."siteId") = 1 THEN '' ELSE g."siteId"::text END,
      CASE WHEN GROUPING(g.subject) = 1 THEN '' ELSE g.subject::text END,
      COUNT(DISTINCT r."studentId") FILTER (WHERE r.scheduled <> 0 OR r.delivered <> 0)::int, SUM(r.scheduled)::int, SUM(r.delivered)::int
    FROM metrics_student_week r JOIN tutoring_group g ON g.id = r."groupId"
    WHERE r."weekStart" = ANY(${weeks}::date[])
    GROUP BY GROUPING SETS ((g."cycleId", r."weekStart"), (g."cycleId", r."weekStart", g."siteId"),
      (g."cycleId", r."weekStart", g.subject), (g."cycleId", r."weekStart", g."siteId", g.subject))`;
}

/** The week-total row of a scope, when one is kept: a cycle, at most one site, any subject, nothing else. */
export function weekTotalKey(scope: MetricsScope): { cycleId: string; siteKey: string; subjectKey: string } | null {
  if (!scope.cycleId || scope.groupId || scope.providerId || hasStudentFilter(scope)) return null;
  if (scope.siteIds && scope.siteIds.length !== 1) return null;
  return { cycleId: scope.cycleId, siteKey: scope.siteIds?.[0] ?? '', subjectKey: scope.subject ?? '' };
}

/**
 * Each week's totals over the scope's student facts for the given rollup weeks (whole
 * weeks the plan serves): weekStart (date), students (with minutes scheduled or
 * delivered that week), scheduled, delivered. From metrics_week_total where the scope
 * has a row there and the week is not in `staleTotals`; otherwise summed from the rollup rows.
 */
export function weekTotalsSql(
  scope: MetricsScope,
  weeks: readonly IsoDate[],
  staleTotals: readonly IsoDate[],
): Prisma.Sql {
  const key = weekTotalKey(scope);
  const stale = new Set(staleTotals);
  const kept = key ? weeks.filter((w) => !stale.has(w)) : [];
  const summed = key ? weeks.filter((w) => stale.has(w)) : [...weeks];
  const parts: Prisma.Sql[] = [];
  if (kept.length) {
    parts.push(Prisma.sql`
      SELECT "weekStart", students, scheduled, delivered FROM metrics_week_total
      WHERE "cycleId" = ${key!.cycleId}::uuid AND "siteKey" = ${key!.siteKey} AND "subjectKey" = ${key!.subjectKey}
        AND "weekStart" = ANY(${kept}::date[])`);
  }
  if (summed.length) {
    parts.push(Prisma.sql`
      SELECT "weekStart", COUNT(DISTINCT "studentId") FILTER (WHERE scheduled <> 0 OR delivered <> 0)::int AS students,
        SUM(scheduled)::int AS scheduled, SUM(delivered)::int AS delivered
      FROM (${studentWeekFactsPlannedSql(scope, { rollupWeeks: summed, live: [] })}) r GROUP BY "weekStart"`);
  }
  if (!parts.length)
    return Prisma.sql`SELECT NULL::date AS "weekStart", 0 AS students, 0 AS scheduled, 0 AS delivered WHERE FALSE`;
  return Prisma.join(parts, ' UNION ALL ');
}

/**
 * The scope's group facts summed over the plan per site, group and tutor, without
 * weeks: the rollup weeks from the running totals, the live dates from session rows.
 * Columns: siteId, groupId, tutorId, held, heldByPrimary, cancelled_<REASON>, unlogged,
 * makeupsHeld, heldMinutes (one row per run or live key: sum them). A scope naming
 * students or grades counts sessions by membership: read live.
 */
export function groupFactsOverPlanSql(scope: MetricsScope, plan: FactsPlan): Prisma.Sql {
  const columns = Prisma.raw(
    ['siteId', 'groupId', 'tutorId', ...GROUP_WEEK_COLUMNS, 'unlogged', 'makeupsHeld', 'heldMinutes']
      .map((c) => `"${c}"`)
      .join(', '),
  );
  const liveOf = (ranges: readonly DateRange[]) =>
    Prisma.sql`SELECT ${columns} FROM (${groupWeekAggregateSql(scope, { ranges })}) f`;
  if (hasStudentFilter(scope))
    return liveOf([...plan.live, ...plan.rollupWeeks.map((m): DateRange => [m, addDays(m, 6)])]);
  if (!plan.rollupWeeks.length) return liveOf(plan.live);
  const cume = groupCumeFactsSql(scope, weekRuns(plan.rollupWeeks));
  return plan.live.length ? Prisma.sql`${cume} UNION ALL ${liveOf(plan.live)}` : cume;
}

/**
 * The program standard's window-free facts of a group row (alias `g`): weeks, the
 * Monday-weeks with a planned (not make-up) session between the group's dates; and
 * largest, the roster's peak (the members placed on some member's start date).
 */
export const groupWeeksSql = Prisma.sql`(SELECT COUNT(DISTINCT date_trunc('week', s.date::timestamp))::int FROM session s
  WHERE s."groupId" = g.id AND s."makeupForId" IS NULL AND s.date >= g."startDate" AND s.date <= g."endDate")`;
export const groupLargestSql = Prisma.sql`(SELECT COALESCE(MAX(n), 0)::int FROM (
  SELECT COUNT(*) AS n FROM membership m1 JOIN membership m2 ON m2."groupId" = m1."groupId"
    AND m2."startDate" <= m1."startDate" AND (m2."endDate" IS NULL OR m2."endDate" >= m1."startDate")
  WHERE m1."groupId" = g.id GROUP BY m1.id) peaks)`;

/** Rewrites the groups' metrics_group_standard rows (after deleting them). */
export function groupStandardInsertSql(groupIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO metrics_group_standard ("groupId", weeks, largest)
    SELECT g.id, ${groupWeeksSql}, ${groupLargestSql} FROM tutoring_group g WHERE g.id = ANY(${groupIds}::uuid[])`;
}
