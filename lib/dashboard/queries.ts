// Loads a dashboard view (district, site or group) from the metrics module and
// turns it into tables of exact operational figures (./build.ts). Callers authorize first
// (./access.ts); this only reads what the target and the filters name.
import 'server-only';
import { db } from '@/lib/db';
import { accessBySubgroup, groupProgramStandard, growthByDoseBandOf, placementGrowth } from '@/lib/metrics';
import { readDeliveryFacts, sessionDeliveryOf } from '@/lib/metrics/session-queries';
import { readStudentFacts, studentMetricsOf, type WeekTotals } from '@/lib/metrics/student-queries';
import { metricsPolicy, type MetricsPolicy } from '@/lib/metrics/scope';
import { gradeLabel } from '@/lib/placement/rules';
import { datesFrom } from '@/lib/dates';
import type { IsoDate } from '@/lib/dates';
import { dashboardPaths, type DashboardTarget } from './access';
import { buildScopeView, type BreakdownUnit, type ScopeFacts, type WeekDose } from './build';
import {
  filtersQuery,
  parseDashboardQuery,
  resolveDashboardFilters,
  scopeOf,
  type DashboardFilters,
  type SearchParams,
} from './filters';
import type { ScopeView } from './tables';
import { served, type Served, type ViewSpec } from '@/lib/snapshots/served';

export interface FilterOptions {
  cycles: { id: string; name: string; startDate: IsoDate; endDate: IsoDate }[];
  sites: { id: string; name: string }[];
  providers: { id: string; name: string }[];
  grades: number[];
}

export interface DashboardContext {
  policy: MetricsPolicy;
  options: FilterOptions;
  filters: DashboardFilters | null;
  /** Filters in the address that were not understood and were ignored. */
  ignored: string[];
}

/** The filter choices, and the filters the address asks for (checked against them). */
export async function dashboardContext(target: DashboardTarget, params: SearchParams): Promise<DashboardContext> {
  const siteScoped = target.level !== 'district';
  const siteId = siteScoped ? target.siteId : null;
  // The choices in one round trip (a page under load waits for one pooled connection, not four).
  const [policy, [row]] = await Promise.all([
    metricsPolicy(db),
    db.$queryRaw<
      [
        {
          cycles: FilterOptions['cycles'];
          sites: FilterOptions['sites'];
          providers: FilterOptions['providers'];
          grades: number[];
        },
      ]
    >`
      SELECT
        (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name,
            'startDate', to_char("startDate", 'YYYY-MM-DD'), 'endDate', to_char("endDate", 'YYYY-MM-DD'))
            ORDER BY "startDate"), '[]') FROM cycle) AS cycles,
        (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name) ORDER BY name), '[]')
           FROM site WHERE ${siteId}::uuid IS NULL OR id = ${siteId}::uuid) AS sites,
        (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name) ORDER BY name), '[]') FROM provider) AS providers,
        -- DISTINCT in SQL (reading every student row into the app would not do).
        ARRAY(SELECT DISTINCT grade FROM student WHERE ${siteId}::uuid IS NULL OR "siteId" = ${siteId}::uuid
              ORDER BY grade) AS grades`,
  ]);
  const options: FilterOptions = { cycles: row.cycles, sites: row.sites, providers: row.providers, grades: row.grades };
  const parsed = parseDashboardQuery(params);
  // A site's views are that site's: a site in the address is not a filter there.
  if (siteScoped) delete parsed.query.site;
  const { filters, ignored } = resolveDashboardFilters(parsed, {
    cycles: options.cycles,
    today: policy.today,
    siteIds: options.sites.map((s) => s.id),
    providerIds: options.providers.map((p) => p.id),
  });
  return { policy, options, filters, ignored };
}

/** Every week of the view, a week with no facts as zeros. */
function weekDoses(totals: readonly WeekTotals[], filters: DashboardFilters): WeekDose[] {
  const byWeek = new Map(totals.map((t) => [t.weekStart, t]));
  return datesFrom(filters.fromWeek, filters.toWeek, 7).map((week) => {
    const t = byWeek.get(week);
    return { week, students: t?.students ?? 0, scheduled: t?.scheduled ?? 0, delivered: t?.delivered ?? 0 };
  });
}

/** The district, one site, or one group: the same figures for each scope. */
export async function scopeView(
  target: Exclude<DashboardTarget, { level: 'student' }>,
  context: DashboardContext & { filters: DashboardFilters },
): Promise<ScopeView> {
  const { policy, filters } = context;
  const fixed =
    target.level === 'district'
      ? {}
      : target.level === 'site'
        ? { siteIds: [target.siteId] }
        : { siteIds: [target.siteId], groupId: target.groupId };
  const scope = scopeOf(filters, fixed);
  const query = filtersQuery({ ...filters, siteId: undefined });
  const breakdownBy = target.level === 'district' ? 'site' : target.level === 'site' ? 'group' : 'student';
  // Read once: the student facts (one row per placement and week totals) and the session
  // facts (per group and tutor) are each read in one pass; every table below derives from them.
  const reading = readStudentFacts(db, scope, policy);
  // Growth's probe series are read beside the student facts, then joined to their doses.
  const growing = placementGrowth(db, scope, policy, reading);
  const [studentFacts, deliveryFacts, standards, access, placements] = await Promise.all([
    reading,
    readDeliveryFacts(db, scope, policy),
    groupProgramStandard(db, scope, policy),
    // Coverage: only the whole scope's row.
    target.level === 'group' ? Promise.resolve(null) : accessBySubgroup(db, scope, policy, ['all']),
    growing,
  ]);
  const [all] = studentMetricsOf(studentFacts, 'all', policy);
  const perStudent = studentMetricsOf(studentFacts, 'student', policy);
  const [delivery] = sessionDeliveryOf(deliveryFacts, 'all');
  const unitMetrics = breakdownBy === 'student' ? [] : studentMetricsOf(studentFacts, breakdownBy, policy);
  const unitDelivery = breakdownBy === 'student' ? [] : sessionDeliveryOf(deliveryFacts, breakdownBy);

  // Program standard per student: met when every group they were placed in during the window meets it.
  const verdict = new Map(standards.map((s) => [s.groupId, s.meetsStandard]));
  const groupsOf = new Map<string, Set<string>>();
  for (const pl of studentFacts.placements)
    if (pl.placed) groupsOf.set(pl.studentId, (groupsOf.get(pl.studentId) ?? new Set()).add(pl.groupId));
  const standard = { meets: 0, fails: 0 };
  for (const groups of groupsOf.values()) {
    const v = [...groups].map((g) => verdict.get(g) ?? null);
    if (v.some((x) => x === false)) standard.fails++;
    else if (v.every((x) => x === true)) standard.meets++;
  }

  let breakdown: ScopeFacts['breakdown'];
  if (target.level === 'group') {
    const students = await db.student.findMany({
      where: { id: { in: perStudent.map((s) => s.key) } },
      select: { id: true, firstName: true, lastName: true, grade: true },
    });
    const byId = new Map(students.map((s) => [s.id, s]));
    // The student's placement in this group (the latest, if placed twice), judged on its own dose.
    const judgementOf = new Map(
      [...placements].sort((a, b) => a.placedOn.localeCompare(b.placedOn)).map((p) => [p.studentId, p.judgement]),
    );
    breakdown = {
      caption: 'Students in this group (each student’s own figures)',
      students: perStudent
        .map((m) => {
          const s = byId.get(m.key)!;
          return {
            name: `${s.lastName}, ${s.firstName}`,
            grade: gradeLabel(s.grade),
            href: `${dashboardPaths.student(target.siteId, s.id)}?${query}`,
            metrics: m,
            judgement: judgementOf.get(s.id) ?? null,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } else {
    const metricsOf = new Map(unitMetrics.map((m) => [m.key, m]));
    const deliveryOf = new Map(unitDelivery.map((d) => [d.key, d]));
    const keys = [...new Set([...metricsOf.keys(), ...deliveryOf.keys()])];
    const names =
      target.level === 'district'
        ? await db.site.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })
        : await db.group.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    const units: BreakdownUnit[] = names
      .map((u) => ({
        key: u.id,
        name: u.name,
        href:
          target.level === 'district'
            ? `${dashboardPaths.site(u.id)}?${query}`
            : `${dashboardPaths.group(target.siteId, u.id)}?${query}`,
        metrics: metricsOf.get(u.id),
        delivery: deliveryOf.get(u.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    breakdown =
      target.level === 'district'
        ? { caption: 'Sites', unitLabel: 'Site', units }
        : { caption: 'Groups at this site', unitLabel: 'Group', units };
  }

  return buildScopeView({
    level: target.level,
    underDosedPercent: policy.underDosedPercent,
    all,
    perStudent,
    weeks: weekDoses(studentFacts.weeks, filters),
    delivery,
    standard,
    placements,
    growthBands: growthByDoseBandOf(placements, policy.underDosedPercent),
    coverage:
      access?.find((r) => r.dimension === 'all') ??
      (access ? { dimension: 'all', value: 'all', eligible: 0, placed: 0, access: null } : null),
    breakdown,
  });
}

type SnapshotTarget = Extract<DashboardTarget, { level: 'district' | 'site' }>;

/** The district's or a site's dashboard as a snapshot the keeper keeps (lib/snapshots). */
export function scopeViewSpec(
  target: SnapshotTarget,
  context: DashboardContext & { filters: DashboardFilters },
): ViewSpec<ScopeView> {
  const { policy, filters } = context;
  return {
    view: `${target.level} dashboard`,
    args: { target, policy, filters },
    through: scopeOf(filters).to,
    build: () => scopeView(target, { ...context, ignored: [] }),
  };
}

/** The district dashboard as a snapshot (its default view is always kept: lib/snapshots/defaults.ts). */
export const districtViewSpec = (context: DashboardContext & { filters: DashboardFilters }) =>
  scopeViewSpec({ level: 'district' }, context);

/**
 * A dashboard view for a page or a download: the district's or a site's from its snapshot
 * when one will do (lib/snapshots/served.ts: current, or a slow view's at most a minute
 * old); a group's is always computed (it is quick).
 */
export async function servedScopeView(
  target: Exclude<DashboardTarget, { level: 'student' }>,
  context: DashboardContext & { filters: DashboardFilters },
): Promise<Served<ScopeView>> {
  if (target.level !== 'group') return served(scopeViewSpec(target, context));
  return { value: await scopeView(target, context), builtAt: null, current: true, ageSeconds: 0 };
}
