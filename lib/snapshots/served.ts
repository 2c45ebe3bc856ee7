// Snapshots of the district's analytics views (dashboard, equity, weekly review, costs):
// a page serves the view the snapshot keeper (./keeper.ts) built, instead of recomputing
// it from a million attendance rows on every request. No GET writes: a page only reads a
// snapshot, or computes the view itself when none will do; the keeper builds them.
//
// When a snapshot is current. Before a build, the keeper takes pg_current_snapshot()
// (every transaction committed by then is in what the build reads). The snapshot stays
// current while
// - no metrics_change row in a week up to `through` (the view's last date) comes from a
//   transaction that snapshot does not see: the fact worker notes the weeks whose session
//   and attendance facts it recomputed, and triggers note any write to the other tables
//   the views read (as a change to every week);
// - no rollup marker up to `through` and no probe marker is still waiting for the worker
//   (a write it has not noted yet).
// So a tablet logging this week leaves the default views (up to the last complete week)
// current; a late log in a past week, a placement or a setting outdates them.
//
// An outdated snapshot is served only where computing the view is slow (it last took
// LIVE_BUDGET_MS or more: a large district, or a busy machine) and it is at most
// MAX_LAG_MS old; the page then says how old its figures are
// (components/dashboard/snapshot-notice.tsx). Otherwise the page computes the view,
// exactly as before. The keeper rebuilds an outdated view someone has open once its
// snapshot is half a minute old (./keeper.ts), so pages keep being served within MAX_LAG_MS.
import 'server-only';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import type { IsoDate } from '@/lib/dates';
import { LIVE_BUDGET_MS, MAX_LAG_MS } from './constants';

export { LIVE_BUDGET_MS, MAX_LAG_MS };

export interface ViewSpec<T> {
  /** The view's name (e.g. "district dashboard"). */
  view: string;
  /** Everything the view depends on besides the data: target, resolved filters, policy (with "today"). */
  args: unknown;
  /** The last date the view reads (its window's end). */
  through: IsoDate;
  build: () => Promise<T>;
}

export interface Served<T> {
  value: T;
  /** When the snapshot served was built; null when the page computed the view itself. */
  builtAt: Date | null;
  /** False: a snapshot served although writes since are not in it (at most MAX_LAG_MS old). */
  current: boolean;
  /** Seconds since the snapshot was built. */
  ageSeconds: number;
}

/**
 * The code that computes the views: a snapshot built by other code is never served. In
 * production, the build (`next start` has .next/BUILD_ID); elsewhere (next dev, tests,
 * scripts), this process, since its code may differ from any build's.
 */
const buildId = (() => {
  if (process.env.NODE_ENV !== 'production') return `process ${process.pid} ${Date.now()}`;
  try {
    return readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return `process ${process.pid} ${Date.now()}`;
  }
})();

export function snapshotLabel(spec: Pick<ViewSpec<unknown>, 'view' | 'args'>): string {
  return `${spec.view} ${JSON.stringify(spec.args)}`;
}

export function snapshotKey(spec: Pick<ViewSpec<unknown>, 'view' | 'args'>): string {
  return createHash('sha256')
    .update(`${buildId}\n${snapshotLabel(spec)}`)
    .digest('hex');
}

export interface SnapshotState {
  /** The view as JSON (null when not asked for). */
  data: string | null;
  builtAt: Date;
  buildMs: number;
  ageMs: number;
  current: boolean;
  /**
   * Outdated: how long ago the last change it does not see was noted (ms); null while a
   * write still waits for the fact worker (writes are still coming) or when current.
   */
  quietMs: number | null;
}

/** The stored snapshots of `keys` and whether each is current, in one query (the keeper's round asks for all). */
export async function snapshotStates(keys: string[], withData = true): Promise<Map<string, SnapshotState>> {
  if (!keys.length) return new Map();
  const rows = await db.$queryRaw<
    (Omit<SnapshotState, 'current' | 'quietMs'> & { key: string; unseenMs: number | null; pending: boolean })[]
  >`
    SELECT s.key, CASE WHEN ${withData} THEN s.data::text END AS data, s."builtAt", s."buildMs",
      (EXTRACT(EPOCH FROM (clock_timestamp() - s."builtAt")) * 1000)::float8 AS "ageMs",
      (SELECT (EXTRACT(EPOCH FROM (clock_timestamp() - MAX(c.at))) * 1000)::float8 FROM metrics_change c
        WHERE c.xid >= pg_snapshot_xmin(s.snapshot::pg_snapshot)::text::bigint
          AND c."weekStart" <= s.through
          AND NOT pg_visible_in_snapshot(c.xid::text::xid8, s.snapshot::pg_snapshot)) AS "unseenMs",
      (EXISTS (SELECT 1 FROM metrics_stale m WHERE m."weekStart" <= s.through)
       OR EXISTS (SELECT 1 FROM probe_stale)) AS pending
    FROM metrics_snapshot s WHERE s.key = ANY(${keys}::text[])`;
  return new Map(
    rows.map(({ key, unseenMs, pending, ...rest }) => [
      key,
      { ...rest, current: unseenMs === null && !pending, quietMs: pending ? null : unseenMs },
    ]),
  );
}

/** The stored snapshot of `key` and whether it is current (one indexed query). */
export async function snapshotState(key: string, withData = true): Promise<SnapshotState | null> {
  return (await snapshotStates([key], withData)).get(key) ?? null;
}

// In memory, per process: the views served recently (the keeper keeps their snapshots),
// and what computing each view last took here (a page's own computation or the keeper's
// build). A view is slow when its stored build or that latest measure took LIVE_BUDGET_MS,
// so a view that turns slow while the machine is busy is served from its snapshot (and
// kept) until a build finds it quick again.
export interface Requested {
  spec: ViewSpec<unknown>;
  lastRequested: number;
}
const holder = globalThis as {
  tutoringRequestedViews?: Map<string, Requested>;
  tutoringViewCosts?: Map<string, number>;
};
/** The views this process served recently: the keeper keeps their snapshots. */
export function requestedViews(): Map<string, Requested> {
  holder.tutoringRequestedViews ??= new Map();
  return holder.tutoringRequestedViews;
}
function viewCosts(): Map<string, number> {
  holder.tutoringViewCosts ??= new Map();
  return holder.tutoringViewCosts;
}

/** Forgets this process's measure of a view, so the stored build's time alone decides (a new process; tests). */
export function forgetViewCost(key: string): void {
  viewCosts().delete(key);
}

/** Whether computing the view is slow: the stored build, or this process's latest measure, took long. */
export const isSlow = (key: string, state: Pick<SnapshotState, 'buildMs'> | null): boolean =>
  Math.max(viewCosts().get(key) ?? 0, state?.buildMs ?? 0) >= LIVE_BUDGET_MS;

/** Whether an outdated snapshot may still be served (a slow view, recent enough). */
export const servableWhenOutdated = (key: string, state: Pick<SnapshotState, 'buildMs' | 'ageMs'>): boolean =>
  isSlow(key, state) && state.ageMs <= MAX_LAG_MS;

async function measured<T>(key: string, build: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await build();
  const ms = Math.round(performance.now() - started);
  viewCosts().set(key, ms);
  return { value, ms };
}

/**
 * The view: its snapshot when current (or outdated but servable), else computed now.
 * Reads only; the view is noted in memory so this process's keeper builds its snapshot.
 */
export async function served<T>(spec: ViewSpec<T>): Promise<Served<T>> {
  const key = snapshotKey(spec);
  requestedViews().set(key, { spec, lastRequested: Date.now() });
  const state = await snapshotState(key);
  if (state && (state.current || servableWhenOutdated(key, state))) {
    return {
      value: JSON.parse(state.data!) as T,
      builtAt: state.builtAt,
      current: state.current,
      ageSeconds: Math.max(0, Math.round(state.ageMs / 1000)),
    };
  }
  const { value } = await measured(key, spec.build);
  return { value, builtAt: null, current: true, ageSeconds: 0 };
}

/**
 * Builds and stores the snapshot of a view (the keeper's write; never a page's). Answers
 * how long the build took (ms).
 */
export async function buildSnapshot(spec: ViewSpec<unknown>): Promise<number> {
  // Taken first: whatever commits during the build is treated as not in it.
  const [row] = await db.$queryRaw<{ snapshot: string }[]>`SELECT pg_current_snapshot()::text AS snapshot`;
  const snapshot = row!.snapshot;
  const key = snapshotKey(spec);
  const { value, ms } = await measured(key, spec.build);
  await db.$executeRaw`
    INSERT INTO metrics_snapshot (key, label, through, snapshot, "builtAt", "buildMs", data)
    VALUES (${key}, ${snapshotLabel(spec)}, ${spec.through}::date, ${snapshot},
      clock_timestamp(), ${ms}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET through = EXCLUDED.through, snapshot = EXCLUDED.snapshot,
      "builtAt" = EXCLUDED."builtAt", "buildMs" = EXCLUDED."buildMs", data = EXCLUDED.data`;
  return ms;
}
