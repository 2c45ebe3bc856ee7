// Pre-aggregated facts for dashboards on a large district: the rollup tables
// metrics_student_week and metrics_group_week (see ./facts-sql.ts) and how they are
// kept current.
//
// - Marking: triggers on session, attendance, membership and a group's primary
//   tutor (prisma/migrations/*_metrics_rollups) append every (group, week) a write
//   may change to metrics_stale, in the writer's transaction, whichever code path
//   writes (logging, cancelling, schedule regeneration, placing, moving, imports).
// - Refreshing: refreshRollups(db) claims the committed stale pairs and recomputes
//   only those from the fact builders, in one transaction. Every metrics query calls
//   it first (one cheap EXISTS when nothing is stale).
// - Reading: factsPlanFor serves a week of the window from the rollup only when
//   all its sessions in scope lie in the window and no pair of it is still marked stale (a pair a writer is changing at
//   that moment, or a read-only caller that cannot refresh); everything else is read
//   live, so the figures equal the live computation whether or not a refresh ran.
//
// Concurrency: refreshes take a transaction-level advisory lock (one at a time);
// the claim skips marker rows another transaction holds (FOR UPDATE SKIP LOCKED), so
// a refresh never waits on a writer; the claim and the recompute are separate
// statements, so under READ COMMITTED the recompute sees every write whose marker
// was claimed. A refresh is skipped in a read-only or REPEATABLE READ/SERIALIZABLE
// transaction (its single snapshot could miss a claimed write): those callers get
// stale weeks read live. A refresh inside a caller's transaction counts against that
// transaction's timeout: pages should pass the client, which refreshes in its own.
//
// The migration marks every existing (group, week) stale: the first request after a
// deploy rebuilds the whole rollup (about 20 s on the large district, see
// docs/bench-dashboard.md) unless refreshRollups(db) is run once beforehand.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { groupWeekRollupInsertSql, studentWeekRollupInsertSql, type RollupPairs } from './facts-sql';
import { livePlan, partialWeeks, planFacts, wholeWeeks, type DateRange, type FactsPlan } from './rollup-plan';
import { groupFilterSql, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;

export interface RefreshSummary {
  /** (group, week) pairs recomputed. */
  pairs: number;
  /** Why nothing was recomputed, when nothing was. */
  skipped?: 'nothing stale' | 'read-only or snapshot transaction' | 'live mode' | 'failed';
}

const liveMode = new AsyncLocalStorage<boolean>();

/** Runs `fn` with every metrics query computed live from session and attendance rows (for tests and benchmarks). */
export function withoutRollup<T>(fn: () => Promise<T>): Promise<T> {
  return liveMode.run(true, fn);
}

/** A cold refresh after a bulk load recomputes the whole district: allow it time. */
const REFRESH_TIMEOUT_MS = 300_000;

// One refresh at a time per client or transaction object: queries a page runs in
// parallel on the same `db` wait for the same refresh rather than reading the
// rollup halfway through it.
const inFlight = new WeakMap<object, Promise<RefreshSummary>>();

/** Recomputes the stale (group, week) pairs of the rollup tables. */
export function refreshRollups(db: Db): Promise<RefreshSummary> {
  if (liveMode.getStore()) return Promise.resolve({ pairs: 0, skipped: 'live mode' });
  const running = inFlight.get(db);
  if (running) return running;
  const refresh = refreshOnce(db).finally(() => inFlight.delete(db));
  inFlight.set(db, refresh);
  return refresh;
}

async function refreshOnce(db: Db): Promise<RefreshSummary> {
  const [probe] = await db.$queryRaw<{ stale: boolean; writable: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM metrics_stale) AS stale,
      current_setting('transaction_read_only') = 'off' AND current_setting('transaction_isolation') = 'read committed' AS writable`;
  if (!probe!.stale) return { pairs: 0, skipped: 'nothing stale' };
  if (!probe!.writable) return { pairs: 0, skipped: 'read-only or snapshot transaction' };
  const client = db as Db & { $transaction?: (fn: (tx: Db) => Promise<RefreshSummary>, options?: { timeout?: number; maxWait?: number }) => Promise<RefreshSummary> };
  if (typeof client.$transaction !== 'function') return recompute(db); // the caller's transaction: a failure is theirs
  // Its own transaction: if the refresh fails, nothing was claimed and the stale weeks are read live.
  return client.$transaction((tx) => recompute(tx), { timeout: REFRESH_TIMEOUT_MS, maxWait: 30_000 }).catch((error: unknown) => {
    console.error(`metrics rollup refresh failed, reading stale weeks live: ${(error as Error).message}`);
    return { pairs: 0, skipped: 'failed' } satisfies RefreshSummary;
  });
}

async function recompute(tx: Db): Promise<RefreshSummary> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('metrics_rollup_refresh'), 0)`;
  const claimed = await tx.$queryRaw<{ groupId: string; weekStart: IsoDate }[]>`
    WITH claimed AS (
      DELETE FROM metrics_stale ms
      USING (SELECT id FROM metrics_stale FOR UPDATE SKIP LOCKED) c
      WHERE ms.id = c.id
      RETURNING ms."groupId", ms."weekStart"
    )
    SELECT DISTINCT "groupId"::text AS "groupId", to_char("weekStart", 'YYYY-MM-DD') AS "weekStart" FROM claimed`;
  if (!claimed.length) return { pairs: 0, skipped: 'nothing stale' };
  const pairs: RollupPairs = { groupIds: claimed.map((p) => p.groupId), weeks: claimed.map((p) => p.weekStart) };
  // A new statement: its snapshot includes every write whose marker was just claimed.
  for (const table of ['metrics_student_week', 'metrics_group_week'] as const) {
    await tx.$executeRawUnsafe(
      `DELETE FROM ${table} r USING unnest($1::uuid[], $2::date[]) AS c("groupId", "weekStart") WHERE r."groupId" = c."groupId" AND r."weekStart" = c."weekStart"`,
      pairs.groupIds,
      pairs.weeks,
    );
  }
  await tx.$executeRaw(studentWeekRollupInsertSql(pairs));
  await tx.$executeRaw(groupWeekRollupInsertSql(pairs));
  return { pairs: claimed.length };
}

/**
 * Which weeks of the scope's window the rollup serves (after refreshing it): whole
 * weeks, and a partial first or last week with no session of a group in scope
 * outside the window; never the current week nor a week with a pair still stale.
 * The rest is read live.
 */
export async function factsPlanFor(db: Db, scope: MetricsScope, today: IsoDate): Promise<FactsPlan> {
  if (liveMode.getStore()) return livePlan(scope.from, scope.to);
  const edges = partialWeeks(scope.from, scope.to);
  const weeks = [...new Set([...wholeWeeks(scope.from, scope.to), ...edges.map((e) => e.monday)])].sort();
  if (!weeks.length) return livePlan(scope.from, scope.to);
  await refreshRollups(db);
  const outside = (ranges: readonly DateRange[]) =>
    Prisma.sql`EXISTS (SELECT 1 FROM session s JOIN tutoring_group g ON g.id = s."groupId"
      WHERE (${Prisma.join(ranges.map(([a, b]) => Prisma.sql`(s.date >= ${a}::date AND s.date <= ${b}::date)`), ' OR ')}) AND ${groupFilterSql(scope)})`;
  const edgeChecks = edges.length ? Prisma.join(edges.map((e) => Prisma.sql`${outside(e.outside)}`), ', ') : Prisma.sql`NULL::boolean`;
  const [row] = await db.$queryRaw<{ stale: IsoDate[]; busy: (boolean | null)[] }[]>`
    SELECT ARRAY(SELECT DISTINCT to_char("weekStart", 'YYYY-MM-DD') FROM metrics_stale
      WHERE "weekStart" >= ${weeks[0]}::date AND "weekStart" <= ${weeks[weeks.length - 1]}::date) AS stale,
      ARRAY[${edgeChecks}] AS busy`;
  const servableEdges = edges.filter((_, i) => row!.busy[i] === false).map((e) => e.monday);
  return planFacts(scope.from, scope.to, today, row!.stale, servableEdges);
}
