// The cost view: tutor cost per delivered hour and per student meeting goal, by site
// and by provider, for a cycle and a date range inside it. Costs from
// lib/metrics/cost-queries.ts, students meeting goal from the metrics module's
// judgement (lib/metrics/judgement.ts), student-hours from its dose. Sites and providers
// are operational units, not demographic subgroups, so every figure is exact (DOMAIN.md, Policy).
import 'server-only';
import { z } from 'zod';
import { isoDateSchema } from '@/lib/dates';
import { db } from '@/lib/db';
import {
  costPerDeliveredHour,
  costPerStudentMeetingGoal,
  costsMissing,
  isJudged,
  placementGrowth,
  studentMetGoal,
  type CostSums,
  type Judgement,
} from '@/lib/metrics';
import { readCostFacts, tutorCostOf } from '@/lib/metrics/cost-queries';
import { readStudentFacts, studentMetricsOf } from '@/lib/metrics/student-queries';
import type { MetricsPolicy, MetricsScope } from '@/lib/metrics/scope';
import type { IsoDate } from '@/lib/dates';
import { toIsoDate } from '@/lib/sessions/schedule';
import { served, type ViewSpec } from '@/lib/snapshots/served';

export const costQuerySchema = z.object({ cycle: z.uuid(), from: isoDateSchema(), to: isoDateSchema() });

export interface CostWindow {
  cycles: { id: string; name: string; startDate: IsoDate; endDate: IsoDate }[];
  cycle: { id: string; name: string; startDate: IsoDate; endDate: IsoDate } | null;
  from: IsoDate;
  to: IsoDate;
  /** Fields of the address that were not understood or fell outside the cycle. */
  ignored: string[];
}

/** Default: the cycle running today (else the latest started, else the first), from its start to today or its end. */
export async function resolveCostWindow(
  params: Record<string, string | string[] | undefined>,
  today: IsoDate,
): Promise<CostWindow> {
  const rows = await db.cycle.findMany({
    select: { id: true, name: true, startDate: true, endDate: true },
    orderBy: { startDate: 'asc' },
  });
  const cycles = rows.map((c) => ({
    id: c.id,
    name: c.name,
    startDate: toIsoDate(c.startDate),
    endDate: toIsoDate(c.endDate),
  }));
  const one = (key: string) => {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === '' ? undefined : s.trim();
  };
  const ignored: string[] = [];
  const field = <K extends keyof typeof costQuerySchema.shape>(key: K, label: string) => {
    const raw = one(key);
    if (raw === undefined) return undefined;
    const parsed = costQuerySchema.shape[key].safeParse(raw);
    if (!parsed.success) ignored.push(label);
    return parsed.success ? parsed.data : undefined;
  };
  const cycleId = field('cycle', 'cycle');
  let chosen = cycleId ? cycles.find((c) => c.id === cycleId) : undefined;
  if (cycleId && !chosen) ignored.push('cycle');
  chosen ??=
    cycles.find((c) => c.startDate <= today && today <= c.endDate) ??
    cycles.filter((c) => c.startDate <= today).at(-1) ??
    cycles[0];
  if (!chosen) return { cycles, cycle: null, from: today, to: today, ignored };
  const inCycle = (d: IsoDate | undefined, label: string) => {
    if (d === undefined) return undefined;
    if (d >= chosen.startDate && d <= chosen.endDate) return d;
    ignored.push(label);
    return undefined;
  };
  let from = inCycle(field('from', 'from date'), 'from date') ?? chosen.startDate;
  let to =
    inCycle(field('to', 'to date'), 'to date') ??
    (today < chosen.endDate && today >= chosen.startDate ? today : chosen.endDate);
  if (from > to) [from, to] = [to, from];
  return { cycles, cycle: chosen, from, to, ignored };
}

export interface CostRow extends CostSums {
  key: string;
  name: string;
  heldSessions: number;
  /** Minutes students attended (DOMAIN's dose delivered), summed over students. */
  studentMinutes: number;
  perDeliveredHour: number | null;
  partial: boolean;
  studentsMeetingGoal: number;
  /** Null when costs are missing, or when nobody met a goal. */
  perStudentMeetingGoal: number | null;
  uncostedTutorIds: string[];
}

export interface CostView {
  total: CostRow;
  bySite: CostRow[];
  byProvider: CostRow[];
  uncostedTutors: { id: string; name: string; providerName: string | null }[];
}

export async function costView(input: {
  cycleId: string;
  from: IsoDate;
  to: IsoDate;
  policy: MetricsPolicy;
}): Promise<CostView> {
  const { policy } = input;
  const scope: MetricsScope = { cycleId: input.cycleId, from: input.from, to: input.to };
  // Read once: the held-session costs per group and the student facts per placement.
  const [costFacts, studentFacts, groups, sites, providers] = await Promise.all([
    readCostFacts(db, scope, policy),
    readStudentFacts(db, scope, policy),
    db.group.findMany({
      where: { cycleId: input.cycleId },
      select: { id: true, siteId: true, primaryTutor: { select: { tutorProfile: { select: { providerId: true } } } } },
    }),
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.provider.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const [costAll, costSite, costProvider] = [
    tutorCostOf(costFacts, 'all'),
    tutorCostOf(costFacts, 'site'),
    tutorCostOf(costFacts, 'provider'),
  ];
  const perGroup = studentMetricsOf(studentFacts, 'group', policy);
  const placements = await placementGrowth(db, scope, policy, studentFacts);
  const unitOf = new Map(
    groups.map((g) => [g.id, { site: g.siteId, provider: g.primaryTutor.tutorProfile?.providerId ?? '' }]),
  );

  const minutes = { all: 0, site: new Map<string, number>(), provider: new Map<string, number>() };
  for (const g of perGroup) {
    const unit = unitOf.get(g.key);
    minutes.all += g.delivered;
    if (!unit) continue;
    minutes.site.set(unit.site, (minutes.site.get(unit.site) ?? 0) + g.delivered);
    minutes.provider.set(unit.provider, (minutes.provider.get(unit.provider) ?? 0) + g.delivered);
  }
  // Students who met their goal (every judged placement met, at least one), counted once
  // at each site / provider of their judged placements' groups (DOMAIN: cost per student meeting goal).
  const judgedOf = new Map<string, { judgements: Judgement[]; groupIds: string[] }>();
  for (const p of placements) {
    const entry = judgedOf.get(p.studentId) ?? { judgements: [], groupIds: [] };
    entry.judgements.push(p.judgement);
    if (isJudged(p.judgement)) entry.groupIds.push(p.groupId);
    judgedOf.set(p.studentId, entry);
  }
  const met = {
    all: new Set<string>(),
    site: new Map<string, Set<string>>(),
    provider: new Map<string, Set<string>>(),
  };
  for (const [studentId, { judgements, groupIds }] of judgedOf) {
    if (studentMetGoal(judgements) !== true) continue;
    met.all.add(studentId);
    for (const groupId of groupIds) {
      const unit = unitOf.get(groupId);
      if (!unit) continue;
      met.site.set(unit.site, (met.site.get(unit.site) ?? new Set()).add(studentId));
      met.provider.set(unit.provider, (met.provider.get(unit.provider) ?? new Set()).add(studentId));
    }
  }

  const empty = { heldSessions: 0, heldMinutes: 0, costedMinutes: 0, costCents: 0, uncostedTutorIds: [] as string[] };
  const row = (
    key: string,
    name: string,
    cost: typeof empty | undefined,
    studentMinutes: number,
    meeting: number,
  ): CostRow => {
    const c = cost ?? empty;
    const sums = { heldMinutes: c.heldMinutes, costedMinutes: c.costedMinutes, costCents: c.costCents };
    return {
      key,
      name,
      ...sums,
      heldSessions: c.heldSessions,
      studentMinutes,
      perDeliveredHour: costPerDeliveredHour(sums),
      partial: costsMissing(sums),
      studentsMeetingGoal: meeting,
      perStudentMeetingGoal: costPerStudentMeetingGoal(sums, meeting),
      uncostedTutorIds: c.uncostedTutorIds,
    };
  };
  const total = row('all', 'All sites and providers', costAll[0], minutes.all, met.all.size);
  const siteCost = new Map(costSite.map((c) => [c.key, c]));
  const providerCost = new Map(costProvider.map((c) => [c.key, c]));
  const active = (key: string, cost: Map<string, unknown>, mins: Map<string, number>) =>
    cost.has(key) || (mins.get(key) ?? 0) > 0;
  const bySite = sites
    .filter((s) => active(s.id, siteCost, minutes.site))
    .map((s) => row(s.id, s.name, siteCost.get(s.id), minutes.site.get(s.id) ?? 0, met.site.get(s.id)?.size ?? 0));
  const byProvider = providers
    .filter((p) => active(p.id, providerCost, minutes.provider))
    .map((p) =>
      row(p.id, p.name, providerCost.get(p.id), minutes.provider.get(p.id) ?? 0, met.provider.get(p.id)?.size ?? 0),
    );
  const uncostedIds = total.uncostedTutorIds;
  const uncosted = await db.user.findMany({
    where: { id: { in: uncostedIds } },
    select: { id: true, name: true, tutorProfile: { select: { provider: { select: { name: true } } } } },
    orderBy: { name: 'asc' },
  });
  return {
    total,
    bySite,
    byProvider,
    uncostedTutors: uncosted.map((u) => ({
      id: u.id,
      name: u.name,
      providerName: u.tutorProfile?.provider.name ?? null,
    })),
  };
}

type CostInput = { cycleId: string; from: IsoDate; to: IsoDate; policy: MetricsPolicy };

/** The cost view as a snapshot the keeper keeps (lib/snapshots). */
export function costViewSpec(input: CostInput): ViewSpec<CostView> {
  return {
    view: 'costs',
    args: { cycleId: input.cycleId, from: input.from, to: input.to, policy: input.policy },
    through: input.to,
    build: () => costView(input),
  };
}

/** The cost view for a page or a download, from its snapshot when one will do. */
export const servedCostView = (input: CostInput) => served(costViewSpec(input));
