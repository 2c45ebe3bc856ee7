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
import { now } from '@/lib/clock';
import { db } from '@/lib/db';
import { refreshRollups } from './rollup';

const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

export interface RollupWorkerStatus {
  running: boolean;
  /** When the last refresh round ended (ISO), successful or not. */
  lastRunAt: string | null;
  /** Pairs recomputed since the worker started. */
  pairsRefreshed: number;
  /** Rounds that failed in a row (0 = healthy). */
  failuresInARow: number;
  lastError: string | null;
}

interface WorkerState {
  status: RollupWorkerStatus;
  timer: NodeJS.Timeout | null;
}

// On globalThis: a module loaded twice (next dev, instrumentation and a route) shares one worker.
const holder = globalThis as { tutoringRollupWorker?: WorkerState };

export function rollupWorkerStatus(): RollupWorkerStatus | null {
  return holder.tutoringRollupWorker?.status ?? null;
}

/** Starts the worker in this process (once; later calls do nothing). */
export function startRollupWorker(): void {
  if (holder.tutoringRollupWorker) return;
  const state: WorkerState = {
    status: { running: true, lastRunAt: null, pairsRefreshed: 0, failuresInARow: 0, lastError: null },
    timer: null,
  };
  holder.tutoringRollupWorker = state;

  const schedule = (delay: number) => {
    state.timer = setTimeout(() => void round(), delay);
    state.timer.unref(); // never keeps the process alive on shutdown
  };
  async function round() {
    let delay = POLL_MS;
    try {
      const { pairs } = await refreshRollups(db);
      state.status.pairsRefreshed += pairs;
      state.status.failuresInARow = 0;
      state.status.lastError = null;
    } catch (error) {
      state.status.failuresInARow++;
      state.status.lastError = error instanceof Error ? error.message : String(error);
      delay = Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** state.status.failuresInARow);
      console.error(
        `metrics fact worker: refresh failed (${state.status.failuresInARow} in a row), retrying in ${delay / 1000} s: ${state.status.lastError}`,
      );
    }
    state.status.lastRunAt = now().toISOString();
    if (state.status.running) schedule(delay);
  }
  schedule(0);
}

/** Stops the worker after its current round (tests). */
export function stopRollupWorker(): void {
  const state = holder.tutoringRollupWorker;
  if (!state) return;
  state.status.running = false;
  if (state.timer) clearTimeout(state.timer);
  delete holder.tutoringRollupWorker;
}
