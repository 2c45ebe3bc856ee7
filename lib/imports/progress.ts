// Progress of an apply, written where the page's polling can see it: through the
// shared client, outside the apply transaction (whose writes nobody sees until it
// commits). The transaction never locks the batch row until its last statement,
// so these small updates never wait on it.
import 'server-only';
import { db } from '@/lib/db';

export interface ProgressReporter {
  step(phase: string, done: number): Promise<void>;
  readonly total: number;
}

/**
 * With a one-connection pool (the embedded database) the apply transaction holds
 * the only connection: an update from outside would wait for it forever, so none is written.
 */
function separateConnectionAvailable(): boolean {
  return Number(process.env.DATABASE_POOL_MAX ?? 10) > 1;
}

export function progressReporter(batchId: string, total: number): ProgressReporter {
  const enabled = separateConnectionAvailable();
  return {
    total,
    async step(phase, done) {
      if (!enabled) return;
      await db.importBatch.updateMany({
        where: { id: batchId, status: 'PREVIEW' },
        data: { progressPhase: phase, progressDone: Math.min(done, total), progressTotal: total },
      });
    },
  };
}

/** Clears the progress of an apply that failed (its transaction rolled back). */
export async function resetProgress(batchId: string): Promise<void> {
  if (!separateConnectionAvailable()) return;
  await db.importBatch.updateMany({ where: { id: batchId, status: 'PREVIEW' }, data: { progressPhase: null, progressDone: 0, progressTotal: 0 } });
}
