// One student's dashboard: their dose over the window, the ledger of every session
// they were scheduled for and what happened, their scores against the aim line, and
// their early-warning flags. Student-level: staff who may open the student see it
// whole (no suppression). Callers authorize first (./access.ts).
import 'server-only';
import { attendanceMarkLabels } from '@/lib/codes';
import { db } from '@/lib/db';
import { flagLabels, type Flag } from '@/lib/flags/rules';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import {
  aimLine,
  aimLineOn,
  cancellationReasonLabels,
  judgementLabels,
  placementGrowth,
  studentMetrics,
  type CancellationReasonCode,
  type PlacementGrowth,
  type StudentMetrics,
} from '@/lib/metrics';
import { deliveredMinutesSql, scheduledMinutesSql } from '@/lib/metrics/dose-sql';
import { gradeLabel } from '@/lib/placement/rules';
import type { IsoDate } from '@/lib/dates';
import { lostMinutesTable } from './build';
import type { DashboardContext } from './queries';
import { scopeOf, type DashboardFilters } from './filters';
import {
  formatCount,
  formatMinutes,
  formatPercent,
  summaryTable,
  type DashboardTable,
  type SummaryFigure,
} from './tables';

export interface LedgerLine {
  sessionId: string;
  date: IsoDate;
  groupName: string;
  status: 'SCHEDULED' | 'HELD' | 'CANCELLED';
  reason: CancellationReasonCode | null;
  makeup: boolean;
  scheduled: number;
  delivered: number;
  mark: 'PRESENT' | 'PARTIAL' | 'ABSENT_EXCUSED' | 'ABSENT_UNEXCUSED' | null;
  tutor: string;
}

export interface StudentView {
  student: { id: string; name: string; grade: string; sisId: string; siteName: string };
  summary: SummaryFigure[];
  placements: (PlacementGrowth & { groupName: string })[];
  flags: Flag[];
  tables: DashboardTable[];
}

/** Every session of the student's groups inside their membership dates and the window. */
export async function doseLedger(
  studentId: string,
  filters: DashboardFilters,
  scope = scopeOf(filters, { studentId }),
): Promise<LedgerLine[]> {
  return db.$queryRaw<LedgerLine[]>`
    SELECT s.id AS "sessionId", to_char(s.date, 'YYYY-MM-DD') AS date, g.name AS "groupName", s.status::text AS status,
      s."cancellationReason"::text AS reason, s."makeupForId" IS NOT NULL AS makeup,
      (${scheduledMinutesSql('s')})::int AS scheduled, (${deliveredMinutesSql('s', 'a')})::int AS delivered,
      a.status::text AS mark, u.name AS tutor
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN session s ON s."groupId" = m."groupId" AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
      AND s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date
    LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
    JOIN app_user u ON u.id = COALESCE(s."deliveredById", s."substituteTutorId", s."primaryTutorId", g."primaryTutorId")
    WHERE m."studentId" = ${studentId}::uuid AND g."cycleId" = ${filters.cycle.id}::uuid
    ORDER BY s.date, s."startMinute", g.name`;
}

/** What happened to the student in one session, in words. */
export function ledgerOutcome(line: LedgerLine, today: IsoDate): string {
  if (line.status === 'CANCELLED')
    return `Cancelled: ${line.reason ? cancellationReasonLabels[line.reason] : 'no reason given'}`;
  if (line.status === 'SCHEDULED') return line.date < today ? 'Not logged' : 'Still to come';
  return line.mark ? attendanceMarkLabels[line.mark] : 'Held, attendance not recorded';
}

const rate = (v: number | null) => (v === null ? '—' : formatPercent(v));

function studentSummary(m: StudentMetrics | undefined): SummaryFigure[] {
  return [
    {
      label: 'Dose scheduled',
      value: formatMinutes(m?.scheduled ?? 0),
      basis: 'planned minutes of their groups’ sessions',
    },
    { label: 'Dose delivered', value: formatMinutes(m?.delivered ?? 0), basis: 'minutes attended in held sessions' },
    { label: 'Dose rate', value: rate(m?.doseRate ?? null), basis: 'delivered ÷ scheduled' },
    {
      label: 'Dose vs target',
      value: rate(m?.doseVsTarget ?? null),
      basis: `over ${(m?.weeks ?? 0).toLocaleString('en-US', { maximumFractionDigits: 1 })} weeks with sessions (prorated by school days)`,
    },
    {
      label: 'Attendance rate',
      value: rate(m?.attendanceRate ?? null),
      basis: `${m?.attended ?? 0} of ${m?.held ?? 0} held sessions`,
    },
    {
      label: 'Tutor consistency',
      value: rate(m?.tutorConsistency ?? null),
      basis: 'attended sessions with the primary tutor',
    },
  ];
}

export async function studentView(
  target: { siteId: string; studentId: string },
  context: DashboardContext & { filters: DashboardFilters },
): Promise<StudentView> {
  const { policy, filters } = context;
  const scope = scopeOf(filters, { studentId: target.studentId });
  const [student, metrics, ledger, placements, flagsBySite] = await Promise.all([
    db.student.findUniqueOrThrow({
      where: { id: target.studentId },
      select: { id: true, firstName: true, lastName: true, grade: true, sisId: true, site: { select: { name: true } } },
    }),
    studentMetrics(db, scope, { by: 'all', policy }),
    doseLedger(target.studentId, filters, scope),
    placementGrowth(db, scope, policy),
    flagPolicy(policy.today).then((p) => siteStudentFlags(target.siteId, p)),
  ]);
  const groupNames = new Map(
    (
      await db.group.findMany({
        where: { id: { in: placements.map((p) => p.groupId) } },
        select: { id: true, name: true },
      })
    ).map((g) => [g.id, g.name]),
  );
  const m = metrics[0];
  const summary = studentSummary(m);
  const flags = flagsBySite.get(target.studentId) ?? [];
  const named = placements.map((p) => ({ ...p, groupName: groupNames.get(p.groupId) ?? 'Group' }));
  const kind = { PRE: 'Pre', PROGRESS: 'Progress', POST: 'Post' } as const;
  const tables: DashboardTable[] = [
    summaryTable('Dose and attendance', summary),
    {
      id: 'ledger',
      caption: 'Dose ledger: every scheduled session and what happened',
      columns: [
        { label: 'Date' },
        { label: 'Group' },
        { label: 'What happened' },
        { label: 'Scheduled (min)', numeric: true },
        { label: 'Delivered (min)', numeric: true },
        { label: 'Tutor' },
      ],
      rows: ledger.map((l) => ({
        cells: [
          l.date,
          l.makeup ? `${l.groupName} (make-up)` : l.groupName,
          ledgerOutcome(l, policy.today),
          formatCount(l.scheduled),
          formatCount(l.delivered),
          l.tutor,
        ],
      })),
    },
    lostMinutesTable(m),
    {
      id: 'scores',
      caption: 'Scores on each group’s measure',
      columns: [
        { label: 'Group' },
        { label: 'Measure' },
        { label: 'Date' },
        { label: 'Kind' },
        { label: 'Score', numeric: true },
        { label: 'Aim line on that date', numeric: true },
      ],
      rows: named.flatMap((p) => {
        const pre = p.scores.find((s) => s.kind === 'PRE');
        const aimAt = (date: IsoDate) => {
          if (!pre || p.goal === null) return '—';
          const line = aimLine({
            placedOn: p.placedOn,
            pre: pre.score,
            goal: p.goal,
            goalDate: p.goalDate,
            groupEndDate: p.goalDate,
          });
          return (Math.round(aimLineOn(date, line) * 10) / 10).toString();
        };
        return p.scores.map((s) => ({
          cells: [p.groupName, p.measure, s.date, kind[s.kind], String(s.score), aimAt(s.date)],
        }));
      }),
    },
    {
      id: 'flags',
      caption: 'Early-warning flags today',
      columns: [{ label: 'Flag' }, { label: 'Detail' }],
      rows: flags.map((f) => ({ cells: [flagLabels[f.kind], f.message] })),
    },
  ];
  return {
    student: {
      id: student.id,
      name: `${student.firstName} ${student.lastName}`,
      grade: gradeLabel(student.grade),
      sisId: student.sisId,
      siteName: student.site.name,
    },
    // Each placement judged on its own dose in that group (as the group page and every other view).
    summary: [
      ...summary,
      ...named.map((p) => ({
        label: `Growth: ${p.groupName}`,
        value: p.growth === null ? '—' : String(Math.round(p.growth * 10) / 10),
        basis: `${judgementLabels[p.judgement]} (dose rate in this group ${rate(p.doseRate)})`,
      })),
    ],
    placements: named,
    flags,
    tables,
  };
}
