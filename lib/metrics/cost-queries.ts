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

const keyColumn: Record<TutorCostBy, Prisma.Sql> = {
  site: Prisma.sql`g."siteId"::text`,
  provider: Prisma.sql`ptp."providerId"::text`,
  group: Prisma.sql`g.id::text`,
  all: Prisma.sql`'all'`,
};

export async function tutorCost(db: Db, scope: MetricsScope, options: { by?: TutorCostBy } = {}): Promise<TutorCost[]> {
  return db.$queryRaw<TutorCost[]>`
    SELECT ${keyColumn[options.by ?? 'all']} AS key,
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
    GROUP BY 1 ORDER BY 1`;
}
