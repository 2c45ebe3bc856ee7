// Student figures over a scope, summed in Postgres from the student-week facts
// (./facts-sql.ts; whole weeks from the rollup, ./rollup.ts): dose scheduled and
// delivered, dose rate, dose vs target, lost minutes by reason, attendance rate and
// tutor consistency, each counting sessions up to "as of" (yesterday or the window's
// end); later sessions of the window are "still to come", apart. One query gives them
// all for a page; the named functions below are that query seen through one figure.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { CANCELLATION_REASONS, doseRate, doseVsTarget, type CancellationReasonCode, type LostMinutes } from './dose';
import { cancelledColumn, studentWeekFactsPlannedSql, studentWeekFactsSql, studentWeekSpineSql } from './facts-sql';
import { factsPlanFor } from './rollup';
import { asOfWindow, type FactsPlan } from './rollup-plan';
import { metricsPolicy, type MetricsPolicy, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;
type Policy = Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek'>;

const policyOf = async (db: Db, policy?: Policy): Promise<Policy> => policy ?? metricsPolicy(db);

/** Reads nothing: a window with no counted date. */
const NOTHING: FactsPlan = { rollupWeeks: [], live: [] };

/** The scope up to "as of" and its plan, and the scope of the dates still to come (null when none). */
async function asOfScopes(db: Db, scope: MetricsScope, today: IsoDate) {
  const { counted, stillToCome } = asOfWindow(scope.from, scope.to, today);
  const past = counted ? { ...scope, from: counted[0], to: counted[1] } : scope;
  const plan = counted ? await factsPlanFor(db, past, today) : NOTHING;
  return { counted: counted !== null, past, plan, later: stillToCome ? { ...scope, from: stillToCome[0], to: stillToCome[1] } : null };
}

/** Dose vs target of delivered minutes over `schoolDays` (each day 1/5 of a week's target). */
const doseVsTargetOfDays = (delivered: number, schoolDays: number, targetMinutesPerWeek: number) => doseVsTarget(delivered, schoolDays / 5, targetMinutesPerWeek);

export interface StudentWeekDose {
  studentId: string;
  groupId: string;
  siteId: string;
  subject: 'MATH' | 'ELA';
  weekStart: IsoDate;
  scheduled: number;
  delivered: number;
  /** Null in a week with nothing scheduled. */
  doseRate: number | null;
  /** Delivered ÷ the week's target prorated by its school days; null in a week with no session or no school day. */
  doseVsTarget: number | null;
  /** Weekdays of the week inside the placement and up to "as of" that are school days (0 without a session). */
  schoolDays: number;
  scheduledSessions: number;
  held: number;
  attended: number;
}

/**
 * Every week up to "as of" each student was placed in a group within the scope,
 * nothing-scheduled weeks included (as zeros). Weeks wholly still to come are left out.
 */
export async function studentWeekDose(db: Db, scope: MetricsScope, policy?: Policy): Promise<StudentWeekDose[]> {
  const p = await policyOf(db, policy);
  const { counted, past, plan } = await asOfScopes(db, scope, p.today);
  if (!counted) return [];
  const rows = await db.$queryRaw<Omit<StudentWeekDose, 'doseRate' | 'doseVsTarget'>[]>`
    WITH facts AS (${studentWeekFactsPlannedSql(past, plan)}), spine AS (${studentWeekSpineSql(past)})
    SELECT sp."studentId", sp."groupId", sp."siteId", sp.subject, to_char(sp."weekStart", 'YYYY-MM-DD') AS "weekStart",
      COALESCE(f.scheduled, 0) AS scheduled, COALESCE(f.delivered, 0) AS delivered,
      COALESCE(f."scheduledSessions", 0) AS "scheduledSessions", COALESCE(f.held, 0) AS held, COALESCE(f.attended, 0) AS attended,
      COALESCE(f."schoolDays", 0) AS "schoolDays"
    FROM spine sp
    LEFT JOIN facts f ON f."studentId" = sp."studentId" AND f."groupId" = sp."groupId" AND f."weekStart" = sp."weekStart"
    ORDER BY sp."studentId", sp."weekStart", sp."groupId"`;
  return rows.map((r) => ({ ...r, doseRate: doseRate(r), doseVsTarget: doseVsTargetOfDays(r.delivered, r.schoolDays, p.targetMinutesPerWeek) }));
}

export type StudentMetricsBy = 'student' | 'placement' | 'group' | 'site' | 'all';

export interface StudentMetrics {
  /** The student, group or site id; `studentId:groupId` for a placement; 'all' for the whole scope. */
  key: string;
  students: number;
  scheduled: number;
  delivered: number;
  /** Pooled: all delivered ÷ all scheduled. */
  doseRate: number | null;
  /** Mean of the students' own dose rates (students with something scheduled). */
  meanStudentDoseRate: number | null;
  /** Placement weeks counted for dose vs target, each prorated by its school days (a week with one day off = 0.8). */
  weeks: number;
  /** The target minutes of those weeks: weeks × the policy's weekly target. */
  targetMinutes: number;
  /** Pooled: all delivered ÷ all target minutes. */
  doseVsTarget: number | null;
  /** Students every one of whose placements (with a week counted) met its target dose, of those with a week counted. */
  studentsMeetingTarget: number;
  studentsWithWeeks: number;
  lost: LostMinutes;
  /** Sessions of the window after "as of" (planned, not make-ups), in none of the figures above. */
  stillToCome: { sessions: number; minutes: number };
  held: number;
  attended: number;
  attendanceRate: number | null;
  attendedWithPrimary: number;
  tutorConsistency: number | null;
}

const keyColumn: Record<StudentMetricsBy, Prisma.Sql> = {
  student: Prisma.sql`"studentId"::text`,
  placement: Prisma.sql`"studentId"::text || ':' || "groupId"::text`,
  group: Prisma.sql`"groupId"::text`,
  site: Prisma.sql`"siteId"::text`,
  all: Prisma.sql`'all'`,
};

const sumColumns = ['scheduled', 'delivered', 'held', 'attended', 'attendedWithPrimary', 'absence', 'notRecorded', 'shortened', 'unlogged', 'madeUp', ...CANCELLATION_REASONS.map(cancelledColumn), 'schoolDays'];

type Row = Record<string, number> & { key: string; students: number; meanStudentDoseRate: number | null; studentsMeetingTarget: number; studentsWithWeeks: number };

const sumsSql = (columns: readonly string[], from = '') => Prisma.raw(columns.map((c) => `SUM(${from}"${c}")::int AS "${c}"`).join(', '));

/**
 * Dose, lost minutes, attendance and tutor consistency for each student, group or
 * site in scope (or all of it), up to "as of". A placement (student × group) meets
 * its target dose when delivered ≥ target minutes of its weeks; a student when every
 * placement with a week counted does. Keys with sessions only still to come have a
 * row with zero students.
 */
export async function studentMetrics(db: Db, scope: MetricsScope, options: { by?: StudentMetricsBy; policy?: Policy } = {}): Promise<StudentMetrics[]> {
  const p = await policyOf(db, options.policy);
  const key = keyColumn[options.by ?? 'student'];
  const { past, plan, later } = await asOfScopes(db, scope, p.today);
  const laterFacts = later ? studentWeekFactsSql(later) : studentWeekFactsPlannedSql(scope, NOTHING);
  const placementSums = sumsSql(sumColumns);
  const studentSums = sumsSql(sumColumns, 'pl.');
  const totals = sumsSql([...sumColumns, 'laterSessions', 'laterMinutes']);
  const rows = await db.$queryRaw<Row[]>`
    WITH facts AS (${studentWeekFactsPlannedSql(past, plan)}),
    later AS (${laterFacts}),
    per_placement AS (
      SELECT ${key} AS key, "studentId", "groupId", ${placementSums} FROM facts GROUP BY 1, 2, 3
    ),
    per_student_past AS (
      SELECT pl.key, pl."studentId", ${studentSums},
        COUNT(*) FILTER (WHERE pl."schoolDays" > 0)::int AS "placementsWithWeeks",
        -- delivered ≥ (school days ÷ 5) × the weekly target, in whole numbers
        COUNT(*) FILTER (WHERE pl."schoolDays" > 0 AND pl.delivered * 5 >= pl."schoolDays" * ${p.targetMinutesPerWeek}::int)::int AS "placementsMeeting"
      FROM per_placement pl GROUP BY 1, 2
    ),
    per_student_later AS (
      SELECT ${key} AS key, "studentId", SUM("scheduledSessions")::int AS "laterSessions", SUM(scheduled)::int AS "laterMinutes" FROM later GROUP BY 1, 2
    ),
    per_student AS (
      SELECT COALESCE(a.key, b.key) AS key, a."studentId" IS NOT NULL AS counted,
        ${Prisma.raw(sumColumns.map((c) => `COALESCE(a."${c}", 0) AS "${c}"`).join(', '))},
        COALESCE(a."placementsWithWeeks", 0) AS "placementsWithWeeks", COALESCE(a."placementsMeeting", 0) AS "placementsMeeting",
        COALESCE(b."laterSessions", 0) AS "laterSessions", COALESCE(b."laterMinutes", 0) AS "laterMinutes"
      FROM per_student_past a FULL JOIN per_student_later b ON b.key = a.key AND b."studentId" = a."studentId"
    )
    SELECT key, COUNT(*) FILTER (WHERE counted)::int AS students, ${totals},
      AVG(delivered::float8 / scheduled) FILTER (WHERE scheduled > 0) AS "meanStudentDoseRate",
      COUNT(*) FILTER (WHERE "placementsWithWeeks" > 0 AND "placementsMeeting" = "placementsWithWeeks")::int AS "studentsMeetingTarget",
      COUNT(*) FILTER (WHERE "placementsWithWeeks" > 0)::int AS "studentsWithWeeks"
    FROM per_student GROUP BY key ORDER BY key`;
  return rows.map((r) => ({
    key: r.key,
    students: r.students,
    scheduled: r.scheduled!,
    delivered: r.delivered!,
    doseRate: doseRate({ scheduled: r.scheduled!, delivered: r.delivered! }),
    meanStudentDoseRate: r.meanStudentDoseRate,
    weeks: r.schoolDays! / 5,
    targetMinutes: (r.schoolDays! * p.targetMinutesPerWeek) / 5,
    doseVsTarget: doseVsTargetOfDays(r.delivered!, r.schoolDays!, p.targetMinutesPerWeek),
    studentsMeetingTarget: r.studentsMeetingTarget,
    studentsWithWeeks: r.studentsWithWeeks,
    lost: {
      studentAbsence: r.absence!,
      attendanceNotRecorded: r.notRecorded!,
      shortened: r.shortened!,
      cancelled: Object.fromEntries(CANCELLATION_REASONS.map((reason) => [reason, r[cancelledColumn(reason)]!])) as Record<CancellationReasonCode, number>,
      unlogged: r.unlogged!,
      madeUp: r.madeUp!,
    },
    stillToCome: { sessions: r.laterSessions!, minutes: r.laterMinutes! },
    held: r.held!,
    attended: r.attended!,
    attendanceRate: r.held! > 0 ? r.attended! / r.held! : null,
    attendedWithPrimary: r.attendedWithPrimary!,
    tutorConsistency: r.attended! > 0 ? r.attendedWithPrimary! / r.attended! : null,
  }));
}

type Options = Parameters<typeof studentMetrics>[2];

/** Lost minutes (scheduled − delivered) by reason. */
export async function lostMinutesByReason(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, scheduled, delivered, lost }) => ({ key, scheduled, delivered, lost }));
}

/** Sessions attended (present or late) ÷ held sessions. */
export async function attendanceRates(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, held, attended, attendanceRate }) => ({ key, held, attended, attendanceRate }));
}

/** Share of attended sessions delivered by the group's primary tutor on the session's date. */
export async function tutorConsistency(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, attended, attendedWithPrimary, tutorConsistency }) => ({ key, attended, attendedWithPrimary, tutorConsistency }));
}
