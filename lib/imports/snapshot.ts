// The database side of an import: what the planners compare the file with.
// Set queries with array parameters: one round trip for 50,000 ids, never one per row.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ExistingSite, ExistingStudent } from './roster-plan';
import type { ExistingScreener, ExistingSupportsStudent } from './supports-plan';
import type { ImportScope, RosterPayload, SupportsPayload } from './types';

type Client = Prisma.TransactionClient;

export async function loadSites(client: Client): Promise<ExistingSite[]> {
  return client.site.findMany({ select: { id: true, code: true, name: true, sourceId: true, gradeMin: true } });
}

/** Students the rows name by source or SIS id, and every active student of the sites the file's schools are. */
export async function loadRosterStudents(client: Client, rows: RosterPayload, sites: ExistingSite[]): Promise<ExistingStudent[]> {
  const sourceIds = [...new Set([...rows.seenSourceIds])];
  const sisIds = [...new Set([...rows.seenSisIds])];
  const schoolIds = new Set(rows.schools.map((s) => s.sourceId));
  const schoolCodes = new Set(rows.schools.map((s) => s.code));
  const siteIds = sites.filter((s) => (s.sourceId !== null && schoolIds.has(s.sourceId)) || schoolCodes.has(s.code)).map((s) => s.id);
  return client.$queryRawUnsafe<ExistingStudent[]>(
    `SELECT id::text, "sourceId", "sisId", "siteId"::text, status::text, "firstName", "lastName", grade,
            "raceEthnicity"::text, gender::text
       FROM student
      WHERE "sourceId" = ANY($1::text[]) OR "sisId" = ANY($2::text[])
         OR ("siteId" = ANY($3::uuid[]) AND status = 'ACTIVE')`,
    sourceIds,
    sisIds,
    siteIds,
  );
}

function scopeFilter(scope: ImportScope): string {
  return scope.kind === 'site' ? `AND "siteId" = $2::uuid` : '';
}

/** Students of the caller's sites whose SIS ids the file names, with their support flags. */
export async function loadSupportsStudents(client: Client, rows: SupportsPayload, scope: ImportScope): Promise<ExistingSupportsStudent[]> {
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
