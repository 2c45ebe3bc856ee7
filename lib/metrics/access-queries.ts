// Access (DOMAIN.md: placed ÷ eligible students) for all students and for each
// subgroup of the equity view, counted in Postgres. Students and screeners are
// small tables: no rollup is needed here.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { SUBGROUP_DIMENSIONS, type AccessRow } from './access';
import {
  groupFilterSql,
  hasStudentFilter,
  metricsPolicy,
  studentFilterSql,
  type MetricsPolicy,
  type MetricsScope,
} from './scope';

type Db = Prisma.TransactionClient;

/** The rows access is counted in: everyone, each subgroup dimension, grade and site. */
export const ACCESS_DIMENSIONS = ['all', ...SUBGROUP_DIMENSIONS] as const;
export type AccessDimension = (typeof ACCESS_DIMENSIONS)[number];

/**
 * Eligible: a student active at some point in the window (active, or withdrawn on
 * or after its start) at a site in scope whose latest screener in the subject (any subject
 * when the scope names none) up to the window's end is below the eligibility
 * percentile. Placed: an eligible student with a membership overlapping the window
 * in a group of a subject they are eligible in (and matching the scope's group filters).
 */
export async function accessBySubgroup(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'eligibilityPercentile'>,
  dimensions: readonly AccessDimension[] = ACCESS_DIMENSIONS,
): Promise<AccessRow[]> {
  const sums = new Map<string, AccessRow>();
  for (const r of await accessBySiteAndSubgroup(db, scope, policy, dimensions)) {
    const key = `${r.dimension}\u0000${r.value}`;
    const sum = sums.get(key) ?? { dimension: r.dimension, value: r.value, eligible: 0, placed: 0, access: null };
    sum.eligible += r.eligible;
    sum.placed += r.placed;
    sums.set(key, sum);
  }
  const order = (r: AccessRow) => `${r.dimension === 'all' ? '' : r.dimension}\u0000${r.value}`;
  return [...sums.values()]
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map((r) => ({ ...r, access: r.eligible > 0 ? r.placed / r.eligible : null }));
}

/** As accessBySubgroup, for the students of each site apart (a student counts at their own site). */
export async function accessBySiteAndSubgroup(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'eligibilityPercentile'>,
  dimensions: readonly AccessDimension[] = ACCESS_DIMENSIONS,
): Promise<(AccessRow & { siteId: string })[]> {
  const { eligibilityPercentile } = policy ?? (await metricsPolicy(db));
  const subject = scope.subject ? Prisma.sql`AND r.subject = ${scope.subject}::"Subject"` : Prisma.empty;
  const sites = scope.siteIds ? Prisma.sql`AND st."siteId" = ANY(${scope.siteIds}::uuid[])` : Prisma.empty;
  const flag = (column: string) => Prisma.raw(`CASE WHEN st."${column}" THEN 'yes' ELSE 'no' END`);
  const valueSql: Record<AccessDimension, Prisma.Sql> = {
    all: Prisma.sql`'all'`,
    raceEthnicity: Prisma.sql`st."raceEthnicity"::text`,
    gender: Prisma.sql`st.gender::text`,
    multilingualLearner: flag('multilingualLearner'),
    disability: flag('iep'),
    economicallyDisadvantaged: flag('economicallyDisadvantaged'),
    foster: flag('foster'),
    homeless: flag('homeless'),
    grade: Prisma.sql`st.grade::text`,
    site: Prisma.sql`st."siteId"::text`,
  };
  const narrow = Boolean(scope.siteIds) || hasStudentFilter(scope);
  const rows = await db.$queryRaw<
    { siteId: string; dimension: string; value: string; eligible: number; placed: number }[]
  >`
    WITH candidates AS MATERIALIZED (
      SELECT st.id FROM student st
      WHERE (st.status = 'ACTIVE' OR st."withdrawnOn" >= ${scope.from}::date) AND ${studentFilterSql(scope)} ${sites}
    ), latest AS (
      SELECT DISTINCT ON (r."studentId", r.subject) r."studentId", r.subject, r.percentile
      -- A scope of some sites or students reads only their screeners, through the index
      -- (not every school year's screeners of the district, sorted for one site; OFFSET 0
      -- keeps the planner from flattening the lateral read into a hash of all of them).
      FROM ${narrow ? Prisma.sql`candidates c CROSS JOIN LATERAL (SELECT * FROM screener_result r WHERE r."studentId" = c.id OFFSET 0) r` : Prisma.sql`screener_result r`}
      WHERE r."testedOn" <= ${scope.to}::date ${subject}
      ORDER BY r."studentId", r.subject, r."testedOn" DESC, r.percentile ASC
    ), eligible AS (
      SELECT "studentId", subject FROM latest WHERE percentile < ${eligibilityPercentile}::int
    ), students AS (
      SELECT st.*, EXISTS (
          SELECT 1 FROM membership m JOIN tutoring_group g ON g.id = m."groupId"
          JOIN eligible e ON e."studentId" = m."studentId" AND e.subject = g.subject
          WHERE m."studentId" = st.id AND m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
            AND ${groupFilterSql(scope)}
        ) AS placed
      FROM student st
      WHERE EXISTS (SELECT 1 FROM eligible e WHERE e."studentId" = st.id) AND st.id IN (SELECT id FROM candidates)
    )
    SELECT st."siteId"::text AS "siteId", d.dimension, d.value, COUNT(*)::int AS eligible, COUNT(*) FILTER (WHERE st.placed)::int AS placed
    FROM students st
    CROSS JOIN LATERAL (VALUES ${Prisma.join(
      dimensions.map((d) => Prisma.sql`(${d}::text, ${valueSql[d]})`),
      ', ',
    )}) AS d(dimension, value)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  return rows.map((r) => ({ ...r, access: r.eligible > 0 ? r.placed / r.eligible : null }));
}
