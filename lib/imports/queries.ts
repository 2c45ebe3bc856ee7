// Reads for the imports pages: recent batches and one batch's preview.
// Never the payload (megabytes of rows): the page shows counts and problems.
import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import type { ImportStatus } from '@/lib/generated/prisma/enums';
import { requireBatch } from './access';
import { ABANDONED, STALE_AFTER_SECONDS, stagingState } from './queue';
import type { ImportSummary, RosterProblem } from './types';

export interface BatchListItem {
  id: string;
  kind: 'ONEROSTER' | 'SUPPORTS';
  status: ImportStatus;
  siteName: string | null;
  fileNames: string[];
  createdBy: string;
  createdAt: Date;
  problemCount: number;
  errorCount: number;
}

/** The latest batches: every one for the district page, one site's on a site page. */
export async function recentBatches(siteId: string | null, take = 15): Promise<BatchListItem[]> {
  const rows = await db.importBatch.findMany({
    where: siteId === null ? {} : { siteId },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      fileNames: true,
      createdAt: true,
      problemCount: true,
      errorCount: true,
      stagingHeartbeatAt: true,
      site: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
  // A waiting batch whose process has stopped reads as failed (the next upload's claim marks it so).
  const staleBefore = Date.now() - STALE_AFTER_SECONDS * 1000;
  return rows.map(({ site, createdBy, stagingHeartbeatAt, ...row }) => {
    const abandoned =
      (row.status === 'QUEUED' || row.status === 'STAGING') && (stagingHeartbeatAt?.getTime() ?? 0) < staleBefore;
    return {
      ...row,
      status: abandoned ? 'FAILED' : row.status,
      siteName: site?.name ?? null,
      createdBy: createdBy.name,
    };
  });
}

export interface BatchDetail extends BatchListItem {
  summary: ImportSummary;
  problems: RosterProblem[];
  result: Record<string, number | string> | null;
  appliedAt: Date | null;
  appliedBy: string | null;
  /** Why a FAILED batch failed, in a sentence. */
  failure: string | null;
  /** While QUEUED: the imports before it in line. */
  ahead: number;
}

export async function batchDetail(user: SessionUser, batchId: string): Promise<BatchDetail> {
  const { id } = await requireBatch(user, batchId);
  const row = await db.importBatch.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      kind: true,
      status: true,
      fileNames: true,
      createdAt: true,
      problemCount: true,
      errorCount: true,
      summary: true,
      problems: true,
      result: true,
      appliedAt: true,
      failure: true,
      site: { select: { name: true } },
      createdBy: { select: { name: true } },
      appliedBy: { select: { name: true } },
    },
  });
  const { site, createdBy, appliedBy, summary, problems, result, ...rest } = row;
  const live = rest.status === 'QUEUED' || rest.status === 'STAGING' ? await stagingState(id) : null;
  return {
    ...rest,
    status: live?.abandoned ? 'FAILED' : rest.status,
    failure: live?.abandoned ? ABANDONED : rest.failure,
    ahead: live?.ahead ?? 0,
    siteName: site?.name ?? null,
    createdBy: createdBy.name,
    appliedBy: appliedBy?.name ?? null,
    summary: summary as unknown as ImportSummary,
    problems: problems as unknown as RosterProblem[],
    result: result as BatchDetail['result'],
  };
}
