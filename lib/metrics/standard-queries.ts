// The program standard checked for each group in scope: its weekly schedule, its
// largest roster at once, its length (Monday-weeks with a scheduled session from its
// start to its end date), and who delivered its held sessions in the window up to
// "as of" (summed from the group-week facts of ./facts-sql.ts, whole weeks from the
// rollup): a held session counts for consistency when its tutor is the session's own
// primary tutor, the group's on that date.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  CONSISTENT_TUTOR_SHARE,
  meetsProgramStandard,
  programStandardChecks,
  type StandardCheck,
  type StandardFacts,
} from './program-standard';
import { groupFactsOverPlanSql, groupLargestSql, groupWeeksSql } from './facts-sql';
import { factsPlanFor, readingLive } from './rollup';
import { asOfWindow, type FactsPlan } from './rollup-plan';
import {
  groupFilterSql,
  hasStudentFilter,
  metricsPolicy,
  studentFilterSql,
  type MetricsPolicy,
  type MetricsScope,
} from './scope';

type Db = Prisma.TransactionClient;
type Policy = Pick<
  MetricsPolicy,
  'today' | 'targetSessionsPerWeek' | 'targetMinutesPerSession' | 'maxGroupSize' | 'minProgramWeeks'
>;

export interface GroupStandard {
  groupId: string;
  facts: StandardFacts;
  checks: StandardCheck[];
  meetsStandard: boolean | null;
}

/** Groups active in the window (with a member in scope when the scope names students or grades). */
export async function groupProgramStandard(db: Db, scope: MetricsScope, policy?: Policy): Promise<GroupStandard[]> {
  const p = policy ?? (await metricsPolicy(db));
  const members = hasStudentFilter(scope)
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM membership m JOIN student st ON st.id = m."studentId" WHERE m."groupId" = g.id
        AND m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date) AND ${studentFilterSql(scope)})`
    : Prisma.empty;
  // Held sessions up to "as of", from the group-week facts (rollup or live).
  const { counted } = asOfWindow(scope.from, scope.to, p.today);
  const groups: MetricsScope = {
    cycleId: scope.cycleId,
    from: counted?.[0] ?? scope.from,
    to: counted?.[1] ?? scope.to,
    siteIds: scope.siteIds,
    subject: scope.subject,
    providerId: scope.providerId,
    groupId: scope.groupId,
  };
  const plan: FactsPlan = counted ? await factsPlanFor(db, groups, p.today) : { rollupWeeks: [], live: [] };
  const kept = readingLive()
    ? Prisma.sql`FALSE`
    : Prisma.sql`(gs."groupId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM metrics_stale ms WHERE ms."groupId" = g.id))`;
  const rows = await db.$queryRaw<
    {
      groupId: string;
      meetings: number;
      shortest: number | null;
      largest: number;
      weeks: number;
      held: number;
      byPrimary: number;
    }[]
  >`
    WITH facts AS (${groupFactsOverPlanSql(groups, plan)})
    SELECT g.id AS "groupId",
      -- Kept per group (metrics_group_standard) unless a write to the group is not refreshed yet.
      CASE WHEN ${kept} THEN gs.weeks ELSE ${groupWeeksSql} END AS weeks,
      (SELECT COUNT(*)::int FROM group_meeting gm WHERE gm."groupId" = g.id) AS meetings,
      (SELECT MIN(gm."plannedMinutes")::int FROM group_meeting gm WHERE gm."groupId" = g.id) AS shortest,
      CASE WHEN ${kept} THEN gs.largest ELSE ${groupLargestSql} END AS largest,
      COALESCE(h.held, 0)::int AS held, COALESCE(h."byPrimary", 0)::int AS "byPrimary"
    FROM tutoring_group g
    LEFT JOIN metrics_group_standard gs ON gs."groupId" = g.id
    LEFT JOIN (
      SELECT f."groupId", SUM(f.held) AS held, SUM(f."heldByPrimary") AS "byPrimary" FROM facts f GROUP BY 1
    ) h ON h."groupId" = g.id
    WHERE g."startDate" <= ${scope.to}::date AND g."endDate" >= ${scope.from}::date AND ${groupFilterSql(scope)} ${members}
    ORDER BY g.name, g.id`;
  return rows.map((r) => {
    const facts: StandardFacts = {
      sessionsPerWeek: r.meetings,
      minutesPerSession: r.shortest ?? 0,
      largestGroupSize: r.largest,
      weeks: r.weeks,
      primaryTutorShare: r.held > 0 ? r.byPrimary / r.held : null,
    };
    const checks = programStandardChecks(facts, { ...p, consistentTutorShare: CONSISTENT_TUTOR_SHARE });
    return { groupId: r.groupId, facts, checks, meetsStandard: meetsProgramStandard(checks) };
  });
}
