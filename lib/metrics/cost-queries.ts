// Tutor cost of the held sessions in a scope (./cost.ts says what is counted), by
// site, provider or group, summed in Postgres from the group facts (held minutes per
// group, tutor and week: the rollup's running totals for whole weeks, the rest live),
// priced at each tutor's current hourly cost.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CostSums } from './cost';
import { groupFactsOverPlanSql } from './facts-sql';
import { factsPlanFor } from './rollup';
import { metricsPolicy, type MetricsPolicy, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;

export type TutorCostBy = 'site' | 'provider' | 'group' | 'all';

export interface TutorCost extends CostSums {
  /** The site, provider (of the group's primary tutor, as MetricsScope.providerId) or group id; 'all' for the scope. */
  key: string;
  heldSessions: number;
  /** Tutors who delivered held minutes here without an hourly cost. */
  uncostedTutorIds: string[];
}

/** Held-session cost of one group in a scope, with the site and the provider it counts under. */
export interface CostFacts extends TutorCost {
  siteId: string;
  /** The provider of the group's primary tutor ('' when none). */
  providerId: string;
}

/** The scope's held-session costs per group, in one pass over the held sessions (tutorCostOf derives every figure). */
export async function readCostFacts(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'today'>,
): Promise<CostFacts[]> {
  const { today } = policy ?? (await metricsPolicy(db));
  // Every held session of the window (today's too): cost ignores student filters.
  const groups: MetricsScope = { ...scope, grades: undefined, studentId: undefined };
  const plan = await factsPlanFor(db, groups, today);
  return db.$queryRaw<CostFacts[]>`
    WITH f AS (${groupFactsOverPlanSql(groups, plan)})
    SELECT g.id::text AS key, g."siteId"::text AS "siteId", COALESCE(ptp."providerId"::text, '') AS "providerId",
      SUM(f.held)::int AS "heldSessions",
      SUM(f."heldMinutes")::int AS "heldMinutes",
      COALESCE(SUM(f."heldMinutes") FILTER (WHERE tp."hourlyCostCents" IS NOT NULL), 0)::int AS "costedMinutes",
      COALESCE(SUM(f."heldMinutes"::numeric * tp."hourlyCostCents" / 60), 0)::float8 AS "costCents",
      COALESCE(array_agg(DISTINCT f."tutorId"::text) FILTER (WHERE tp."hourlyCostCents" IS NULL AND f.held > 0), '{}') AS "uncostedTutorIds"
    FROM f
    JOIN tutoring_group g ON g.id = f."groupId"
    LEFT JOIN tutor_profile tp ON tp."userId" = f."tutorId"
    LEFT JOIN tutor_profile ptp ON ptp."userId" = g."primaryTutorId"
    GROUP BY g.id, ptp."providerId"
    HAVING SUM(f.held) > 0`;
}

const keyOf: Record<TutorCostBy, (f: CostFacts) => string> = {
  site: (f) => f.siteId,
  provider: (f) => f.providerId,
  group: (f) => f.key,
  all: () => 'all',
};

/** Tutor cost by site, provider (of the group's primary tutor; '' for none) or group, or all, sorted by key. */
export function tutorCostOf(facts: readonly CostFacts[], by: TutorCostBy): TutorCost[] {
  const sums = new Map<string, TutorCost & { uncosted: Set<string> }>();
  for (const f of facts) {
    const key = keyOf[by](f);
    const sum = sums.get(key) ?? {
      key,
      heldSessions: 0,
      heldMinutes: 0,
      costedMinutes: 0,
      costCents: 0,
      uncostedTutorIds: [],
      uncosted: new Set<string>(),
    };
    sum.heldSessions += f.heldSessions;
    sum.heldMinutes += f.heldMinutes;
    sum.costedMinutes += f.costedMinutes;
    sum.costCents += f.costCents;
    for (const id of f.uncostedTutorIds) sum.uncosted.add(id);
    sums.set(key, sum);
  }
  return [...sums.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ uncosted, ...sum }) => ({ ...sum, uncostedTutorIds: [...uncosted].sort() }));
}

export async function tutorCost(
  db: Db,
  scope: MetricsScope,
  options: { by?: TutorCostBy; policy?: Pick<MetricsPolicy, 'today'> } = {},
): Promise<TutorCost[]> {
  return tutorCostOf(await readCostFacts(db, scope, options.policy), options.by ?? 'all');
}
