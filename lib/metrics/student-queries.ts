// Student figures over a scope, summed in Postgres from the student-week facts
// (./facts-sql.ts; whole weeks from the rollup, ./rollup.ts): dose scheduled and delivered, dose rate, dose vs target, lost
// minutes by reason, attendance rate and tutor consistency. One query gives them all
// for a page; the named functions below are that query seen through one figure.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { CANCELLATION_REASONS, doseRate, doseVsTarget, type CancellationReasonCode, type LostMinutes } from './dose';
import { cancelledColumn, studentWeekFactsPlannedSql, studentWeekSpineSql } from './facts-sql';
import { factsPlanFor } from './rollup';
import { metricsPolicy, type MetricsPolicy, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;
type Policy = Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek'>;

const policyOf = async (db: Db, policy?: Policy): Promise<Policy> => policy ?? metricsPolicy(db);

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
  /** Delivered ÷ the weekly target; null in a week with nothing scheduled or delivered. */
  doseVsTarget: number | null;
  scheduledSessions: number;
  held: number;
  attended: number;
}

/** Every week each student was placed in a group within the scope, nothing-scheduled weeks included (as zeros). */
export async function studentWeekDose(db: Db, scope: MetricsScope, policy?: Policy): Promise<StudentWeekDose[]> {
  const p = await policyOf(db, policy);
  const plan = await factsPlanFor(db, scope, p.today);
  const rows = await db.$queryRaw<Omit<StudentWeekDose, 'doseRate' | 'doseVsTarget'>[]>`
    WITH facts AS (${studentWeekFactsPlannedSql(scope, p.today, plan)}), spine AS (${studentWeekSpineSql(scope)})
    SELECT sp."studentId", sp."groupId", sp."siteId", sp.subject, to_char(sp."weekStart", 'YYYY-MM-DD') AS "weekStart",
      COALESCE(f.scheduled, 0) AS scheduled, COALESCE(f.delivered, 0) AS delivered,
      COALESCE(f."scheduledSessions", 0) AS "scheduledSessions", COALESCE(f.held, 0) AS held, COALESCE(f.attended, 0) AS attended
    FROM spine sp
    LEFT JOIN facts f ON f."studentId" = sp."studentId" AND f."groupId" = sp."groupId" AND f."weekStart" = sp."weekStart"
    ORDER BY sp."studentId", sp."weekStart", sp."groupId"`;
  return rows.map((r) => ({
    ...r,
    doseRate: doseRate(r),
    doseVsTarget: r.scheduled > 0 || r.delivered > 0 ? doseVsTarget(r.delivered, 1, p.targetMinutesPerWeek) : null,
  }));
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
  /** Student × subject weeks with something scheduled or delivered. */
  weeks: number;
  doseVsTarget: number | null;
  /** Students whose delivered minutes per week reach the target, of those with a week counted. */
  studentsMeetingTarget: number;
  studentsWithWeeks: number;
  lost: LostMinutes;
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

const sumColumns = ['scheduled', 'delivered', 'held', 'attended', 'attendedWithPrimary', 'absence', 'notRecorded', 'shortened', 'unlogged', 'upcoming', 'madeUp', ...CANCELLATION_REASONS.map(cancelledColumn)];

type Row = Record<string, number> & { key: string; students: number; weeks: number; meanStudentDoseRate: number | null; studentsMeetingTarget: number; studentsWithWeeks: number };

/** Dose, lost minutes, attendance and tutor consistency for each student, group or site in scope (or all of it). */
export async function studentMetrics(db: Db, scope: MetricsScope, options: { by?: StudentMetricsBy; policy?: Policy } = {}): Promise<StudentMetrics[]> {
  const p = await policyOf(db, options.policy);
  const sums = Prisma.raw(sumColumns.map((c) => `SUM("${c}")::int AS "${c}"`).join(', '));
  const plan = await factsPlanFor(db, scope, p.today);
  const rows = await db.$queryRaw<Row[]>`
    WITH facts AS (${studentWeekFactsPlannedSql(scope, p.today, plan)}),
    per_student AS (
      SELECT ${keyColumn[options.by ?? 'student']} AS key, "studentId",
        ${sums},
        COUNT(DISTINCT subject || "weekStart"::text) FILTER (WHERE scheduled > 0 OR delivered > 0)::int AS weeks
      FROM facts GROUP BY 1, 2
    )
    SELECT key, COUNT(*)::int AS students, ${sums},
      SUM(weeks)::int AS weeks,
      AVG(delivered::float8 / scheduled) FILTER (WHERE scheduled > 0) AS "meanStudentDoseRate",
      COUNT(*) FILTER (WHERE weeks > 0 AND delivered >= weeks * ${p.targetMinutesPerWeek}::int)::int AS "studentsMeetingTarget",
      COUNT(*) FILTER (WHERE weeks > 0)::int AS "studentsWithWeeks"
    FROM per_student GROUP BY key ORDER BY key`;
  return rows.map((r) => ({
    key: r.key,
    students: r.students,
    scheduled: r.scheduled!,
    delivered: r.delivered!,
    doseRate: doseRate({ scheduled: r.scheduled!, delivered: r.delivered! }),
    meanStudentDoseRate: r.meanStudentDoseRate,
    weeks: r.weeks,
    doseVsTarget: doseVsTarget(r.delivered!, r.weeks, p.targetMinutesPerWeek),
    studentsMeetingTarget: r.studentsMeetingTarget,
    studentsWithWeeks: r.studentsWithWeeks,
    lost: {
      studentAbsence: r.absence!,
      attendanceNotRecorded: r.notRecorded!,
      shortened: r.shortened!,
      cancelled: Object.fromEntries(CANCELLATION_REASONS.map((reason) => [reason, r[cancelledColumn(reason)]!])) as Record<CancellationReasonCode, number>,
      unlogged: r.unlogged!,
      upcoming: r.upcoming!,
      madeUp: r.madeUp!,
    },
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

/** Share of attended sessions delivered by the group's primary tutor. */
export async function tutorConsistency(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, attended, attendedWithPrimary, tutorConsistency }) => ({ key, attended, attendedWithPrimary, tutorConsistency }));
}
