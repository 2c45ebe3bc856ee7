// Access (DOMAIN.md: placed ÷ eligible students) for all students and for each
// subgroup of the equity view, counted in Postgres. Students and screeners are
// small tables: no rollup is needed here.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { SUBGROUP_DIMENSIONS, subgroupsOf, type AccessRow, type StudentSubgroups } from './access';
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
  const narrow = Boolean(scope.siteIds) || hasStudentFilter(scope);
  // Counted once per combination of a student's subgroups (a few thousand rows), then
  // added up by dimension here: not ten rows per eligible student sorted in Postgres.
  const combinations = await db.$queryRaw<(StudentSubgroups & { eligible: number; placed: number })[]>`
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
      -- The candidates' conditions again, on the student row itself: one hash join with the
      -- eligible, not an index lookup per eligible student.
      WHERE st.id IN (SELECT "studentId" FROM eligible)
        AND (st.status = 'ACTIVE' OR st."withdrawnOn" >= ${scope.from}::date) AND ${studentFilterSql(scope)} ${sites}
    )
    SELECT st."siteId"::text AS "siteId", st."raceEthnicity"::text AS "raceEthnicity", st.gender::text AS gender,
      st."multilingualLearner", st.iep, st."economicallyDisadvantaged", st.foster, st.homeless, st.grade,
      COUNT(*)::int AS eligible, COUNT(*) FILTER (WHERE st.placed)::int AS placed
    FROM students st
    GROUP BY st."siteId", st."raceEthnicity", st.gender, st."multilingualLearner", st.iep,
      st."economicallyDisadvantaged", st.foster, st.homeless, st.grade`;
  const wanted = new Set<string>(dimensions);
  const sums = new Map<string, AccessRow & { siteId: string }>();
  for (const c of combinations) {
    for (const [dimension, value] of subgroupsOf(c)) {
      if (!wanted.has(dimension)) continue;
      const key = `${c.siteId}\u0000${dimension}\u0000${value}`;
      const sum = sums.get(key) ?? { siteId: c.siteId, dimension, value, eligible: 0, placed: 0, access: null };
      sum.eligible += c.eligible;
      sum.placed += c.placed;
      sums.set(key, sum);
    }
  }
  const order = (r: { siteId: string; dimension: string; value: string }) =>
    `${r.siteId}\u0000${r.dimension}\u0000${r.value}`;
  return [...sums.values()]
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map((r) => ({ ...r, access: r.eligible > 0 ? r.placed / r.eligible : null }));
}
