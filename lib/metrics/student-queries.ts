// Student figures over a scope, summed in Postgres from the student-week facts
// (./facts-sql.ts; whole weeks from the rollup, ./rollup.ts): dose scheduled and
// delivered, dose rate, dose vs target, lost minutes by reason, attendance rate and
// tutor consistency, each counting sessions up to "as of" (yesterday or the window's
// end); later sessions of the window are "still to come", apart. One query gives them
// all for a page; the named functions below are that query seen through one figure.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { CANCELLATION_REASONS, doseRate, doseVsTarget, type CancellationReasonCode, type LostMinutes } from './dose';
import {
  cancelledColumn,
  studentCumeFactsSql,
  studentPlacementsSql,
  studentWeekFactsPlannedSql,
  studentWeekFactsSql,
  studentWeekSpineSql,
  weekTotalsSql,
} from './facts-sql';
import { factsPlanFor } from './rollup';
import { asOfWindow, cumeSplit, type FactsPlan } from './rollup-plan';
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
  return {
    counted: counted !== null,
    past,
    plan,
    later: stillToCome ? { ...scope, from: stillToCome[0], to: stillToCome[1] } : null,
  };
}

/** Dose vs target of delivered minutes over `schoolDays` (each day 1/5 of a week's target). */
const doseVsTargetOfDays = (delivered: number, schoolDays: number, targetMinutesPerWeek: number) =>
  doseVsTarget(delivered, schoolDays / 5, targetMinutesPerWeek);

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
  return rows.map((r) => ({
    ...r,
    doseRate: doseRate(r),
    doseVsTarget: doseVsTargetOfDays(r.delivered, r.schoolDays, p.targetMinutesPerWeek),
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

const namedColumns = [
  'scheduled',
  'delivered',
  'held',
  'attended',
  'attendedWithPrimary',
  'absence',
  'notRecorded',
  'shortened',
  'unlogged',
  'madeUp',
  'schoolDays',
] as const;
const sumColumns: readonly string[] = [...namedColumns, ...CANCELLATION_REASONS.map(cancelledColumn)];
/** The summed fact columns: the named ones and cancelled_<REASON>. */
type Sums = Record<(typeof namedColumns)[number], number> & Record<string, number>;

// A page derives its tables from ten thousand placements: their sums are built with one
// object shape and added as arrays in sumColumns' order, not through keyed lookups.
/** Sums from values in sumColumns' order, starting at `at`. */
const sumsFrom = (v: ArrayLike<number>, at = 0): Sums => ({
  scheduled: v[at]!,
  delivered: v[at + 1]!,
  held: v[at + 2]!,
  attended: v[at + 3]!,
  attendedWithPrimary: v[at + 4]!,
  absence: v[at + 5]!,
  notRecorded: v[at + 6]!,
  shortened: v[at + 7]!,
  unlogged: v[at + 8]!,
  madeUp: v[at + 9]!,
  schoolDays: v[at + 10]!,
  cancelled_TUTOR_ABSENT: v[at + 11]!,
  cancelled_STUDENT_OR_SCHOOL_EVENT: v[at + 12]!,
  cancelled_TESTING: v[at + 13]!,
  cancelled_SCHOOL_CLOSURE: v[at + 14]!,
  cancelled_OTHER: v[at + 15]!,
});
/** Adds a Sums into values in sumColumns' order. */
function addInto(total: number[], s: Sums): void {
  total[0]! += s.scheduled;
  total[1]! += s.delivered;
  total[2]! += s.held;
  total[3]! += s.attended;
  total[4]! += s.attendedWithPrimary;
  total[5]! += s.absence;
  total[6]! += s.notRecorded;
  total[7]! += s.shortened;
  total[8]! += s.unlogged;
  total[9]! += s.madeUp;
  total[10]! += s.schoolDays;
  total[11]! += s.cancelled_TUTOR_ABSENT!;
  total[12]! += s.cancelled_STUDENT_OR_SCHOOL_EVENT!;
  total[13]! += s.cancelled_TESTING!;
  total[14]! += s.cancelled_SCHOOL_CLOSURE!;
  total[15]! += s.cancelled_OTHER!;
}
// The two lists above follow sumColumns: checked once, when the module loads.
if (
  Object.keys(sumsFrom(sumColumns.map((_, i) => i))).join() !== sumColumns.join() ||
  Object.values(sumsFrom(sumColumns.map((_, i) => i))).some((v, i) => v !== i)
) {
  throw new Error('student-queries: sumsFrom does not follow sumColumns');
}
const zeroValues = () => new Array<number>(sumColumns.length).fill(0);

/**
 * One placement (student × group) of a scope, its facts summed over the window up to
 * "as of" (`counted`: it has facts there), its sessions still to come, and whether the
 * student was placed in the group during the counted window (`placed`: some Monday-week
 * of the membership inside it, the spine of studentWeekDose). The grain every student
 * figure of a page is derived from (studentMetricsOf), read once per page.
 */
export interface PlacementFacts {
  studentId: string;
  groupId: string;
  siteId: string;
  subject: 'MATH' | 'ELA';
  counted: boolean;
  placed: boolean;
  /** It has sessions in the window after "as of". */
  hasLater: boolean;
  sums: Sums;
  laterSessions: number;
  laterMinutes: number;
}

/** A week's totals over the scope's student facts: students with minutes scheduled or delivered that week. */
export interface WeekTotals {
  weekStart: IsoDate;
  students: number;
  scheduled: number;
  delivered: number;
}

export interface StudentFacts {
  placements: PlacementFacts[];
  weeks: WeekTotals[];
}

const sumsSql = (columns: readonly string[], from = '') =>
  Prisma.raw(columns.map((c) => `SUM(${from}"${c}")::int AS "${c}"`).join(', '));

/**
 * The scope's student facts in one query: one row per placement, and the totals of
 * each week. The plan's whole weeks come from the running totals (two index lookups a
 * placement) and the week totals; a partial edge week from the rollup rows; the rest live.
 */
export async function readStudentFacts(db: Db, scope: MetricsScope, policy?: Policy): Promise<StudentFacts> {
  const p = await policyOf(db, policy);
  const { counted, past, plan, later } = await asOfScopes(db, scope, p.today);
  const laterFacts = later ? studentWeekFactsSql(later) : studentWeekFactsPlannedSql(scope, NOTHING);
  const keys = Prisma.raw(`"studentId", "groupId", "siteId", subject`);
  const quotedSums = Prisma.raw(sumColumns.map((c) => `"${c}"`).join(', '));
  const split = cumeSplit(past.from, past.to, plan);
  // The rows come back packed, a line per placement and per week in two text values:
  // a page's ten thousand placements × 25 columns cost more to decode value by value
  // than to compute.
  const [packed] = await db.$queryRaw<{ p: string | null; w: string | null }[]>`
    WITH placements AS MATERIALIZED (${studentPlacementsSql(past)}),
    facts AS MATERIALIZED (${studentWeekFactsPlannedSql(past, split.rows)}),
    cume AS (${split.runs.length ? studentCumeFactsSql(past, split.runs, Prisma.sql`placements`) : Prisma.sql`SELECT ${keys}, ${sumsSql(sumColumns)} FROM facts WHERE FALSE GROUP BY ${keys}`}),
    later AS (${laterFacts}),
    pl AS (SELECT ${keys}, ${sumsSql(sumColumns)} FROM (
      SELECT ${keys}, ${quotedSums} FROM facts UNION ALL SELECT ${keys}, ${quotedSums} FROM cume) f GROUP BY ${keys}),
    lt AS (SELECT ${keys}, SUM("scheduledSessions")::int AS "laterSessions", SUM(scheduled)::int AS "laterMinutes" FROM later GROUP BY ${keys}),
    -- Placed during the counted window (none when nothing is counted).
    sp AS (SELECT ${keys} FROM placements WHERE placed AND ${counted ? Prisma.sql`TRUE` : Prisma.sql`FALSE`}),
    -- Per student and week, then per week: students with minutes that week.
    student_week AS (
      SELECT "weekStart", bool_or(scheduled <> 0 OR delivered <> 0) AS active, SUM(scheduled) AS scheduled, SUM(delivered) AS delivered
      FROM facts GROUP BY "weekStart", "studentId"
    )
    SELECT
      (SELECT string_agg(concat_ws(',', "studentId", "groupId", "siteId", subject,
          (pl.scheduled IS NOT NULL)::int, (sp."studentId" IS NOT NULL)::int, (lt."laterSessions" IS NOT NULL)::int,
          ${Prisma.raw(sumColumns.map((c) => `COALESCE(pl."${c}", 0)`).join(', '))},
          COALESCE(lt."laterSessions", 0), COALESCE(lt."laterMinutes", 0)), E'\n')
        FROM pl FULL JOIN lt USING ("studentId", "groupId", "siteId", subject) FULL JOIN sp USING ("studentId", "groupId", "siteId", subject)) AS p,
      (SELECT string_agg(concat_ws(',', to_char("weekStart", 'YYYY-MM-DD'), students, scheduled, delivered), E'\n' ORDER BY "weekStart")
        FROM (
          SELECT "weekStart", COUNT(*) FILTER (WHERE active)::int AS students, SUM(scheduled)::int AS scheduled, SUM(delivered)::int AS delivered
          FROM student_week GROUP BY "weekStart"
          UNION ALL ${weekTotalsSql(past, split.runWeeks, plan.staleTotals ?? [])}
        ) w) AS w`;
  const placements: PlacementFacts[] = [];
  for (const line of packed?.p ? packed.p.split('\n') : []) {
    const v = line.split(',');
    const sums = sumsFrom(v.slice(7, 7 + sumColumns.length).map(Number));
    placements.push({
      studentId: v[0]!,
      groupId: v[1]!,
      siteId: v[2]!,
      subject: v[3] as PlacementFacts['subject'],
      counted: v[4] === '1',
      placed: v[5] === '1',
      hasLater: v[6] === '1',
      sums,
      laterSessions: Number(v[7 + sumColumns.length]),
      laterMinutes: Number(v[8 + sumColumns.length]),
    });
  }
  const weeks: WeekTotals[] = (packed?.w ? packed.w.split('\n') : []).map((line) => {
    const [weekStart, students, scheduled, delivered] = line.split(',');
    return {
      weekStart: weekStart!,
      students: Number(students),
      scheduled: Number(scheduled),
      delivered: Number(delivered),
    };
  });
  weeks.sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
  return { placements, weeks };
}

const keyOf: Record<StudentMetricsBy, (pl: PlacementFacts) => string> = {
  student: (pl) => pl.studentId,
  placement: (pl) => `${pl.studentId}:${pl.groupId}`,
  group: (pl) => pl.groupId,
  site: (pl) => pl.siteId,
  all: () => 'all',
};

/**
 * Dose, lost minutes, attendance and tutor consistency for each student, group, site
 * or placement of the facts (or all of them), up to "as of". A placement (student ×
 * group) meets its target dose when delivered ≥ its school days ÷ 5 × the weekly
 * target; a student when every placement with a school day counted does. Keys with
 * sessions only still to come have a row with zero students. Sorted by key.
 */
export function studentMetricsOf(
  facts: StudentFacts,
  by: StudentMetricsBy,
  policy: Pick<Policy, 'targetMinutesPerWeek'>,
): StudentMetrics[] {
  const target = policy.targetMinutesPerWeek;
  // Per key and student: the sums of the student's placements under the key.
  interface PerStudent {
    counted: boolean;
    sums: number[];
    withWeeks: number;
    meeting: number;
    laterSessions: number;
    laterMinutes: number;
  }
  const perKey = new Map<string, Map<string, PerStudent>>();
  for (const pl of facts.placements) {
    if (!pl.counted && !pl.hasLater) continue;
    const key = keyOf[by](pl);
    const students = perKey.get(key) ?? perKey.set(key, new Map()).get(key)!;
    const st = students.get(pl.studentId) ?? {
      counted: false,
      sums: zeroValues(),
      withWeeks: 0,
      meeting: 0,
      laterSessions: 0,
      laterMinutes: 0,
    };
    if (pl.counted) {
      st.counted = true;
      addInto(st.sums, pl.sums);
      if (pl.sums.schoolDays > 0) {
        st.withWeeks++;
        // delivered ≥ (school days ÷ 5) × the weekly target, in whole numbers
        if (pl.sums.delivered * 5 >= pl.sums.schoolDays * target) st.meeting++;
      }
    }
    st.laterSessions += pl.laterSessions;
    st.laterMinutes += pl.laterMinutes;
    students.set(pl.studentId, st);
  }
  const keys = [...perKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const total = zeroValues();
    let students = 0;
    let rateSum = 0;
    let rated = 0;
    let studentsMeetingTarget = 0;
    let studentsWithWeeks = 0;
    const later = { sessions: 0, minutes: 0 };
    for (const st of perKey.get(key)!.values()) {
      if (st.counted) students++;
      for (let i = 0; i < total.length; i++) total[i]! += st.sums[i]!;
      // scheduled and delivered: sumColumns' first two
      if (st.sums[0]! > 0) {
        rated++;
        rateSum += st.sums[1]! / st.sums[0]!;
      }
      if (st.withWeeks > 0) {
        studentsWithWeeks++;
        if (st.meeting === st.withWeeks) studentsMeetingTarget++;
      }
      later.sessions += st.laterSessions;
      later.minutes += st.laterMinutes;
    }
    const sums = sumsFrom(total);
    return {
      key,
      students,
      scheduled: sums.scheduled,
      delivered: sums.delivered,
      doseRate: doseRate(sums),
      meanStudentDoseRate: rated > 0 ? rateSum / rated : null,
      weeks: sums.schoolDays / 5,
      targetMinutes: (sums.schoolDays * target) / 5,
      doseVsTarget: doseVsTargetOfDays(sums.delivered, sums.schoolDays, target),
      studentsMeetingTarget,
      studentsWithWeeks,
      lost: {
        studentAbsence: sums.absence,
        attendanceNotRecorded: sums.notRecorded,
        shortened: sums.shortened,
        cancelled: Object.fromEntries(
          CANCELLATION_REASONS.map((reason) => [reason, sums[cancelledColumn(reason)]!]),
        ) as Record<CancellationReasonCode, number>,
        unlogged: sums.unlogged,
        madeUp: sums.madeUp,
      },
      stillToCome: later,
      held: sums.held,
      attended: sums.attended,
      attendanceRate: sums.held > 0 ? sums.attended / sums.held : null,
      attendedWithPrimary: sums.attendedWithPrimary,
      tutorConsistency: sums.attended > 0 ? sums.attendedWithPrimary / sums.attended : null,
    };
  });
}

/**
 * Dose, lost minutes, attendance and tutor consistency for each student, group or
 * site in scope (or all of it), up to "as of" (studentMetricsOf over readStudentFacts).
 */
export async function studentMetrics(
  db: Db,
  scope: MetricsScope,
  options: { by?: StudentMetricsBy; policy?: Policy } = {},
): Promise<StudentMetrics[]> {
  const p = await policyOf(db, options.policy);
  return studentMetricsOf(await readStudentFacts(db, scope, p), options.by ?? 'student', p);
}

type Options = Parameters<typeof studentMetrics>[2];

/** Lost minutes (scheduled − delivered) by reason. */
export async function lostMinutesByReason(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, scheduled, delivered, lost }) => ({
    key,
    scheduled,
    delivered,
    lost,
  }));
}

/** Sessions attended (present or late) ÷ held sessions. */
export async function attendanceRates(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, held, attended, attendanceRate }) => ({
    key,
    held,
    attended,
    attendanceRate,
  }));
}

/** Share of attended sessions delivered by the group's primary tutor on the session's date. */
export async function tutorConsistency(db: Db, scope: MetricsScope, options?: Options) {
  return (await studentMetrics(db, scope, options)).map(({ key, attended, attendedWithPrimary, tutorConsistency }) => ({
    key,
    attended,
    attendedWithPrimary,
    tutorConsistency,
  }));
}
