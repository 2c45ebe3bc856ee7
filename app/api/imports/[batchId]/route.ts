// Where an import stands, for the page's polling: waiting its turn (with how many
// are ahead), being checked, or being applied (with its progress).
import { requireUser } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { requireBatch } from '@/lib/imports/access';
import { runningProgress } from '@/lib/imports/progress';
import { stagingState } from '@/lib/imports/queue';
import { defineRoute } from '@/lib/http/route';
import type { ImportProgress } from '@/lib/imports/types';

export const dynamic = 'force-dynamic';

export const GET = defineRoute<{ batchId: string }>('import progress', async (_request, { batchId }) => {
  const batch = await requireBatch(await requireUser(), batchId);
  const progress = await db.importBatch.findUniqueOrThrow({
    where: { id: batch.id },
    select: { status: true, progressPhase: true, progressDone: true, progressTotal: true },
  });
  if (progress.status === 'QUEUED' || progress.status === 'STAGING') {
    const state = await stagingState(batch.id);
    const waiting: ImportProgress = state.abandoned
      ? { status: 'FAILED', phase: null, done: 0, total: 0 }
      : {
          status: state.status,
          // While staging, the step it is on (files read, rows to check), as stage.ts records it.
          phase:
            state.status === 'STAGING' ? (progress.progressPhase ?? 'Checking the files against the roster') : null,
          done: state.status === 'STAGING' ? progress.progressDone : 0,
          total: state.status === 'STAGING' ? progress.progressTotal : 0,
          ahead: state.ahead,
        };
    return Response.json(waiting, { headers: { 'Cache-Control': 'no-store' } });
  }
  // An apply running in this process reports from memory (its transaction's writes are not visible yet).
  const running = progress.status === 'PREVIEW' ? runningProgress(batch.id) : null;
  const body: ImportProgress = running
    ? { status: progress.status, ...running }
    : {
        status: progress.status,
        phase: progress.progressPhase,
        done: progress.progressDone,
        total: progress.progressTotal,
      };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
});
