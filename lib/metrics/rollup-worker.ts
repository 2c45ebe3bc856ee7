// The fact worker: keeps the metrics rollup current in the background, so that no
// page or GET ever writes and a tablet's write pays only for its trigger's marker row.
// Started once per server process (instrumentation.ts); every process may run one
// (steps are serialized by an advisory lock and claim disjoint markers).
//
// It checks for stale pairs every POLL_MS (one indexed EXISTS), recomputes them
// (./rollup.ts refreshRollups, a short transaction per step), and on a failure backs
// off (doubling up to MAX_BACKOFF_MS) and tries again: the failed step rolled back,
// so its weeks are read live meanwhile and figures stay exact. /api/health reports
// its state (rollupWorkerStatus), so monitoring sees a worker that keeps failing.
import 'server-only';
import { db } from '@/lib/db';
import { loopStatus, startLoop, stopLoop, type LoopStatus } from '@/lib/workers/loop';
import { refreshRollups } from './rollup';

const SLOT = 'metrics fact worker';
const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

export interface RollupWorkerStatus extends LoopStatus {
  /** Pairs recomputed since the worker started. */
  pairsRefreshed: number;
}

export const rollupWorkerStatus = (): RollupWorkerStatus | null => loopStatus<RollupWorkerStatus>(SLOT);

/** Starts the worker in this process (once; later calls do nothing). */
export function startRollupWorker(): void {
  void startLoop<RollupWorkerStatus>(SLOT, {
    everyMs: POLL_MS,
    maxBackoffMs: MAX_BACKOFF_MS,
    status: { running: true, lastRunAt: null, pairsRefreshed: 0, failuresInARow: 0, lastError: null },
    round: async (status) => {
      status.pairsRefreshed += (await refreshRollups(db)).pairs;
    },
  });
}

/** Stops the worker after its current round (tests). */
export const stopRollupWorker = (): void => stopLoop(SLOT);
