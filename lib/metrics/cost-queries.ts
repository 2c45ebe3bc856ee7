// Tutor cost of the held sessions in a scope (./cost.ts says what is counted), by
// site, provider or group, summed in Postgres. Only held sessions are read, a few
// per group a week: no rollup is needed.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CostSums } from './cost';
import { groupFilterSql, type MetricsScope } from './scope';

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
export async function readCostFacts(db: Db, scope: MetricsScope): Promise<CostFacts[]> {
  return db.$queryRaw<CostFacts[]>`
    SELECT g.id::text AS key, g."siteId"::text AS "siteId", COALESCE(ptp."providerId"::text, '') AS "providerId",
      COUNT(*)::int AS "heldSessions",
      COALESCE(SUM(s."actualMinutes"), 0)::int AS "heldMinutes",
      COALESCE(SUM(s."actualMinutes") FILTER (WHERE tp."hourlyCostCents" IS NOT NULL), 0)::int AS "costedMinutes",
      COALESCE(SUM(s."actualMinutes"::numeric * tp."hourlyCostCents" / 60), 0)::float8 AS "costCents",
      COALESCE(array_agg(DISTINCT t.id::text) FILTER (WHERE tp."hourlyCostCents" IS NULL), '{}') AS "uncostedTutorIds"
    FROM session s
    JOIN tutoring_group g ON g.id = s."groupId"
    JOIN app_user t ON t.id = COALESCE(s."deliveredById", s."substituteTutorId", s."primaryTutorId", g."primaryTutorId")
    LEFT JOIN tutor_profile tp ON tp."userId" = t.id
    LEFT JOIN tutor_profile ptp ON ptp."userId" = g."primaryTutorId"
    WHERE s.status = 'HELD' AND s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date
      AND ${groupFilterSql(scope)}
    GROUP BY g.id, ptp."providerId"`;
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
    const sum = sums.get(key) ?? { key, heldSessions: 0, heldMinutes: 0, costedMinutes: 0, costCents: 0, uncostedTutorIds: [], uncosted: new Set<string>() };
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

export async function tutorCost(db: Db, scope: MetricsScope, options: { by?: TutorCostBy } = {}): Promise<TutorCost[]> {
  return tutorCostOf(await readCostFacts(db, scope), options.by ?? 'all');
}
