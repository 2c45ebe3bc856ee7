// The program standard checked for each group in scope: its weekly schedule, its
// largest roster at once, its length, and who delivered its held sessions in the window.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { CONSISTENT_TUTOR_SHARE, meetsProgramStandard, programStandardChecks, weeksBetween, type StandardCheck, type StandardFacts } from './program-standard';
import { groupFilterSql, hasStudentFilter, metricsPolicy, studentFilterSql, type MetricsPolicy, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;
type Policy = Pick<MetricsPolicy, 'targetSessionsPerWeek' | 'targetMinutesPerSession' | 'maxGroupSize' | 'minProgramWeeks'>;

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
  const rows = await db.$queryRaw<{ groupId: string; startDate: string; endDate: string; meetings: number; shortest: number | null; largest: number; held: number; byPrimary: number }[]>`
    SELECT g.id AS "groupId", to_char(g."startDate", 'YYYY-MM-DD') AS "startDate", to_char(g."endDate", 'YYYY-MM-DD') AS "endDate",
      (SELECT COUNT(*)::int FROM group_meeting gm WHERE gm."groupId" = g.id) AS meetings,
      (SELECT MIN(gm."plannedMinutes")::int FROM group_meeting gm WHERE gm."groupId" = g.id) AS shortest,
      -- The roster peaks on some member's start date.
      (SELECT COALESCE(MAX(n), 0)::int FROM (
        SELECT COUNT(*) AS n FROM membership m1 JOIN membership m2 ON m2."groupId" = m1."groupId"
          AND m2."startDate" <= m1."startDate" AND (m2."endDate" IS NULL OR m2."endDate" >= m1."startDate")
        WHERE m1."groupId" = g.id GROUP BY m1.id) peaks) AS largest,
      (SELECT COUNT(*)::int FROM session s WHERE s."groupId" = g.id AND s.status = 'HELD'
        AND s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date) AS held,
      (SELECT COUNT(*)::int FROM session s WHERE s."groupId" = g.id AND s.status = 'HELD'
        AND s.date >= ${scope.from}::date AND s.date <= ${scope.to}::date
        AND COALESCE(s."deliveredById", s."substituteTutorId", g."primaryTutorId") = g."primaryTutorId") AS "byPrimary"
    FROM tutoring_group g
    WHERE g."startDate" <= ${scope.to}::date AND g."endDate" >= ${scope.from}::date AND ${groupFilterSql(scope)} ${members}
    ORDER BY g.name, g.id`;
  return rows.map((r) => {
    const facts: StandardFacts = {
      sessionsPerWeek: r.meetings,
      minutesPerSession: r.shortest ?? 0,
      largestGroupSize: r.largest,
      weeks: weeksBetween(r.startDate, r.endDate),
      primaryTutorShare: r.held > 0 ? r.byPrimary / r.held : null,
    };
    const checks = programStandardChecks(facts, { ...p, consistentTutorShare: CONSISTENT_TUTOR_SHARE });
    return { groupId: r.groupId, facts, checks, meetsStandard: meetsProgramStandard(checks) };
  });
}
