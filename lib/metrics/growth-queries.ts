// Growth for each placement in a scope: the placement's scores on its group's
// measure (up to the window's end) read in one query, then the pure definitions of
// ./growth.ts. Probes are a few per student; for a very large district the slope
// can move into SQL (regr_slope) or the rollup without changing this signature.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { doseBandOf, doseBands, growthJudgement, type GrowthJudgement } from './dose';
import { aimLine, aimSlopePerWeek, growth, metGoal, preScore, rateOfImprovement, summarizeGrowth, type GrowthSummary, type Score } from './growth';
import { groupFilterSql, metricsPolicy, studentFilterSql, type MetricsPolicy, type MetricsScope } from './scope';
import { studentMetrics } from './student-queries';

type Db = Prisma.TransactionClient;

export interface PlacementGrowth {
  membershipId: string;
  studentId: string;
  groupId: string;
  measure: string;
  placedOn: IsoDate;
  goal: number | null;
  goalDate: IsoDate;
  scores: Score[];
  growth: number | null;
  rateOfImprovement: number | null;
  /** The aim line's slope: the rate of improvement the goal asks for. */
  aimSlopePerWeek: number | null;
  metGoal: boolean | null;
}

export async function placementGrowth(db: Db, scope: MetricsScope): Promise<PlacementGrowth[]> {
  const rows = await db.$queryRaw<Omit<PlacementGrowth, 'growth' | 'rateOfImprovement' | 'aimSlopePerWeek' | 'metGoal'>[]>`
    SELECT m.id AS "membershipId", m."studentId", m."groupId", g."probeMeasure" AS measure,
      to_char(m."startDate", 'YYYY-MM-DD') AS "placedOn", m."goalScore"::float8 AS goal,
      to_char(COALESCE(m."goalDate", g."endDate"), 'YYYY-MM-DD') AS "goalDate",
      COALESCE(json_agg(json_build_object('date', to_char(p."administeredOn", 'YYYY-MM-DD'), 'kind', p.kind, 'score', p.score::float8)
        ORDER BY p."administeredOn", p.kind) FILTER (WHERE p.id IS NOT NULL), '[]'::json) AS scores
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN student st ON st.id = m."studentId"
    LEFT JOIN probe p ON p."membershipId" = m.id AND p.measure = g."probeMeasure" AND p."administeredOn" <= ${scope.to}::date
    WHERE m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
      AND ${groupFilterSql(scope)} AND ${studentFilterSql(scope)}
    GROUP BY m.id, g.id
    ORDER BY m."studentId", m."startDate"`;
  return rows.map((r) => {
    const pre = preScore(r.scores);
    return {
      ...r,
      growth: growth(r.scores),
      rateOfImprovement: rateOfImprovement(r.scores),
      aimSlopePerWeek: pre && r.goal !== null ? aimSlopePerWeek(aimLine({ placedOn: r.placedOn, pre: pre.score, goal: r.goal, goalDate: r.goalDate, groupEndDate: r.goalDate })) : null,
      metGoal: metGoal(r.scores, r.goal),
    };
  });
}

export interface GrowthByDoseBand {
  band: string;
  summary: GrowthSummary;
  judgements: Record<GrowthJudgement, number>;
}

/**
 * Dose-aware growth: each placement's growth beside its student's dose rate over the
 * window (all their placements in scope), grouped by dose band. Placements whose
 * student had nothing scheduled fall in no band.
 */
export async function growthByDoseBand(db: Db, scope: MetricsScope, policy?: Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek' | 'underDosedPercent'>): Promise<GrowthByDoseBand[]> {
  const p = policy ?? (await metricsPolicy(db));
  const [placements, dose] = await Promise.all([placementGrowth(db, scope), studentMetrics(db, scope, { by: 'student', policy: p })]);
  const rateOf = new Map(dose.map((d) => [d.key, d.doseRate]));
  const bands = doseBands(p.underDosedPercent);
  return bands.map((band) => {
    const inBand = placements.filter((g) => doseBandOf(rateOf.get(g.studentId) ?? null, bands) === band);
    const judgements: Record<GrowthJudgement, number> = { under_dosed: 0, met_goal: 0, not_met: 0, no_goal: 0 };
    for (const g of inBand) judgements[growthJudgement(rateOf.get(g.studentId) ?? null, g.metGoal, p.underDosedPercent)]++;
    return { band: band.label, summary: summarizeGrowth(inBand), judgements };
  });
}
