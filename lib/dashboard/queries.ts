// Loads a dashboard view (district, site or group) from the metrics module and
// turns it into tables of exact operational figures (./build.ts). Callers authorize first
// (./access.ts); this only reads what the target and the filters name.
import 'server-only';
import { db } from '@/lib/db';
import { accessBySubgroup, groupProgramStandard, growthByDoseBandOf, placementGrowth, sessionDelivery, studentMetrics, studentWeekDose, type StudentMetrics } from '@/lib/metrics';
import { metricsPolicy, type MetricsPolicy } from '@/lib/metrics/scope';
import { gradeLabel } from '@/lib/placement/rules';
import { datesFrom } from '@/lib/dates';
import { addDays, type IsoDate } from '@/lib/sessions/generate';
import { toIsoDate } from '@/lib/sessions/schedule';
import { dashboardPaths, type DashboardTarget } from './access';
import { buildScopeView, type BreakdownUnit, type ScopeFacts, type WeekDose } from './build';
import { filtersQuery, parseDashboardQuery, resolveDashboardFilters, scopeOf, type DashboardFilters, type SearchParams } from './filters';
import type { ScopeView } from './tables';

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
  const [policy, cycles, sites, providers, grades] = await Promise.all([
    metricsPolicy(db),
    db.cycle.findMany({ select: { id: true, name: true, startDate: true, endDate: true }, orderBy: { startDate: 'asc' } }),
    db.site.findMany({ where: siteScoped ? { id: target.siteId } : {}, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.provider.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.student.findMany({ where: siteScoped ? { siteId: target.siteId } : {}, distinct: ['grade'], select: { grade: true }, orderBy: { grade: 'asc' } }),
  ]);
  const options: FilterOptions = {
    cycles: cycles.map((c) => ({ id: c.id, name: c.name, startDate: toIsoDate(c.startDate), endDate: toIsoDate(c.endDate) })),
    sites,
    providers,
    grades: grades.map((g) => g.grade),
  };
  const parsed = parseDashboardQuery(params);
  // A site's views are that site's: a site in the address is not a filter there.
  if (siteScoped) delete parsed.query.site;
  const { filters, ignored } = resolveDashboardFilters(parsed, { cycles: options.cycles, today: policy.today, siteIds: sites.map((s) => s.id), providerIds: providers.map((p) => p.id) });
  return { policy, options, filters, ignored };
}

function weekDoses(rows: { weekStart: IsoDate; studentId: string; scheduled: number; delivered: number }[], filters: DashboardFilters): WeekDose[] {
  const weeks = new Map<IsoDate, { students: Set<string>; scheduled: number; delivered: number }>();
  for (const w of datesFrom(filters.fromWeek, filters.toWeek, 7)) {
    weeks.set(w, { students: new Set(), scheduled: 0, delivered: 0 });
  }
  for (const r of rows) {
    const week = weeks.get(r.weekStart);
    if (!week || (r.scheduled === 0 && r.delivered === 0)) continue;
    week.students.add(r.studentId);
    week.scheduled += r.scheduled;
    week.delivered += r.delivered;
  }
  return [...weeks].map(([week, w]) => ({ week, students: w.students.size, scheduled: w.scheduled, delivered: w.delivered }));
}

/** The district, one site, or one group: the same figures for each scope. */
export async function scopeView(target: Exclude<DashboardTarget, { level: 'student' }>, context: DashboardContext & { filters: DashboardFilters }): Promise<ScopeView> {
  const { policy, filters } = context;
  const fixed = target.level === 'district' ? {} : target.level === 'site' ? { siteIds: [target.siteId] } : { siteIds: [target.siteId], groupId: target.groupId };
  const scope = scopeOf(filters, fixed);
  const query = filtersQuery({ ...filters, siteId: undefined });
  const breakdownBy = target.level === 'district' ? 'site' : target.level === 'site' ? 'group' : 'student';
  const [all, perStudent, weekRows, delivery, standards, placements, access, unitMetrics, unitDelivery] = await Promise.all([
    studentMetrics(db, scope, { by: 'all', policy }),
    studentMetrics(db, scope, { by: 'student', policy }),
    studentWeekDose(db, scope, policy),
    sessionDelivery(db, scope, { by: 'all', policy }),
    groupProgramStandard(db, scope, policy),
    placementGrowth(db, scope, policy),
    target.level === 'group' ? Promise.resolve(null) : accessBySubgroup(db, scope, policy),
    breakdownBy === 'student' ? Promise.resolve([] as StudentMetrics[]) : studentMetrics(db, scope, { by: breakdownBy, policy }),
    breakdownBy === 'student' ? Promise.resolve([]) : sessionDelivery(db, scope, { by: breakdownBy, policy }),
  ]);

  // Program standard per student: met when every group they were in meets it.
  const verdict = new Map(standards.map((s) => [s.groupId, s.meetsStandard]));
  const groupsOf = new Map<string, Set<string>>();
  for (const r of weekRows) groupsOf.set(r.studentId, (groupsOf.get(r.studentId) ?? new Set()).add(r.groupId));
  const standard = { meets: 0, fails: 0 };
  for (const groups of groupsOf.values()) {
    const v = [...groups].map((g) => verdict.get(g) ?? null);
    if (v.some((x) => x === false)) standard.fails++;
    else if (v.every((x) => x === true)) standard.meets++;
  }

  let breakdown: ScopeFacts['breakdown'];
  if (target.level === 'group') {
    const students = await db.student.findMany({ where: { id: { in: perStudent.map((s) => s.key) } }, select: { id: true, firstName: true, lastName: true, grade: true } });
    const byId = new Map(students.map((s) => [s.id, s]));
    // The student's placement in this group (the latest, if placed twice), judged on its own dose.
    const judgementOf = new Map([...placements].sort((a, b) => a.placedOn.localeCompare(b.placedOn)).map((p) => [p.studentId, p.judgement]));
    breakdown = {
      caption: 'Students in this group (each student’s own figures)',
      students: perStudent
        .map((m) => {
          const s = byId.get(m.key)!;
          return { name: `${s.lastName}, ${s.firstName}`, grade: gradeLabel(s.grade), href: `${dashboardPaths.student(target.siteId, s.id)}?${query}`, metrics: m, judgement: judgementOf.get(s.id) ?? null };
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
        href: target.level === 'district' ? `${dashboardPaths.site(u.id)}?${query}` : `${dashboardPaths.group(target.siteId, u.id)}?${query}`,
        metrics: metricsOf.get(u.id),
        delivery: deliveryOf.get(u.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    breakdown = target.level === 'district' ? { caption: 'Sites', unitLabel: 'Site', units } : { caption: 'Groups at this site', unitLabel: 'Group', units };
  }

  return buildScopeView({
    level: target.level,
    underDosedPercent: policy.underDosedPercent,
    all: all[0],
    perStudent,
    weeks: weekDoses(weekRows, filters),
    delivery: delivery[0],
    standard,
    placements,
    growthBands: growthByDoseBandOf(placements, policy.underDosedPercent),
    coverage: access?.find((r) => r.dimension === 'all') ?? (access ? { dimension: 'all', value: 'all', eligible: 0, placed: 0, access: null } : null),
    breakdown,
  });
}
