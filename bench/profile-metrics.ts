// Times each metrics call of the district dashboard's default view, one at a time (sequential),
// on the bench district: a tool for finding where a page's time goes.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tutoring_bench_pages_large APP_CLOCK=2026-07-01 npx tsx --conditions react-server bench/profile-metrics.ts
import { createPrismaClient } from '../lib/db';
import { accessBySubgroup } from '../lib/metrics/access-queries';
import { placementGrowth } from '../lib/metrics/growth-queries';
import { metricsPolicy, type MetricsScope } from '../lib/metrics/scope';
import { sessionDelivery } from '../lib/metrics/session-queries';
import { groupProgramStandard } from '../lib/metrics/standard-queries';
import { readStudentFacts, studentMetrics } from '../lib/metrics/student-queries';
import { readDeliveryFacts } from '../lib/metrics/session-queries';
import { readCostFacts } from '../lib/metrics/cost-queries';

async function main() {
  const db = createPrismaClient(process.env.DATABASE_URL!);
  const p = await metricsPolicy(db, new Date(`${process.env.BENCH_TODAY ?? '2026-07-01'}T12:00:00Z`));
  const cycle = (await db.cycle.findMany({ orderBy: { startDate: 'desc' } })).find(
    (c) => c.startDate.toISOString().slice(0, 10) <= p.today,
  )!;
  const scope: MetricsScope = {
    cycleId: cycle.id,
    from: cycle.startDate.toISOString().slice(0, 10),
    to: process.env.TO ?? cycle.endDate.toISOString().slice(0, 10),
  };
  console.log(p.today, scope);
  const calls: Record<string, () => Promise<unknown>> = {
    readStudentFacts: () => readStudentFacts(db, scope, p),
    readDeliveryFacts: () => readDeliveryFacts(db, scope, p),
    readCostFacts: () => readCostFacts(db, scope),
    'studentMetrics all': () => studentMetrics(db, scope, { by: 'all', policy: p }),
    'studentMetrics student': () => studentMetrics(db, scope, { by: 'student', policy: p }),
    'studentMetrics site': () => studentMetrics(db, scope, { by: 'site', policy: p }),
    'sessionDelivery all': () => sessionDelivery(db, scope, { by: 'all', policy: p }),
    'sessionDelivery site': () => sessionDelivery(db, scope, { by: 'site', policy: p }),
    groupProgramStandard: () => groupProgramStandard(db, scope, p),
    placementGrowth: () => placementGrowth(db, scope, p),
    accessBySubgroup: () => accessBySubgroup(db, scope, p),
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, call] of Object.entries(calls)) {
      const t = performance.now();
      await call();
      if (round === 1) console.log(name.padEnd(28), `${(performance.now() - t).toFixed(0)} ms`);
    }
  }
  await db.$disconnect();
}
void main();
