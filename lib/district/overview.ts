import 'server-only';
import { now as clockNow } from '@/lib/clock';
import { db } from '@/lib/db';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';

export interface ProgramOverview {
  sites: number;
  activeStudents: number;
  eligibleStudents: number;
  placedStudents: number;
  activeGroups: number;
  heldThisWeek: number;
  scheduledThisWeek: number;
}

/** Headline counts for a district (or one site): one query, counted in Postgres. */
export async function programOverview(siteId: string | null = null): Promise<ProgramOverview> {
  const now = clockNow();
  const [row] = await db.$queryRaw<ProgramOverview[]>`
    WITH settings AS (SELECT "eligibilityPercentile" AS cut, "timeZone" AS tz FROM district_settings WHERE id = 1),
    today AS (SELECT (${now}::timestamptz AT TIME ZONE COALESCE((SELECT tz FROM settings), ${DEFAULT_SETTINGS.timeZone}))::date AS d),
    week AS (SELECT date_trunc('week', (SELECT d FROM today))::date AS monday),
    students AS (SELECT id FROM student WHERE status = 'ACTIVE' AND (${siteId}::uuid IS NULL OR "siteId" = ${siteId}::uuid))
    SELECT
      (SELECT count(*)::int FROM site WHERE ${siteId}::uuid IS NULL OR id = ${siteId}::uuid) AS "sites",
      (SELECT count(*)::int FROM students) AS "activeStudents",
      (SELECT count(DISTINCT r."studentId")::int FROM screener_result r JOIN students s ON s.id = r."studentId"
        WHERE r.percentile < COALESCE((SELECT cut FROM settings), ${DEFAULT_SETTINGS.eligibilityPercentile})) AS "eligibleStudents",
      (SELECT count(DISTINCT m."studentId")::int FROM membership m JOIN students s ON s.id = m."studentId"
        WHERE m."endDate" IS NULL OR m."endDate" >= (SELECT d FROM today)) AS "placedStudents",
      (SELECT count(*)::int FROM tutoring_group g WHERE g.status = 'ACTIVE' AND (${siteId}::uuid IS NULL OR g."siteId" = ${siteId}::uuid)) AS "activeGroups",
      (SELECT count(*) FILTER (WHERE se.status = 'HELD')::int FROM session se JOIN tutoring_group g ON g.id = se."groupId"
        WHERE se.date >= (SELECT monday FROM week) AND se.date < (SELECT monday FROM week) + 7
          AND (${siteId}::uuid IS NULL OR g."siteId" = ${siteId}::uuid)) AS "heldThisWeek",
      (SELECT count(*) FILTER (WHERE se."makeupForId" IS NULL)::int FROM session se JOIN tutoring_group g ON g.id = se."groupId"
        WHERE se.date >= (SELECT monday FROM week) AND se.date < (SELECT monday FROM week) + 7
          AND (${siteId}::uuid IS NULL OR g."siteId" = ${siteId}::uuid)) AS "scheduledThisWeek"`;
  return row!;
}
