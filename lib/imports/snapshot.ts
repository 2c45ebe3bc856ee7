// The database side of an import: what the planners compare the file with.
// Set queries with array parameters: one round trip for 50,000 ids, never one per row.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { districtToday } from '@/lib/settings/district';
import type { ExistingSite, ExistingStudent } from './roster-plan';
import type { StagingLookup, StagingSnapshot } from './staging';
import type { ExistingScreener, ExistingSupportsStudent } from './supports-plan';
import type { ImportScope, RosterPayload, SupportsPayload } from './types';

type Client = Prisma.TransactionClient;

/**
 * Every site, to match the file's schools by sourcedId or code. A site import
 * matches against the other sites too (their rows are skipped), but never learns
 * their names: the planner gets them blank.
 */
export async function loadSites(client: Client, scope: ImportScope): Promise<ExistingSite[]> {
  const sites = await client.site.findMany({
    select: { id: true, code: true, name: true, sourceId: true, gradeMin: true },
  });
  return scope.kind === 'district' ? sites : sites.map((s) => (s.id === scope.siteId ? s : { ...s, name: '' }));
}

/**
 * The student columns the planners read. For a site import a student of another
 * site is only an id that is taken: name, grade and demographics come back blank,
 * so no message or count built from them can tell the coordinator who it is.
 * `$own` is the site's id, or null for a district import; `$today` the district's date,
 * for the placements a withdrawal would end (open after today).
 */
function studentColumns(own: string, today: string): string {
  const shown = (column: string, blank: string, name: string) =>
    `CASE WHEN ${own}::uuid IS NULL OR "siteId" = ${own}::uuid THEN ${column} ELSE ${blank} END AS ${name}`;
  return `id::text AS id, "sourceId", "sisId", "siteId"::text AS "siteId", status::text AS status,
          ${shown('"firstName"', "''", '"firstName"')}, ${shown('"lastName"', "''", '"lastName"')}, ${shown('grade', '0', 'grade')},
          ${shown('"raceEthnicity"::text', "'NOT_REPORTED'", '"raceEthnicity"')},
          ${shown('gender::text', "'NOT_REPORTED'", 'gender')},
          (SELECT count(*)::int FROM membership m
            WHERE m."studentId" = student.id AND (m."endDate" IS NULL OR m."endDate" > ${today}::date)) AS "openPlacements"`;
}

const ownSite = (scope: ImportScope) => (scope.kind === 'site' ? scope.siteId : null);

/** The sites the file's schools are (by sourcedId or code). */
function coveredSiteIds(
  sites: ExistingSite[],
  schoolSourceIds: Iterable<string>,
  schoolCodes: Iterable<string>,
): string[] {
  const ids = new Set(schoolSourceIds);
  const codes = new Set(schoolCodes);
  return sites.filter((s) => (s.sourceId !== null && ids.has(s.sourceId)) || codes.has(s.code)).map((s) => s.id);
}

/** Students the rows name by source or SIS id, and every active student of the sites the file's schools are. */
export async function loadRosterStudents(
  client: Client,
  rows: RosterPayload,
  sites: ExistingSite[],
  scope: ImportScope,
): Promise<ExistingStudent[]> {
  const sourceIds = [...new Set([...rows.seenSourceIds])];
  const sisIds = [...new Set([...rows.seenSisIds])];
  const siteIds = coveredSiteIds(
    sites,
    rows.schools.map((s) => s.sourceId),
    rows.schools.map((s) => s.code),
  );
  return client.$queryRawUnsafe<ExistingStudent[]>(
    `SELECT ${studentColumns('$4', '$5')}
       FROM student
      WHERE "sourceId" = ANY($1::text[]) OR "sisId" = ANY($2::text[])
         OR ("siteId" = ANY($3::uuid[]) AND status = 'ACTIVE')`,
    sourceIds,
    sisIds,
    siteIds,
    ownSite(scope),
    await districtToday(client),
  );
}

function scopeFilter(scope: ImportScope): string {
  return scope.kind === 'site' ? `AND "siteId" = $2::uuid` : '';
}

/** Students of the caller's sites whose SIS ids the file names, with their support flags. */
export async function loadSupportsStudents(
  client: Client,
  rows: SupportsPayload,
  scope: ImportScope,
): Promise<ExistingSupportsStudent[]> {
  const sisIds = [...new Set([...rows.supports, ...rows.screeners].map((r) => r.sisId))];
  const params: unknown[] = [sisIds];
  if (scope.kind === 'site') params.push(scope.siteId);
  return client.$queryRawUnsafe<ExistingSupportsStudent[]>(
    `SELECT id::text, "sisId", "multilingualLearner", iep, "section504", "economicallyDisadvantaged", foster, homeless
       FROM student WHERE "sisId" = ANY($1::text[]) ${scopeFilter(scope)}`,
    ...params,
  );
}

export async function loadScreeners(client: Client, studentIds: string[]): Promise<ExistingScreener[]> {
  const rows = await client.$queryRawUnsafe<(Omit<ExistingScreener, 'score'> & { score: string | null })[]>(
    `SELECT "studentId"::text, subject::text, measure, to_char("testedOn", 'YYYY-MM-DD') AS "testedOn", score::text, percentile
       FROM screener_result WHERE "studentId" = ANY($1::uuid[])`,
    studentIds,
  );
  return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
}

// ---------------------------------------------------------------- for the staging thread
// The same questions as above, asked with id lists as JSON text and answered as one
// JSON text: the rows go to the staging thread (./staging-thread.ts) to be planned,
// and tens of thousands of them never become objects on the request thread.

const jsonIds = (param: string) => `ARRAY(SELECT jsonb_array_elements_text(${param}::jsonb))`;

/** loadSites and loadRosterStudents, for a staged roster upload. */
async function rosterSnapshot(
  client: Client,
  lookup: Extract<StagingLookup, { kind: 'oneroster' }>,
  scope: ImportScope,
): Promise<StagingSnapshot> {
  const sites = await loadSites(client, scope);
  const siteIds = coveredSiteIds(sites, lookup.schoolSourceIds, lookup.schoolCodes);
  const [answer] = await client.$queryRawUnsafe<{ students: string }[]>(
    `SELECT coalesce(json_agg(s), '[]')::text AS students FROM (
       SELECT ${studentColumns('$4', '$5')}
         FROM student
        WHERE "sourceId" = ANY(${jsonIds('$1')}) OR "sisId" = ANY(${jsonIds('$2')})
           OR ("siteId" = ANY($3::uuid[]) AND status = 'ACTIVE')) s`,
    lookup.sourceIdsJson,
    lookup.sisIdsJson,
    siteIds,
    ownSite(scope),
    await districtToday(client),
  );
  return { kind: 'oneroster', sites, studentsJson: answer?.students ?? '[]' };
}

/** loadSupportsStudents and loadScreeners (of those students), for a staged supports upload. */
async function supportsSnapshot(
  client: Client,
  lookup: Extract<StagingLookup, { kind: 'supports' }>,
  scope: ImportScope,
): Promise<StagingSnapshot> {
  const params: unknown[] = [lookup.sisIdsJson];
  if (scope.kind === 'site') params.push(scope.siteId);
  const [answer] = await client.$queryRawUnsafe<{ students: string; screeners: string }[]>(
    `WITH s AS (
       SELECT id, "sisId", "multilingualLearner", iep, "section504", "economicallyDisadvantaged", foster, homeless
         FROM student WHERE "sisId" = ANY(${jsonIds('$1')}) ${scopeFilter(scope)})
     SELECT (SELECT coalesce(json_agg(json_build_object(
                'id', id::text, 'sisId', "sisId", 'multilingualLearner', "multilingualLearner", 'iep', iep,
                'section504', "section504", 'economicallyDisadvantaged', "economicallyDisadvantaged",
                'foster', foster, 'homeless', homeless)), '[]')::text FROM s) AS students,
            (SELECT coalesce(json_agg(json_build_object(
                'studentId', "studentId"::text, 'subject', subject::text, 'measure', measure,
                'testedOn', to_char("testedOn", 'YYYY-MM-DD'), 'score', score::text, 'percentile', percentile)), '[]')::text
               FROM screener_result WHERE "studentId" IN (SELECT id FROM s)) AS screeners`,
    ...params,
  );
  return { kind: 'supports', studentsJson: answer?.students ?? '[]', screenersJson: answer?.screeners ?? '[]' };
}

/** What the staging thread's plan compares the upload with. */
export function stagingSnapshot(client: Client, lookup: StagingLookup, scope: ImportScope): Promise<StagingSnapshot> {
  return lookup.kind === 'oneroster' ? rosterSnapshot(client, lookup, scope) : supportsSnapshot(client, lookup, scope);
}
