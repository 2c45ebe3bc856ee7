// Tablets and dashboards at once, on the large benchmark district (./app-server.ts):
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx bench/load.ts
// 1. Logging with fact maintenance: BENCH_TABLETS (50) tutors, each on their own
//    tablet session, send session logs through /api/sync (the outbox's way in: the
//    same action a form calls) one after another with BENCH_THINK_MS (1000) between
//    entries, for BENCH_SECONDS (30); each log re-logs the tutor's last session of the
//    cycle with new marks (an edit, as a tutor correcting a mark).
// 2. The same without fact maintenance: the metrics triggers disabled, the fact
//    worker and the snapshot keeper off (METRICS_FACT_WORKER=off, METRICS_SNAPSHOTS=off),
//    then the facts rebuilt. Goal (#12): 1's p95
//    at most 1.5× 2's.
// 3. Dashboards idle: a leader's /district and a site dashboard, median of 3 warm (after
//    the snapshot keeper has built them, as a leader finds them).
// 4. Mixed: 1's tablets while BENCH_LEADERS (5) leaders open those dashboards, each one
//    page every BENCH_LEADER_EVERY_MS (2000). Goal: dashboard medians within 2× their idle
//    figure, logging p95 within 2× 1's. Then, as a stress figure (not a goal), one leader
//    reloading with no pause.
// Writes docs/bench-load.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { refreshAllWithPg } from '../lib/metrics/rollup-refresh';
import { BenchServer, fmt, median, percentile, prepareDatabase, TODAY } from './app-server';

const TABLETS = Number(process.env.BENCH_TABLETS ?? 50);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3292);
const LEADERS = Number(process.env.BENCH_LEADERS ?? 5);
const LEADER_EVERY_MS = Number(process.env.BENCH_LEADER_EVERY_MS ?? 2000);
const COMMAND = `DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test${process.env.BENCH_SECONDS ? ` BENCH_SECONDS=${SECONDS}` : ''} npx tsx bench/load.ts`;

interface Tablet {
  email: string;
  cookie: string;
  sessionId: string;
  students: string[];
}

/** Snapshots the server's keeper has built since it started (/api/health). */
async function snapshotsBuilt(server: BenchServer): Promise<number> {
  const health = (await fetch(`${server.base}/api/health`).then((r) => r.json())) as { snapshots?: { built: number } };
  return health.snapshots?.built ?? 0;
}

async function tutorsWithSessions(pool: pg.Pool): Promise<Omit<Tablet, 'cookie'>[]> {
  const { rows } = await pool.query<{ email: string; sessionId: string; students: string[] }>(
    `SELECT DISTINCT ON (u.id) u.email, s.id AS "sessionId",
       ARRAY(SELECT m."studentId"::text FROM membership m WHERE m."groupId" = g.id AND m."startDate" <= s.date AND (m."endDate" IS NULL OR m."endDate" >= s.date)) AS students
     FROM session s JOIN tutoring_group g ON g.id = s."groupId" JOIN app_user u ON u.id = g."primaryTutorId"
     WHERE s.date <= $1::date AND s."substituteTutorId" IS NULL AND u.active
     ORDER BY u.id, s.date DESC, s.id
     LIMIT $2`,
    [TODAY, TABLETS * 2],
  );
  return rows.filter((r) => r.students.length > 0).slice(0, TABLETS);
}

/** Every tablet logs until `until`; answers each log's latency (ms) and the failures. */
async function logging(
  server: BenchServer,
  tablets: Tablet[],
  until: number,
): Promise<{ latencies: number[]; failed: string[] }> {
  const latencies: number[] = [];
  const failed: string[] = [];
  let n = 0;
  await Promise.all(
    tablets.map(async (tablet, t) => {
      await new Promise((r) => setTimeout(r, (THINK_MS * t) / tablets.length)); // tablets out of step
      while (Date.now() < until) {
        const round = n++;
        const payload = {
          sessionId: tablet.sessionId,
          clientId: `bench-${process.pid}-${t}-${round}`,
          status: 'HELD',
          actualMinutes: 25 + (round % 6),
          attendance: tablet.students.map((studentId, i) => ({
            studentId,
            status: (round + i) % 4 === 0 ? 'ABSENT_EXCUSED' : 'PRESENT',
          })),
        };
        const result = await server.post('/api/sync', tablet.cookie, { kind: 'session-log', payload });
        if (result.status === 200 && (JSON.parse(result.body) as { ok?: boolean }).ok) latencies.push(result.ms);
        else if (failed.length < 5) failed.push(`${result.status} ${result.body.slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, THINK_MS));
      }
    }),
  );
  return { latencies, failed };
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const { url } = await prepareDatabase('large');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const site = (
    await pool.query<{ id: string }>(
      `SELECT "siteId" AS id FROM tutoring_group GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
  ).rows[0]!.id;
  const triggers = (
    await pool.query<{ table: string; name: string }>(
      `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'metrics\\_%'`,
    )
  ).rows;
  const server = new BenchServer(url, PORT);
  const found = await tutorsWithSessions(pool);
  const signInAll = async () => {
    const tablets: Tablet[] = [];
    for (const t of found) tablets.push({ ...t, cookie: await server.signIn(t.email) });
    return tablets;
  };
  const pages = ['/district', `/sites/${site}/dashboard`];
  const lines: string[] = [];
  try {
    // 2 first (baseline), so 1, 3 and 4 share one server start.
    for (const { table, name } of triggers) await pool.query(`ALTER TABLE "${table}" DISABLE TRIGGER "${name}"`);
    await server.start({ METRICS_FACT_WORKER: 'off', METRICS_SNAPSHOTS: 'off' });
    let tablets = await signInAll();
    await logging(server, tablets, Date.now() + 5_000); // warm
    const bare = await logging(server, tablets, Date.now() + SECONDS * 1000);
    await server.stop();
    for (const { table, name } of triggers) await pool.query(`ALTER TABLE "${table}" ENABLE TRIGGER "${name}"`);
    // The logs above changed facts the triggers did not mark: mark their groups' weeks and rebuild.
    await pool.query(
      `INSERT INTO metrics_stale ("groupId", "weekStart") SELECT DISTINCT s."groupId", date_trunc('week', s.date::timestamp)::date FROM session s WHERE s.id = ANY($1::uuid[])`,
      [tablets.map((t) => t.sessionId)],
    );
    const client = await pool.connect();
    await refreshAllWithPg(client).finally(() => client.release());

    await server.start();
    await server.settle(); // the keeper's first builds (after a deploy) are done: steady state
    tablets = await signInAll();
    await logging(server, tablets, Date.now() + 5_000);
    const builtBefore = await snapshotsBuilt(server);
    const maintained = await logging(server, tablets, Date.now() + SECONDS * 1000);
    const builtMaintained = (await snapshotsBuilt(server)) - builtBefore;

    const leader = await server.signIn('leader@district.example');
    const idle: Record<string, number> = {};
    for (const page of pages) {
      await server.get(page, leader);
      await server.settle(); // the keeper has caught up with the logs above and built this view
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push((await server.get(page, leader)).ms);
      idle[page] = median(runs);
    }
    // Leaders open dashboards at a person's pace: LEADERS leaders, each opening the next page
    // every LEADER_EVERY_MS (the goal's phase); then one leader reloading without a pause
    // (a stress figure: a closed loop takes the same share of the CPU however fast the pages are).
    const mixedPhase = async (leaders: number, everyMs: number) => {
      const cookies = [leader];
      while (cookies.length < leaders) cookies.push(await server.signIn('leader@district.example'));
      const until = Date.now() + SECONDS * 1000;
      const busy: Record<string, number[]> = Object.fromEntries(pages.map((p) => [p, []]));
      const lagging: Record<string, number[]> = Object.fromEntries(pages.map((p) => [p, []]));
      const builtBefore = await snapshotsBuilt(server);
      const [logs] = await Promise.all([
        logging(server, tablets, until),
        ...cookies.map(async (cookie, l) => {
          await new Promise((r) => setTimeout(r, (everyMs * l) / leaders)); // leaders out of step
          for (let n = l; Date.now() < until; n++) {
            const page = pages[n % pages.length]!;
            const started = Date.now();
            const r = await server.get(page, cookie);
            busy[page]!.push(r.ms);
            // A snapshot served while logs it does not have yet keep coming (lib/snapshots): its age.
            const lag = /These figures were computed (\d+) (second|minute)/.exec(r.body.replaceAll('<!-- -->', ''));
            if (lag) lagging[page]!.push(Number(lag[1]) * (lag[2] === 'minute' ? 60 : 1));
            await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
          }
        }),
      ]);
      return { logs, busy, lagging, built: (await snapshotsBuilt(server)) - builtBefore };
    };
    const paced = await mixedPhase(LEADERS, LEADER_EVERY_MS);
    const stress = await mixedPhase(1, 0);
    const { busy, lagging } = paced;
    const mixed = paced.logs;
    const builtMixed = paced.built;
    await server.stop();

    const p95 = (xs: number[]) => percentile(xs, 95);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    lines.push(
      '# Benchmark: tablets logging, with and without fact maintenance, and beside dashboards',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`${COMMAND}\``,
      `on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} (shared machine: compare ratios within this run).`,
      '',
      `The large district (./bench/pages.ts's database), the app's clock at ${TODAY}. ${tablets.length} tablets (one tutor each) send a session log through /api/sync, wait ${THINK_MS} ms, and again, for ${SECONDS} s per phase (after 5 s of warm-up). A log re-logs the tutor's last session with new marks.`,
      '',
      '| phase | logs | p50 | p95 | goal | snapshots rebuilt |',
      '| --- | ---: | ---: | ---: | --- | ---: |',
      `| logging, no fact maintenance (metrics triggers off, no fact worker, no snapshot keeper) | ${bare.latencies.length} | ${fmt(median(bare.latencies))} | ${fmt(p95(bare.latencies))} | baseline | (no keeper) |`,
      `| logging, with fact maintenance (triggers, fact worker, snapshot keeper) | ${maintained.latencies.length} | ${fmt(median(maintained.latencies))} | ${fmt(p95(maintained.latencies))} | p95 ≤ 1.5× baseline: **${ratio(p95(maintained.latencies), p95(bare.latencies))}** | ${builtMaintained} |`,
      `| logging while ${LEADERS} leaders open dashboards, each one every ${LEADER_EVERY_MS / 1000} s | ${mixed.latencies.length} | ${fmt(median(mixed.latencies))} | ${fmt(p95(mixed.latencies))} | p95 ≤ 2× the row above: **${ratio(p95(mixed.latencies), p95(maintained.latencies))}** | ${builtMixed} |`,
      `| stress, not a goal: logging while one leader reloads dashboards without a pause | ${stress.logs.latencies.length} | ${fmt(median(stress.logs.latencies))} | ${fmt(p95(stress.logs.latencies))} | ${ratio(p95(stress.logs.latencies), p95(maintained.latencies))} the row with fact maintenance | ${stress.built} |`,
      '',
      '| dashboard | idle (median of 3) | during logging (median) | requests | goal: ≤ 2× idle | served with "computed … ago" (oldest) | stress: during logging, no pause (median) |',
      '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
      ...pages.map(
        (p) =>
          `| ${p.replace(site, ':site')} | ${fmt(idle[p]!)} | ${fmt(median(busy[p]!))} | ${busy[p]!.length} | **${ratio(median(busy[p]!), idle[p]!)}** | ${lagging[p]!.length}${lagging[p]!.length ? ` (${Math.max(...lagging[p]!)} s)` : ''} | ${fmt(median(stress.busy[p]!))} (${stress.busy[p]!.length} requests) |`,
      ),
      '',
      `Leaders open pages at a person's pace in the goal's phase (${LEADERS} leaders, each one page every ${LEADER_EVERY_MS / 1000} s, BENCH_LEADERS and BENCH_LEADER_EVERY_MS). The stress phase keeps one leader reloading with no pause: such a closed loop takes a full share of the CPU however fast the pages are (a faster page only means more requests a second), so it measures the machine, not the dashboards.`,
      '',
      "During logging the logs keep changing past weeks of the window, so the dashboards' snapshots are outdated: a slow view is served from its snapshot (at most a minute old, the page saying how old) while the snapshot keeper rebuilds it (lib/snapshots/keeper.ts: a view someone has open once its snapshot is half a minute old, others once the writes stop).",
      ...([...bare.failed, ...maintained.failed, ...mixed.failed, ...stress.logs.failed].length
        ? [
            '',
            'Failed logs (first few):',
            '',
            ...[...bare.failed, ...maintained.failed, ...mixed.failed, ...stress.logs.failed].map((f) => `- ${f}`),
          ]
        : []),
      '',
    );
    writeFileSync('docs/bench-load.md', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    for (const { table, name } of triggers)
      await pool.query(`ALTER TABLE "${table}" ENABLE TRIGGER "${name}"`).catch(() => undefined);
    await server.stop();
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
