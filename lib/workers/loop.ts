// A background loop in the server process: a round, then a pause, for ever, with the
// state /api/health reports. A failed round is logged and retried after a pause that
// doubles up to maxBackoffMs, so a database outage neither stops the loop nor floods the
// log. One loop per slot per process, kept on globalThis (a module loaded twice, as in
// next dev, shares it). Used by the metrics fact worker and the snapshot keeper.
import 'server-only';

export interface LoopStatus {
  running: boolean;
  /** When the last round ended (ISO, wall clock), successful or not. */
  lastRunAt: string | null;
  /** Rounds that failed in a row (0 = healthy). */
  failuresInARow: number;
  lastError: string | null;
}

interface Loop {
  status: LoopStatus;
  timer: NodeJS.Timeout | null;
}

const holder = globalThis as { tutoringLoops?: Map<string, Loop> };
const loops = () => (holder.tutoringLoops ??= new Map());

/** The loop's status (with the fields its round keeps), or null when it is not running here. */
export function loopStatus<S extends LoopStatus>(slot: string): S | null {
  return (loops().get(slot)?.status as S | undefined) ?? null;
}

/**
 * Starts the loop in this process (once; later calls do nothing). `status` starts it
 * with the round's own fields; `round` updates them. Resolves when the first round has
 * ended, successful or not.
 */
export function startLoop<S extends LoopStatus>(
  slot: string,
  options: { everyMs: number; maxBackoffMs: number; status: S; round: (status: S) => Promise<void> },
): Promise<void> {
  if (loops().has(slot)) return Promise.resolve();
  let firstRoundEnded: () => void = () => undefined;
  const firstRound = new Promise<void>((resolve) => (firstRoundEnded = resolve));
  const loop: Loop = { status: options.status, timer: null };
  loops().set(slot, loop);
  const status = options.status;
  const schedule = (delay: number) => {
    loop.timer = setTimeout(() => void round(), delay);
    loop.timer.unref(); // never keeps the process alive on shutdown
  };
  async function round() {
    let delay = options.everyMs;
    try {
      await options.round(status);
      status.failuresInARow = 0;
      status.lastError = null;
    } catch (error) {
      status.failuresInARow++;
      status.lastError = error instanceof Error ? error.message : String(error);
      delay = Math.min(options.maxBackoffMs, options.everyMs * 2 ** status.failuresInARow);
      console.error(
        `${slot}: round failed (${status.failuresInARow} in a row), retrying in ${delay / 1000} s: ${status.lastError}`,
      );
    }
    status.lastRunAt = new Date().toISOString();
    firstRoundEnded();
    if (status.running) schedule(delay);
  }
  schedule(0);
  return firstRound;
}

/** Stops the loop after its current round (tests). */
export function stopLoop(slot: string): void {
  const loop = loops().get(slot);
  if (!loop) return;
  loop.status.running = false;
  if (loop.timer) clearTimeout(loop.timer);
  loops().delete(slot);
}
