// Liveness and database reachability, for load balancers and the test harness, and
// the state of the metrics fact worker (lib/metrics/rollup-worker.ts) for monitoring.
import { db } from '@/lib/db';
import { rollupWorkerStatus } from '@/lib/metrics/rollup-worker';

export const dynamic = 'force-dynamic';

/** Failed refresh rounds in a row after which the facts count as degraded (about a minute of retries). */
const FAILING = 5;

export async function GET(): Promise<Response> {
  const worker = rollupWorkerStatus();
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
    return Response.json({ status: facts.worker === 'failing' ? 'degraded' : 'ok', database: 'up', facts });
  } catch {
    return Response.json({ status: 'degraded', database: 'down' }, { status: 503 });
  }
}
