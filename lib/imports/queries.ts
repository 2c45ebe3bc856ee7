// Reads for the imports pages: recent batches and one batch's preview.
// Never the payload (megabytes of rows): the page shows counts and problems.
import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { requireBatch } from './access';
import type { ImportSummary, RosterProblem } from './types';

export interface BatchListItem {
  id: string;
  kind: 'ONEROSTER' | 'SUPPORTS';
  status: 'PREVIEW' | 'APPLIED' | 'DISCARDED' | 'FAILED';
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
      id: true, kind: true, status: true, fileNames: true, createdAt: true, problemCount: true, errorCount: true,
      site: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
  return rows.map(({ site, createdBy, ...row }) => ({ ...row, siteName: site?.name ?? null, createdBy: createdBy.name }));
}

export interface BatchDetail extends BatchListItem {
  summary: ImportSummary;
  problems: RosterProblem[];
  result: Record<string, number | string> | null;
  appliedAt: Date | null;
  appliedBy: string | null;
}

export async function batchDetail(user: SessionUser, batchId: string): Promise<BatchDetail> {
  const { id } = await requireBatch(user, batchId);
  const row = await db.importBatch.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, kind: true, status: true, fileNames: true, createdAt: true, problemCount: true, errorCount: true,
      summary: true, problems: true, result: true, appliedAt: true,
      site: { select: { name: true } },
      createdBy: { select: { name: true } },
      appliedBy: { select: { name: true } },
    },
  });
  const { site, createdBy, appliedBy, summary, problems, result, ...rest } = row;
  return {
    ...rest,
    siteName: site?.name ?? null,
    createdBy: createdBy.name,
    appliedBy: appliedBy?.name ?? null,
    summary: summary as unknown as ImportSummary,
    problems: problems as unknown as RosterProblem[],
    result: result as BatchDetail['result'],
  };
}
