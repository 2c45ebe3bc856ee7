// The snapshot keeper: builds the snapshots pages serve (./served.ts), in the background,
// so no GET writes. Started once per server process (instrumentation.ts), beside the
// fact worker. Every KEEP_EVERY_MS it
// - lists the views to keep: the district pages' default views (./defaults.ts, rebuilt
//   each day, since "today" is part of each) and the views this process served in the
//   last KEEP_REQUESTED_MS;
// - builds each one that has no current snapshot and that this process has not built yet
//   (after a start or a deploy: all at once), and rebuilds a slow one (./served.ts isSlow)
//   that is outdated once the writes it misses settle (or, for a view someone has open,
//   once it is half a minute old), each at most every REBUILD_GAP_MS and all of them in
//   at most a tenth of the time (REBUILD_DUTY): a quick one is computed by the page;
// - every PRUNE_EVERY_MS, deletes change notes no snapshot needs and snapshots of past days.
// Several instances each keep their own requested views; a view built twice is only
// work done twice. /api/health reports its state (snapshotKeeperStatus).
import 'server-only';
import { db } from '@/lib/db';
import { loopStatus, startLoop, stopLoop, type LoopStatus } from '@/lib/workers/loop';
import { buildSnapshot, isSlow, requestedViews, snapshotKey, snapshotStates, type ViewSpec } from './served';

const KEEP_EVERY_MS = 2_000;
const KEEP_REQUESTED_MS = 30 * 60_000;
export const REBUILD_GAP_MS = 15_000;
/** The share of time rebuilds may take while writes keep outdating the views. */
const REBUILD_DUTY = 0.1;
/** A view asked for this recently is rebuilt before the others. */
const HOT_MS = 5 * 60_000;
/** An outdated view is rebuilt once the writes it misses have stopped this long... */
export const QUIET_MS = 30_000;
/** ...or, while writes keep coming, once its snapshot is this old if someone has it open (under MAX_LAG_MS). */
export const HOT_AGE_MS = 30_000;
const DEFAULTS_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 60_000;

export interface SnapshotKeeperStatus extends LoopStatus {
  /** Snapshots built since the keeper started. */
  built: number;
  /** Views kept now (defaults and recently requested). */
  kept: number;
}

interface KeeperState {
  defaults: Map<string, ViewSpec<unknown>>;
  defaultsAt: number;
  lastBuilt: Map<string, number>;
  restUntil: number;
  prunedAt: number;
}

const SLOT = 'snapshot keeper';

export const snapshotKeeperStatus = (): SnapshotKeeperStatus | null => loopStatus<SnapshotKeeperStatus>(SLOT);

/** Deletes change notes older than every snapshot's view of them, and snapshots two days old. */
export async function pruneSnapshots(): Promise<void> {
  await db.$executeRaw`DELETE FROM metrics_snapshot WHERE "builtAt" < clock_timestamp() - interval '2 days'`;
  // A note is needed while some snapshot may not see it: its xid at or above a snapshot's xmin.
  // Notes of the last 10 minutes stay too, for a build that took its pg snapshot and is still running.
  await db.$executeRaw`
    DELETE FROM metrics_change
    WHERE at < clock_timestamp() - interval '10 minutes'
      AND xid < COALESCE((SELECT MIN(pg_snapshot_xmin(snapshot::pg_snapshot)::text::bigint) FROM metrics_snapshot),
                         pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`;
}

/**
 * One round: builds what is missing, then rebuilds at most one slow outdated view, and
 * only when the keeper has rested since its last rebuild (REBUILD_DUTY: while writes keep
 * outdating the views, rebuilding never takes more than a tenth of the time, so the
 * tablets' saves keep the server). An outdated view waits until the writes it misses
 * have stopped for QUIET_MS, or, if someone asked for it in the last HOT_MS, until its
 * snapshot is HOT_AGE_MS old (so pages keep serving it, under MAX_LAG_MS); those come
 * first. Answers the snapshots built. `defaults` lists the default views (./defaults.ts).
 */
export async function keepSnapshots(
  state: Pick<KeeperState, 'defaults' | 'lastBuilt'> & { restUntil?: number },
  now = Date.now(),
): Promise<number> {
  const requested = requestedViews();
  for (const [key, r] of requested) if (now - r.lastRequested > KEEP_REQUESTED_MS) requested.delete(key);
  const kept = new Map<string, ViewSpec<unknown>>(state.defaults);
  for (const [key, r] of requested) kept.set(key, r.spec);
  let built = 0;
  let failed: unknown = null;
  const build = async (key: string, spec: ViewSpec<unknown>) => {
    state.lastBuilt.set(key, now);
    try {
      built++;
      return await buildSnapshot(spec);
    } catch (error) {
      built--;
      failed ??= error; // the other views still get built; the round reports the failure
      return 0;
    }
  };
  const outdated: { key: string; spec: ViewSpec<unknown>; hot: boolean; ageMs: number }[] = [];
  const states = await snapshotStates([...kept.keys()], false);
  for (const [key, spec] of kept) {
    const s = states.get(key) ?? null;
    const lastBuilt = state.lastBuilt.get(key);
    const hot = now - (requested.get(key)?.lastRequested ?? 0) <= HOT_MS;
    // Not built by this process yet (a start, a deploy, a view first asked for) and missing or outdated: now.
    if (lastBuilt === undefined && (!s || !s.current)) await build(key, spec);
    else if (lastBuilt === undefined)
      state.lastBuilt.set(key, 0); // current: seen, kept the usual way from now on
    else if (
      now - lastBuilt >= REBUILD_GAP_MS &&
      (!s || (!s.current && isSlow(key, s) && ((s.quietMs ?? 0) >= QUIET_MS || (hot && s.ageMs >= HOT_AGE_MS))))
    )
      outdated.push({ key, spec, hot, ageMs: s?.ageMs ?? Infinity });
  }
  if (outdated.length && now >= (state.restUntil ?? 0)) {
    const next = outdated.sort((a, b) => Number(b.hot) - Number(a.hot) || b.ageMs - a.ageMs)[0]!;
    const ms = await build(next.key, next.spec);
    state.restUntil = now + ms * (1 / REBUILD_DUTY - 1);
  }
  for (const key of state.lastBuilt.keys()) if (!kept.has(key)) state.lastBuilt.delete(key);
  if (failed) throw failed;
  return built;
}

/**
 * Starts the keeper in this process (once). `defaults` answers the default views of today.
 * Resolves when its first round has ended: the default views are built (or failed).
 */
export function startSnapshotKeeper(defaults: () => Promise<ViewSpec<unknown>[]>): Promise<void> {
  const state: KeeperState = { defaults: new Map(), defaultsAt: 0, lastBuilt: new Map(), restUntil: 0, prunedAt: 0 };
  return startLoop<SnapshotKeeperStatus>(SLOT, {
    everyMs: KEEP_EVERY_MS,
    maxBackoffMs: MAX_BACKOFF_MS,
    status: { running: true, lastRunAt: null, built: 0, kept: 0, failuresInARow: 0, lastError: null },
    round: async (status) => {
      const now = Date.now();
      if (now - state.defaultsAt >= DEFAULTS_EVERY_MS) {
        state.defaults = new Map((await defaults()).map((spec) => [snapshotKey(spec), spec]));
        state.defaultsAt = now;
      }
      status.built += await keepSnapshots(state, now);
      status.kept = new Set([...state.defaults.keys(), ...requestedViews().keys()]).size;
      if (now - state.prunedAt >= PRUNE_EVERY_MS) {
        await pruneSnapshots();
        state.prunedAt = now;
      }
    },
  });
}

/** Stops the keeper after its current round (tests). */
export const stopSnapshotKeeper = (): void => stopLoop(SLOT);
