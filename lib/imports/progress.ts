// Progress of an apply, for the page's polling. The apply runs in one transaction,
// whose writes nobody sees until it commits, and nothing may use a second connection
// while it is open (lib/db.ts): so progress is kept in this process's memory, keyed by
// batch, and the progress route reads it from here. A poll that reaches another
// instance (or, on the embedded database, waits for the one connection) sees the
// batch's committed state instead: still a preview until the apply is done.
import 'server-only';
import type { ImportProgress } from './types';

export interface ProgressReporter {
  step(phase: string, done: number): Promise<void>;
  readonly total: number;
}

interface Running {
  phase: string;
  done: number;
  total: number;
}

const running = new Map<string, Running>();

export function progressReporter(batchId: string, total: number): ProgressReporter {
  running.set(batchId, { phase: 'Starting', done: 0, total });
  return {
    total,
    async step(phase, done) {
      running.set(batchId, { phase, done: Math.min(done, total), total });
    },
  };
}

/** Forgets an apply's progress once it has committed or rolled back. */
export function endProgress(batchId: string): void {
  running.delete(batchId);
}

/** The apply's progress in this process, when one is running here. */
export function runningProgress(batchId: string): Pick<ImportProgress, 'phase' | 'done' | 'total'> | null {
  return running.get(batchId) ?? null;
}
