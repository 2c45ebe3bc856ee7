// The weekly operating review of one week, for the district or some sites: every
// figure comes from the metrics module (lib/metrics) and the early-warning flags
// (lib/flags); this only picks the week, compares it with the one before and lists
// what needs action. Callers authorize first and pass the sites in scope.
import 'server-only';
import { db } from '@/lib/db';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import type { Flag } from '@/lib/flags/rules';
import { equityCells, jointEquityCells, type EquityCells } from '@/lib/equity/cells';
import {
  equityBySiteAndSubgroup,
  equityBySubgroup,
  placementGrowth,
  sessionDelivery,
  studentMetrics,
  type CancellationReasonCode,
} from '@/lib/metrics';
import { readDeliveryFacts, sessionDeliveryOf } from '@/lib/metrics/session-queries';
import { readStudentFacts, type StudentFacts } from '@/lib/metrics/student-queries';
import type { Cell } from '@/lib/metrics/suppression';
import type { MetricsPolicy, MetricsScope } from '@/lib/metrics/scope';
import { addDays, type IsoDate } from '@/lib/dates';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import { served, type ViewSpec } from '@/lib/snapshots/served';
import { hasManyCancellations } from './week';

export interface WeekFigures {
  week: IsoDate;
  students: number;
  scheduled: number;
  delivered: number;
  doseRate: number | null;
  held: number;
  attended: number;
  attendanceRate: number | null;
  sessionsHeld: number;
  sessionsCancelled: number;
  deliveryRate: number | null;
  studentsMeetingTarget: number;
  studentsWithWeeks: number;
  meetingTargetShare: number | null;
}

export interface GroupWithoutHeld {
  groupId: string;
  name: string;
  siteId: string;
  siteName: string;
  tutorName: string;
  cancelled: number;
  cancelledByReason: Record<CancellationReasonCode, number>;
  unlogged: number;
  upcoming: number;
}

export interface TutorCancellations {
  tutorId: string;
  name: string;
  providerName: string | null;
  held: number;
  cancelled: number;
  cancelledByReason: Record<CancellationReasonCode, number>;
}

export interface FlaggedStudent {
  studentId: string;
  name: string;
  siteId: string;
  flags: Flag[];
}

/** A placement judged under-dosed (lib/metrics/judgement.ts) on its own dose over the cycle to the week's end. */
export interface UnderDosedPlacement {
  studentId: string;
  groupId: string;
  name: string;
  siteId: string;
  group: string;
  doseRate: number;
}

export interface SubgroupGap {
  dimension: string;
  value: string;
  measure: string;
  /** The subgroup's and all students' shares as shown (already suppressed). */
  subgroup: string;
  all: string;
  /** In words, as the equity view says it ("12 points below (notable gap)"). */
  gap: string;
  points: number;
}

const GAP_MEASURES: { measure: string; cell: keyof EquityCells; gap: keyof EquityCells }[] = [
  { measure: 'Access (placed ÷ eligible)', cell: 'access', gap: 'accessGap' },
  { measure: 'Mean dose rate', cell: 'meanDoseRate', gap: 'doseGap' },
  { measure: 'Meeting the target dose', cell: 'meetingTarget', gap: 'targetGap' },
  { measure: 'Met growth goal', cell: 'metGoal', gap: 'goalGap' },
];

const EXACT_PERCENT = /^\d+%$/;

/**
 * The widest gaps below all students across the equity view's measures, from cells
 * already suppressed: a hidden, empty or extreme-coded share has no gap (as the
 * equity view shows it), so nothing here reveals a hidden figure.
 */
export function widestGaps(cells: readonly EquityCells[], limit = 5): SubgroupGap[] {
  const all = cells.find((c) => c.dimension === 'all');
  if (!all) return [];
  const gaps: SubgroupGap[] = [];
  for (const c of cells) {
    if (c.dimension === 'all') continue;
    for (const m of GAP_MEASURES) {
      const sub = c[m.cell] as Cell;
      const ref = all[m.cell] as Cell;
      if (!sub.shown || !ref.shown || !EXACT_PERCENT.test(sub.text) || !EXACT_PERCENT.test(ref.text)) continue;
      const points = Number.parseInt(sub.text, 10) - Number.parseInt(ref.text, 10);
      if (points >= 0) continue;
      gaps.push({
        dimension: c.dimension,
        value: c.value,
        measure: m.measure,
        subgroup: sub.text,
        all: ref.text,
        gap: (c[m.gap] as { text: string }).text,
        points,
      });
    }
  }
  return gaps.sort((a, b) => a.points - b.points).slice(0, limit);
}

export interface WeeklyReview {
  week: IsoDate;
  weekEnd: IsoDate;
  current: WeekFigures;
  previous: WeekFigures;
  sites: { id: string; name: string }[];
  groupsWithoutHeld: GroupWithoutHeld[];
  tutors: TutorCancellations[];
  /** The widest subgroup gaps (equity view), over the cycle to the week's end (else the week). */
  gaps: SubgroupGap[];
  /** The date flags were judged on: the day after the week, or today for the current week. */
  flagsAsOf: IsoDate;
  flagged: FlaggedStudent[];
  /** The cycle to date the dose behind "under-dosed" covers; null when no cycle covers the week. */
  cycle: { id: string; name: string; from: IsoDate } | null;
  underDosed: UnderDosedPlacement[];
  minN: number;
  underDosedPercent: number;
}

async function weekFigures(scope: MetricsScope, policy: MetricsPolicy): Promise<WeekFigures> {
  const [[all], [delivery]] = await Promise.all([
    studentMetrics(db, scope, { by: 'all', policy }),
    sessionDelivery(db, scope, { by: 'all', policy }),
  ]);
  return {
    week: scope.from,
    students: all?.students ?? 0,
    scheduled: all?.scheduled ?? 0,
    delivered: all?.delivered ?? 0,
    doseRate: all?.doseRate ?? null,
    held: all?.held ?? 0,
    attended: all?.attended ?? 0,
    attendanceRate: all?.attendanceRate ?? null,
    sessionsHeld: delivery?.held ?? 0,
    sessionsCancelled: delivery?.cancelled ?? 0,
    deliveryRate: delivery?.deliveryRate ?? null,
    studentsMeetingTarget: all?.studentsMeetingTarget ?? 0,
    studentsWithWeeks: all?.studentsWithWeeks ?? 0,
    meetingTargetShare: all && all.studentsWithWeeks > 0 ? all.studentsMeetingTarget / all.studentsWithWeeks : null,
  };
}

const fullName = (s: { firstName: string; lastName: string }) => `${s.lastName}, ${s.firstName}`;

/**
 * The review of the week starting `week` (a Monday). `siteIds` limits it to those
 * sites (a coordinator's, or one site); undefined is the whole district.
 */
/** The district's equity cells, or one site's, suppressed with all the others (lib/equity/cells.ts). */
async function reviewEquityCells(
  scope: MetricsScope,
  siteIds: string[] | undefined,
  policy: MetricsPolicy,
  districtFacts?: StudentFacts,
): Promise<EquityCells[]> {
  if (siteIds && siteIds.length !== 1)
    return equityCells(await equityBySubgroup(db, scope, policy), policy.suppressionMinN);
  const joint = jointEquityCells(
    await equityBySiteAndSubgroup(db, scope, policy, districtFacts),
    policy.suppressionMinN,
  );
  return siteIds ? (joint.sites.get(siteIds[0]!) ?? []) : joint.district;
}

export async function weeklyReview(input: {
  week: IsoDate;
  siteIds?: string[];
  policy: MetricsPolicy;
}): Promise<WeeklyReview> {
  const { week, siteIds, policy } = input;
  const weekEnd = addDays(week, 6);
  const scope: MetricsScope = { from: week, to: weekEnd, siteIds };
  const previousScope: MetricsScope = { from: addDays(week, -7), to: addDays(week, -1), siteIds };
  const flagsAsOf = addDays(weekEnd, 1) < policy.today ? addDays(weekEnd, 1) : policy.today;

  const [current, previous, deliveryFacts, sites, cycle] = await Promise.all([
    weekFigures(scope, policy),
    weekFigures(previousScope, policy),
    readDeliveryFacts(db, scope, policy),
    db.site.findMany({
      where: siteIds ? { id: { in: siteIds } } : {},
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
    db.cycle.findFirst({
      where: { startDate: { lte: fromIsoDate(weekEnd) }, endDate: { gte: fromIsoDate(week) } },
      orderBy: { startDate: 'desc' },
      select: { id: true, name: true, startDate: true },
    }),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const byGroup = sessionDeliveryOf(deliveryFacts, 'group');
  const byTutor = sessionDeliveryOf(deliveryFacts, 'tutor');

  // Groups with sessions on the calendar this week and none held (make-ups count as held).
  const idle = byGroup.filter((g) => g.held === 0 && g.cancelled + g.unlogged + g.stillToCome > 0);
  const idleGroups = await db.group.findMany({
    where: { id: { in: idle.map((g) => g.key) } },
    select: { id: true, name: true, siteId: true, primaryTutor: { select: { name: true } } },
  });
  const groupOf = new Map(idleGroups.map((g) => [g.id, g]));
  const groupsWithoutHeld: GroupWithoutHeld[] = idle
    .flatMap((d) => {
      const g = groupOf.get(d.key);
      return g
        ? [
            {
              groupId: g.id,
              name: g.name,
              siteId: g.siteId,
              siteName: siteName.get(g.siteId) ?? '',
              tutorName: g.primaryTutor.name,
              cancelled: d.cancelled,
              cancelledByReason: d.cancelledByReason,
              unlogged: d.unlogged,
              upcoming: d.stillToCome,
            },
          ]
        : [];
    })
    .sort((a, b) => a.siteName.localeCompare(b.siteName) || a.name.localeCompare(b.name));

  // Tutors with many cancellations (./week.ts says how many).
  const many = byTutor.filter((t) =>
    hasManyCancellations({
      held: t.held,
      cancelled: t.cancelled,
      cancelledForClosure: t.cancelledByReason.SCHOOL_CLOSURE,
    }),
  );
  const tutorRows = await db.user.findMany({
    where: { id: { in: many.map((t) => t.key) } },
    select: { id: true, name: true, tutorProfile: { select: { provider: { select: { name: true } } } } },
  });
  const tutorOf = new Map(tutorRows.map((t) => [t.id, t]));
  const tutors: TutorCancellations[] = many
    .map((t) => ({
      tutorId: t.key,
      name: tutorOf.get(t.key)?.name ?? 'Unknown tutor',
      providerName: tutorOf.get(t.key)?.tutorProfile?.provider.name ?? null,
      held: t.held,
      cancelled: t.cancelled,
      cancelledByReason: t.cancelledByReason,
    }))
    .sort((a, b) => b.cancelled - a.cancelled || a.name.localeCompare(b.name));

  // Flags as they stood right after the week, at each site in scope.
  const fp = await flagPolicy(flagsAsOf);
  const flagMaps = await Promise.all(
    sites.map(async (s) => ({ siteId: s.id, flags: await siteStudentFlags(s.id, fp) })),
  );

  // Under-dosed, not yet judged: each placement in the week, judged on its own dose over the
  // cycle to the week's end and its scores up to then (the one judgement every view uses).
  let underDosedRows: { studentId: string; groupId: string; doseRate: number }[] = [];
  const cycleScope: MetricsScope | null = cycle
    ? { cycleId: cycle.id, from: toIsoDate(cycle.startDate), to: weekEnd, siteIds }
    : null;
  // Widest equity gaps over the cycle to the week's end (a week alone is too few sessions).
  // From the same joint pattern as the equity tables, so a share shown here is never one they hide.
  // The cycle's student facts, read once for both (district-wide: the equity tables are
  // chosen jointly over the district and its sites; a wider set only adds placements the
  // under-dosed list does not look up).
  const cycleFacts =
    cycleScope && (!siteIds || siteIds.length === 1)
      ? await readStudentFacts(db, { ...cycleScope, siteIds: undefined }, policy)
      : undefined;
  const gaps = widestGaps(await reviewEquityCells(cycleScope ?? scope, siteIds, policy, cycleFacts));
  if (cycleScope) {
    const placements = await placementGrowth(db, cycleScope, policy, cycleFacts);
    underDosedRows = placements
      .filter(
        (p) =>
          p.judgement === 'under-dosed' &&
          p.doseRate !== null &&
          p.placedOn <= weekEnd &&
          (p.endedOn === null || p.endedOn >= week),
      )
      .map((p) => ({ studentId: p.studentId, groupId: p.groupId, doseRate: p.doseRate! }));
    // A student placed twice in one group: one row (the placements share their dose).
    underDosedRows = [...new Map(underDosedRows.map((u) => [`${u.studentId}:${u.groupId}`, u])).values()];
  }

  const studentIds = [
    ...new Set([...flagMaps.flatMap((m) => [...m.flags.keys()]), ...underDosedRows.map((u) => u.studentId)]),
  ];
  const groupIds = [...new Set(underDosedRows.map((u) => u.groupId))];
  const [students, groups] = await Promise.all([
    db.student.findMany({
      where: { id: { in: studentIds } },
      select: { id: true, firstName: true, lastName: true, siteId: true },
    }),
    db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true, siteId: true } }),
  ]);
  const studentOf = new Map(students.map((s) => [s.id, s]));
  const groupName = new Map(groups.map((g) => [g.id, g]));

  const flagged: FlaggedStudent[] = flagMaps
    .flatMap(({ siteId, flags }) =>
      [...flags].map(([studentId, f]) => ({
        studentId,
        name: studentOf.get(studentId) ? fullName(studentOf.get(studentId)!) : 'Unknown student',
        siteId,
        flags: f,
      })),
    )
    .sort(
      (a, b) =>
        (siteName.get(a.siteId) ?? '').localeCompare(siteName.get(b.siteId) ?? '') || a.name.localeCompare(b.name),
    );

  const underDosed: UnderDosedPlacement[] = underDosedRows
    .map((u) => {
      const s = studentOf.get(u.studentId);
      const g = groupName.get(u.groupId);
      return {
        studentId: u.studentId,
        groupId: u.groupId,
        name: s ? fullName(s) : 'Unknown student',
        siteId: g?.siteId ?? s?.siteId ?? '',
        group: g?.name ?? '',
        doseRate: u.doseRate,
      };
    })
    .sort(
      (a, b) =>
        (siteName.get(a.siteId) ?? '').localeCompare(siteName.get(b.siteId) ?? '') ||
        a.doseRate - b.doseRate ||
        a.name.localeCompare(b.name) ||
        a.group.localeCompare(b.group),
    );

  return {
    week,
    weekEnd,
    current,
    previous,
    sites,
    groupsWithoutHeld,
    tutors,
    gaps,
    flagsAsOf,
    flagged,
    cycle: cycle && cycleScope ? { id: cycle.id, name: cycle.name, from: cycleScope.from } : null,
    underDosed,
    minN: policy.suppressionMinN,
    underDosedPercent: policy.underDosedPercent,
  };
}

type ReviewInput = { week: IsoDate; siteIds?: string[]; policy: MetricsPolicy };

/** A weekly review as a snapshot the keeper keeps (lib/snapshots). */
export function weeklyReviewSpec(input: ReviewInput): ViewSpec<WeeklyReview> {
  return {
    view: 'weekly review',
    args: { week: input.week, siteIds: input.siteIds ?? null, policy: input.policy },
    // Flags are as they stood the day after the week (a Monday).
    through: addDays(input.week, 7),
    build: () => weeklyReview(input),
  };
}

/** A weekly review for a page or a download, from its snapshot when one will do. */
export const servedWeeklyReview = (input: ReviewInput) => served(weeklyReviewSpec(input));
