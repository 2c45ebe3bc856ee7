// Liveness and database reachability, for load balancers and the test harness, and
// the state of the metrics fact worker (lib/metrics/rollup-worker.ts) and of the
// dashboards' snapshot keeper (lib/snapshots/keeper.ts) for monitoring.
import { db } from '@/lib/db';
import { rollupWorkerStatus } from '@/lib/metrics/rollup-worker';
import { snapshotKeeperStatus } from '@/lib/snapshots/keeper';

export const dynamic = 'force-dynamic';

/** Failed refresh rounds in a row after which the facts count as degraded (about a minute of retries). */
const FAILING = 5;

export async function GET(): Promise<Response> {
  const worker = rollupWorkerStatus();
  const keeper = snapshotKeeperStatus();
  try {
    const [row] = await db.$queryRaw<
      { stale: number }[]
    >`SELECT count(DISTINCT ("groupId", "weekStart"))::int AS stale FROM metrics_stale`;
    const facts = {
      worker: worker ? (worker.failuresInARow >= FAILING ? 'failing' : 'running') : 'not started',
      stalePairs: row!.stale,
      lastRunAt: worker?.lastRunAt ?? null,
      lastError: worker?.lastError ?? null,
    };
    const snapshots = {
      keeper: keeper ? (keeper.failuresInARow >= FAILING ? 'failing' : 'running') : 'not started',
      kept: keeper?.kept ?? 0,
      built: keeper?.built ?? 0,
      lastRunAt: keeper?.lastRunAt ?? null,
      lastError: keeper?.lastError ?? null,
    };
    const degraded = facts.worker === 'failing' || snapshots.keeper === 'failing';
    return Response.json({ status: degraded ? 'degraded' : 'ok', database: 'up', facts, snapshots });
  } catch {
    return Response.json({ status: 'degraded', database: 'down' }, { status: 503 });
  }
}
