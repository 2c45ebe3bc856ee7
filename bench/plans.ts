// The query plans behind the analytics pages, for docs/: EXPLAIN (ANALYZE, BUFFERS)
// of every query the district dashboard's default view, the equity view and the cost
// view run on the bench district (the same calls, in the same scope, the pages make),
// so a plan that regresses shows beside the figures of bench/pages.ts.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/plans.ts [--scale large|xl]
// Uses the database bench/pages.ts seeds (tutoring_bench_pages_<scale>), seeding it when missing.
// Writes docs/bench-plans-<scale>.md. EXPLAIN ANALYZE adds its own overhead (timing
// every node): read the plans' shapes and row counts, and the page bench for speed.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { createPrismaClient } from '../lib/db';
import { accessBySubgroup } from '../lib/metrics/access-queries';
import { readCostFacts } from '../lib/metrics/cost-queries';
import { accessBySiteAndSubgroup } from '../lib/metrics/access-queries';
import { placementGrowth } from '../lib/metrics/growth-queries';
import { metricsPolicy, type MetricsScope } from '../lib/metrics/scope';
import { readDeliveryFacts } from '../lib/metrics/session-queries';
import { groupProgramStandard } from '../lib/metrics/standard-queries';
import { readStudentFacts } from '../lib/metrics/student-queries';
import { prepareDatabase, TODAY, type BenchScale } from './app-server';
import { explainingClient, type ExplainedQuery } from './explain';

const scaleArg = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1]! : 'large';
if (scaleArg !== 'large' && scaleArg !== 'xl') throw new Error('--scale large|xl');
const scale: BenchScale = scaleArg;
const DOC = `docs/bench-plans-${scale}.md`;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server');
  process.env.BENCH_REUSE = '1';
  const { url } = await prepareDatabase(scale);
  const raw = createPrismaClient(url);
  const policy = await metricsPolicy(raw, new Date(`${TODAY}T12:00:00Z`));
  const cycles = await raw.cycle.findMany({ orderBy: { startDate: 'desc' } });
  const cycle = cycles.find((c) => c.startDate.toISOString().slice(0, 10) <= policy.today)!;
  const from = cycle.startDate.toISOString().slice(0, 10);
  const to = cycle.endDate.toISOString().slice(0, 10);
  const scope: MetricsScope = { cycleId: cycle.id, from, to };
  const sections: { title: string; queries: ExplainedQuery[] }[] = [];
  const explain = async (title: string, work: (db: typeof raw) => Promise<unknown>) => {
    const queries: ExplainedQuery[] = [];
    await work(explainingClient(raw, queries)); // warm
    queries.length = 0;
    await work(explainingClient(raw, queries));
    sections.push({ title, queries });
    console.error(`${title}: ${queries.map((q) => `${q.ms.toFixed(0)} ms`).join(', ')}`);
  };
  await explain('District dashboard: student facts (one row per placement, week totals)', (db) =>
    readStudentFacts(db, scope, policy),
  );
  await explain('District dashboard: session facts (per group and tutor)', (db) =>
    readDeliveryFacts(db, scope, policy),
  );
  await explain('District dashboard: program standard per group', (db) => groupProgramStandard(db, scope, policy));
  await explain('District dashboard: coverage (access)', (db) => accessBySubgroup(db, scope, policy));
  await explain('District dashboard: placements and their probes (dose from the student facts already read)', (db) =>
    placementGrowth(db, scope, policy, { placements: [], weeks: [] }),
  );
  await explain('Equity: access by site and subgroup', (db) => accessBySiteAndSubgroup(db, scope, policy));
  await explain('Costs: held-session cost per group', (db) => readCostFacts(db, scope));
  await raw.$disconnect();

  const lines = [
    `# Query plans of the analytics pages (${scale} district)`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/plans.ts --scale ${scale}\``,
    `on ${os.cpus().length} cores, Node ${process.version}; load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)}.`,
    `The scope: the cycle ${from} – ${to} as of ${policy.today}, the whole district (the default view's calls). Each query warm (run once before).`,
    'EXPLAIN ANALYZE times every node, so its times run above the page bench’s; compare shapes and rows between runs.',
    '',
    '| query | execution time |',
    '| --- | ---: |',
    ...sections.flatMap((s) =>
      s.queries.map(
        (q) => `| ${s.title}: \`${q.label.slice(0, 48).replaceAll('|', '\\|')}…\` | ${q.ms.toFixed(0)} ms |`,
      ),
    ),
    '',
    ...sections.flatMap((s) => [
      `## ${s.title}`,
      '',
      ...s.queries.flatMap((q) => [`\`${q.label}…\``, '', '```', q.plan, '```', '']),
    ]),
  ];
  writeFileSync(DOC, lines.join('\n'));
  console.error(`wrote ${DOC}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
