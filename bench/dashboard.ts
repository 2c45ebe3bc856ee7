// Times the metrics calls a district leader's dashboard makes on the large district
// (about a million attendance rows), served from the rollup tables versus computed
// live from session and attendance rows, and writes docs/bench-dashboard.md.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/dashboard.ts
// (react-server: lib modules import "server-only", which is empty under that condition.)
// The district is seeded (`prisma/seed/index.ts --scale large`) into the database
// tutoring_bench_dashboard on DATABASE_URL's server, which is kept afterwards;
// BENCH_REUSE=1 reuses it when it is already seeded. BENCH_REPEAT: runs per figure (5).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { createPrismaClient } from '../lib/db';
import { parseDatabaseUrl } from '../lib/db/url';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { accessBySubgroup } from '../lib/metrics/access-queries';
import { growthByDoseBand } from '../lib/metrics/growth-queries';
import { refreshRollups, withoutRollup } from '../lib/metrics/rollup';
import { addDays, weekStart } from '../lib/dates';
import type { MetricsScope } from '../lib/metrics/scope';
import { sessionDelivery } from '../lib/metrics/session-queries';
import { groupProgramStandard } from '../lib/metrics/standard-queries';
import { studentMetrics } from '../lib/metrics/student-queries';
import { createDatabase, migrate } from '../tests/setup/databases';

const DATABASE = 'tutoring_bench_dashboard';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const COMMAND =
  'DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/dashboard.ts';
const DOC = 'docs/bench-dashboard.md';

type Policy = {
  today: string;
  timeZone: string;
  targetMinutesPerWeek: number;
  targetSessionsPerWeek: number;
  targetMinutesPerSession: number;
  maxGroupSize: number;
  minProgramWeeks: number;
  eligibilityPercentile: number;
  underDosedPercent: number;
  suppressionMinN: number;
};

/** The calls of one dashboard page, run in parallel as a server component would. */
const CALLS: Record<string, (db: PrismaClient, scope: MetricsScope, p: Policy) => Promise<unknown>> = {
  'studentMetrics by all': (db: PrismaClient, scope: MetricsScope, p: Policy) =>
    studentMetrics(db, scope, { by: 'all', policy: p }),
  'studentMetrics by site/group': (db: PrismaClient, scope: MetricsScope, p: Policy) =>
    studentMetrics(db, scope, { by: scope.siteIds ? 'group' : 'site', policy: p }),
  'sessionDelivery by site/group': (db: PrismaClient, scope: MetricsScope, p: Policy) =>
    sessionDelivery(db, scope, { by: scope.siteIds ? 'group' : 'site', policy: p }),
  'sessionDelivery by tutor': (db: PrismaClient, scope: MetricsScope, p: Policy) =>
    sessionDelivery(db, scope, { by: 'tutor', policy: p }),
  growthByDoseBand: (db: PrismaClient, scope: MetricsScope, p: Policy) => growthByDoseBand(db, scope, p),
  accessBySubgroup: (db: PrismaClient, scope: MetricsScope, p: Policy) => accessBySubgroup(db, scope, p),
  groupProgramStandard: (db: PrismaClient, scope: MetricsScope, p: Policy) => groupProgramStandard(db, scope, p),
};

const dashboard = (db: PrismaClient, scope: MetricsScope, p: Policy) =>
  Promise.all(Object.values(CALLS).map((call) => call(db, scope, p)));

async function ms(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The hand-written part of the document, from "## Notes" on, kept across runs. */
function notes(): string {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const at = text.indexOf('\n## Notes');
  return at >= 0 ? text.slice(at + 1) : '';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

async function seeded(url: string): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance')).rows[0]!.n > 0;
  } catch {
    return false;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL to a PostgreSQL server: the large district is too big for the embedded default');
  const url = parseDatabaseUrl(process.env.DATABASE_URL);
  url.pathname = `/${DATABASE}`;
  let seedSeconds: number | null = null;
  if (!(process.env.BENCH_REUSE === '1' && (await seeded(url.toString())))) {
    const database = await createDatabase(DATABASE, DATABASE);
    await migrate(database.url);
    const started = performance.now();
    const seed = spawnSync('npx', ['tsx', 'prisma/seed/index.ts', '--scale', 'large'], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (seed.status !== 0) throw new Error(`the large seed failed (exit ${seed.status})`);
    seedSeconds = (performance.now() - started) / 1000;
  }

  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const db = createPrismaClient(url.toString());
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows[0]!;
  await pool.query('VACUUM ANALYZE');
  const counts = await one<{ attendance: number; session: number; membership: number; groups: number }>(
    `SELECT (SELECT count(*) FROM attendance)::int AS attendance, (SELECT count(*) FROM session)::int AS session,
      (SELECT count(*) FROM membership)::int AS membership, (SELECT count(*) FROM tutoring_group)::int AS groups`,
  );
  const cycle = await one<{ id: string; from: string; to: string }>(
    `SELECT id, to_char("startDate", 'YYYY-MM-DD') AS "from", to_char("endDate", 'YYYY-MM-DD') AS "to" FROM cycle ORDER BY "endDate" DESC LIMIT 1`,
  );
  const site = await one<{ id: string; groups: number }>(
    `SELECT "siteId" AS id, count(*)::int AS groups FROM tutoring_group GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const settings = await one<{
    timeZone: string;
    targetMinutesPerWeek: number;
    targetSessionsPerWeek: number;
    targetMinutesPerSession: number;
    maxGroupSize: number;
    minProgramWeeks: number;
    eligibilityPercentile: number;
    flagDoseRatePercent: number;
    suppressionMinN: number;
  }>(`SELECT * FROM district_settings WHERE id = 1`);
  // Today: the day after the cycle (the seed's default: a completed school year). A
  // week in the middle of it stands for "last week"; the same week with today on its
  // Wednesday stands for "this week", which is always read live.
  const policy: Policy = { ...settings, today: addDays(cycle.to, 1), underDosedPercent: settings.flagDoseRatePercent };
  const week = weekStart(
    addDays(cycle.from, Math.floor((Date.parse(cycle.to) - Date.parse(cycle.from)) / 86_400_000 / 2)),
  );
  const weekScope = { from: week, to: addDays(week, 6) };
  const current: Policy = { ...policy, today: addDays(week, 2) };

  // The rollup built from nothing: every pair stale (what the migration leaves on an existing district, or a bulk load).
  await pool.query(
    `INSERT INTO metrics_stale ("groupId", "weekStart") SELECT DISTINCT "groupId", date_trunc('week', date::timestamp)::date FROM session`,
  );
  const pairs = (
    await one<{ n: number }>(`SELECT count(DISTINCT ("groupId", "weekStart"))::int AS n FROM metrics_stale`)
  ).n;
  const fullRefresh = await ms(() => refreshRollups(db));
  const rollupRows = await one<{ student: number; group: number; size: string }>(
    `SELECT (SELECT count(*) FROM metrics_student_week)::int AS student, (SELECT count(*) FROM metrics_group_week)::int AS "group",
      pg_size_pretty(pg_total_relation_size('metrics_student_week') + pg_total_relation_size('metrics_group_week')) AS size`,
  );
  await pool.query('VACUUM ANALYZE metrics_student_week, metrics_group_week, metrics_stale');

  // A tutor logs one session: flip one student's mark on a held session in the scope's window (one attendance UPDATE; the trigger marks one pair).
  const logOne = async (from: string, to: string, siteId?: string) => {
    const row = await one<{ id: string }>(
      `SELECT a.id FROM attendance a JOIN session s ON s.id = a."sessionId" JOIN tutoring_group g ON g.id = s."groupId"
       WHERE s.date BETWEEN $1::date AND $2::date AND ($3::uuid IS NULL OR g."siteId" = $3::uuid) AND a.status IN ('PRESENT', 'ABSENT_EXCUSED')
       ORDER BY random() LIMIT 1`,
      [from, to, siteId ?? null],
    );
    const started = performance.now();
    await pool.query(
      `UPDATE attendance SET status = CASE status WHEN 'PRESENT' THEN 'ABSENT_EXCUSED'::"AttendanceStatus" ELSE 'PRESENT'::"AttendanceStatus" END WHERE id = $1`,
      [row.id],
    );
    return performance.now() - started;
  };
  // A day of logging across the district: the pairs of every session on one school day of the window.
  const logDay = (from: string) =>
    pool.query(
      `INSERT INTO metrics_stale ("groupId", "weekStart")
       SELECT DISTINCT "groupId", date_trunc('week', date::timestamp)::date FROM session
       WHERE date = (SELECT min(date) FROM session WHERE date >= $1::date + 1)`,
      [from],
    );

  const scenarios: { name: string; scope: MetricsScope; policy: Policy }[] = [
    { name: 'District, one past week', scope: weekScope, policy },
    { name: 'District, whole cycle', scope: { cycleId: cycle.id, from: cycle.from, to: cycle.to }, policy },
    { name: 'One site, one past week', scope: { ...weekScope, siteIds: [site.id] }, policy },
    {
      name: 'One site, whole cycle',
      scope: { cycleId: cycle.id, from: cycle.from, to: cycle.to, siteIds: [site.id] },
      policy,
    },
    { name: 'District, this week (read live by design)', scope: weekScope, policy: current },
  ];
  const loadBefore = os.loadavg()[0]!;
  const rows: string[] = [];
  const logWrites: number[] = [];
  for (const { name, scope, policy: p } of scenarios) {
    // Live and warm runs alternate, so background work (autovacuum) weighs on both alike.
    const live: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      live.push(await ms(() => withoutRollup(() => dashboard(db, scope, p))));
      warm.push(await ms(() => dashboard(db, scope, p)));
    }
    const afterOne: number[] = [];
    for (let i = 0; i < 3; i++) {
      logWrites.push(await logOne(scope.from, scope.to, scope.siteIds?.[0]));
      afterOne.push(await ms(() => dashboard(db, scope, p)));
    }
    const afterDay: number[] = [];
    for (let i = 0; i < 3; i++) {
      await logDay(scope.from);
      afterDay.push(await ms(() => dashboard(db, scope, p)));
    }
    rows.push(
      `| ${name} | ${fmt(median(live))} | ${fmt(median(warm))} | ${fmt(median(afterOne))} | ${fmt(median(afterDay))} |`,
    );
    console.log(rows.at(-1));
  }

  // Each call alone (sequential), district-wide, for the past week and the whole cycle.
  const perCall: string[] = [];
  for (const [name, call] of Object.entries(CALLS)) {
    const cells: string[] = [];
    for (const scope of [scenarios[0]!.scope, scenarios[1]!.scope]) {
      const live: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        live.push(await ms(() => withoutRollup(() => call(db, scope, policy))));
        warm.push(await ms(() => call(db, scope, policy)));
      }
      cells.push(fmt(median(live)), fmt(median(warm)));
    }
    perCall.push(`| ${name} | ${cells.join(' | ')} |`);
    console.log(perCall.at(-1));
  }
  const dayPairs = (
    await one<{ n: number }>(
      `SELECT count(DISTINCT "groupId")::int AS n FROM session WHERE date = (SELECT min(date) FROM session WHERE date >= $1::date + 1)`,
      [weekScope.from],
    )
  ).n;
  const loadAfter = os.loadavg()[0]!;
  const pgVersion = (await one<{ v: string }>("SELECT current_setting('server_version') AS v")).v;
  await db.$disconnect();
  await pool.end();

  const lines = [
    '# Benchmark: a district dashboard on the large district',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${COMMAND}\``,
    `on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} on 127.0.0.1 (default settings), Prisma pool of 10.`,
    '',
    `Load average (1 min) when the timings began and ended: ${loadBefore.toFixed(1)} and ${loadAfter.toFixed(1)} (other work on the machine shares its cores: compare columns within a run, not across runs).`,
    '',
    `District: the large seed (\`tsx prisma/seed/index.ts --scale large\`${seedSeconds === null ? ', reused' : `, ${seedSeconds.toFixed(0)} s with the rollup triggers`}):`,
    `${counts.attendance.toLocaleString('en-US')} attendance rows, ${counts.session.toLocaleString('en-US')} sessions, ${counts.membership.toLocaleString('en-US')} memberships, ${counts.groups.toLocaleString('en-US')} groups; cycle ${cycle.from} – ${cycle.to}.`,
    `"Today" is ${policy.today} (the seed's completed school year); the past week is ${weekScope.from} – ${weekScope.to}; "this week" is the same week with today on its Wednesday.`,
    `The site is the one with the most groups (${site.groups}).`,
    '',
    'A dashboard request = these calls of lib/metrics in parallel (Promise.all), server time from the first call to the last result:',
    ...Object.keys(CALLS)
      .map((name) => `\`${name}\``)
      .join(', ')
      .split('\n'),
    '',
    `Medians of ${REPEAT} runs (live and warm alternating), cold: 3 runs each.`,
    '',
    '- **Live**: every figure computed from session and attendance rows (`withoutRollup`), as before the rollup.',
    '- **Rollup, warm**: nothing stale; whole weeks read from `metrics_student_week` / `metrics_group_week`.',
    '- **Rollup, cold after one log**: the first request after one attendance mark in the window changed (the trigger marks one (group, week) pair); it refreshes that pair, then reads.',
    `- **Rollup, cold after a day of logging**: the first request after every session of one school day was logged (the pairs of that day's ${dayPairs.toLocaleString('en-US')} groups marked); it refreshes them, then reads.`,
    '',
    '| dashboard | live | rollup, warm | rollup, cold after one log | rollup, cold after a day of logging |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Each call alone, district-wide (sequential; medians, live and warm alternating):',
    '',
    '| call | past week, live | past week, rollup | whole cycle, live | whole cycle, rollup |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...perCall,
    '',
    '## The rollup itself',
    '',
    `- Built from nothing (every one of the ${pairs.toLocaleString('en-US')} (group, week) pairs stale, as after the migration on an existing district): **${fmt(fullRefresh)}** for one \`refreshRollups\`, once.`,
    `- Size: ${rollupRows.student.toLocaleString('en-US')} student-week rows and ${rollupRows.group.toLocaleString('en-US')} group-week rows, ${rollupRows.size} with indexes.`,
    `- Cost to a writer: the one-row attendance UPDATE above, trigger included, took a median of ${fmt(median(logWrites))} (autocommit).`,
    '',
  ];
  const kept = notes();
  writeFileSync(DOC, lines.join('\n') + (kept ? `\n${kept}` : ''));
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
