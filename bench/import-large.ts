// Times a 50,000-student OneRoster import (upload staging, then apply in one
// transaction, then the same files again) on a fresh database of DATABASE_URL's
// server, measures how long the event loop stalls while an upload is staged (on the
// staging thread, and for comparison on the request thread as before), and writes
// the figures to docs/bench-import.md, keeping its hand-written "## History" section.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/import-large.ts
// (react-server: lib modules import "server-only", which is empty under that condition.)
// BENCH_STUDENTS sets the size, BENCH_REPEAT the stagings per side of the comparison (3).
// It also records the process's peak resident memory (the staging thread is a thread of
// this process, so its memory is included) while staging that set and hostile uploads.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDatabase, migrate } from '../tests/setup/databases';
import { bomb, zipOf } from '../tests/setup/hostile-files';
import { generateRoster } from '../tests/setup/roster-files';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 50_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SCHOOLS = Array.from({ length: 10 }, (_, i) => ({
  sourcedId: `org-${i + 1}`,
  identifier: `S${100 + i}`,
  name: `School ${i + 1}`,
}));
const DOC = 'docs/bench-import.md';
const COMMAND =
  'DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/import-large.ts';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

interface LoopDelay {
  maxMs: number;
  p99Ms: number;
}

/**
 * The event loop's delay while `work` runs, sampled every 10 ms (perf_hooks
 * monitorEventLoopDelay): an idle loop reads about 10 ms, the sampling interval; a
 * loop blocked for 1 s about 1,010 ms. The max is what another person's request
 * waits at worst while the upload is staged.
 */
async function loopDelay<T>(work: () => Promise<T>): Promise<[T, LoopDelay]> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const value = await work();
    return [value, { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 }];
  } finally {
    histogram.disable();
  }
}

/**
 * The process's resident memory while `work` runs, sampled every 10 ms: the peak, and
 * the level before it started (after a garbage collection when --expose-gc is given).
 */
async function peakRss<T>(work: () => Promise<T>): Promise<[T, { beforeMb: number; peakMb: number }]> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return [value, { beforeMb: before / 2 ** 20, peakMb: peak / 2 ** 20 }];
  } finally {
    clearInterval(sample);
  }
}

const mb = (value: number) => `${Math.round(value).toLocaleString('en-US')} MB`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

/** The hand-written part of the document, from "## History" on, kept across runs. */
function history(): string[] {
  if (!existsSync(DOC)) return [];
  const text = readFileSync(DOC, 'utf8');
  const at = text.indexOf('\n## History');
  return at === -1 ? [] : [text.slice(at + 1).trimEnd(), ''];
}

/** About `bytes` of CSV whose every row has 200 three-character values: the most strings per byte the limits allow. */
function wideRows(bytes: number): Uint8Array {
  const row = `${Array.from({ length: 200 }, (_, i) => `v${(i % 90) + 10}`).join(',')}\n`;
  return new TextEncoder().encode(row.repeat(Math.floor(bytes / row.length)));
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const loadAtStart = os.loadavg()[0]!;
  const database = await createDatabase('tutoring_bench_import', 'tutoring_bench_import');
  process.env.DATABASE_URL = database.url;
  // Imported after DATABASE_URL names the fresh database: the shared client reads it on first use.
  const { db } = await import('../lib/db');
  const { stageImport } = await import('../lib/imports/stage');
  const { openStagingThread, stageOnThisThread } = await import('../lib/imports/staging-thread');
  const { applyPayload } = await import('../lib/imports/apply');
  const rows: string[] = [];
  const comparison: string[] = [];
  try {
    await migrate(database.url);
    const admin = await db.user.create({
      data: { email: 'bench@test.example', name: 'Bench', role: 'DISTRICT_ADMIN' },
    });
    const user = {
      id: admin.id,
      name: admin.name,
      email: admin.email,
      role: 'DISTRICT_ADMIN' as const,
      siteIds: [],
      sessionId: 'bench',
    };
    const files = Object.entries(generateRoster({ schools: SCHOOLS, students: STUDENTS })).map(([name, text]) => ({
      name,
      bytes: new TextEncoder().encode(text),
    }));
    const megabytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / 2 ** 20;
    // A server has its database client warm: the first raw query of a process sets
    // the client up (a one-off stall of a few hundred ms that is not the upload's).
    await db.$queryRawUnsafe('SELECT 1');

    const stage = (onThisThread = false) =>
      loopDelay(() =>
        timed(() =>
          stageImport(
            { user, scope: { kind: 'district' }, kind: 'oneroster', files },
            onThisThread ? stageOnThisThread : undefined,
          ),
        ),
      );

    const memory: string[] = [];
    const remember = (label: string, outcome: string, seconds: number, rss: { beforeMb: number; peakMb: number }) => {
      memory.push(
        `| ${label} | ${outcome} | ${seconds.toFixed(2)} s | ${mb(rss.beforeMb)} | ${mb(rss.peakMb)} | ${mb(rss.peakMb - rss.beforeMb)} |`,
      );
      console.log(label, outcome, `${seconds.toFixed(2)} s, RSS ${mb(rss.beforeMb)} → peak ${mb(rss.peakMb)}`);
    };
    const run = async (label: string) => {
      const [[[{ batchId }, stageSeconds], delay], rss] = await peakRss(() => stage());
      remember(`${STUDENTS.toLocaleString('en-US')}-student set: ${label}`, 'staged', stageSeconds, rss);
      const batch = await db.importBatch.findUniqueOrThrow({
        where: { id: batchId },
        select: { payload: true, summary: true },
      });
      const [applied, applySeconds] = await timed(() =>
        db.$transaction((tx) => applyPayload(tx, batchId, batch.payload as never, { kind: 'district' }, null, {}), {
          timeout: 120_000,
        }),
      );
      rows.push(
        `| ${label} | ${stageSeconds.toFixed(2)} s | ${ms(delay.maxMs)} | ${ms(delay.p99Ms)} | ${applySeconds.toFixed(2)} s | \`${JSON.stringify(applied.result)}\` |`,
      );
      console.log(
        label,
        `stage ${stageSeconds.toFixed(2)} s, loop delay max ${ms(delay.maxMs)} p99 ${ms(delay.p99Ms)}, apply ${applySeconds.toFixed(2)} s`,
        applied.result,
      );
    };
    await run('first import (all new)');
    await run('same files again (all unchanged)');

    // Hostile uploads (security review #11), each refused; what they cost before that.
    const hostile: [string, { name: string; bytes: Uint8Array }[]][] = [
      ['ZIP stating 1 KB, inflating to 2 GB', [{ name: 'bomb.zip', bytes: zipOf('users.csv', bomb(2048), 1000) }]],
      [
        'CSV of 1,000,000 columns',
        [{ name: 'users.csv', bytes: new TextEncoder().encode(`sourcedId,${'x,'.repeat(1_000_000)}\n`) }],
      ],
      ['31 MB of 200-column rows of short values', [{ name: 'users.csv', bytes: wideRows(31 * 2 ** 20) }]],
    ];
    // About the largest roster the budget takes.
    const nearBudget = Object.entries(generateRoster({ schools: SCHOOLS, students: 250_000 })).map(([name, text]) => ({
      name,
      bytes: new TextEncoder().encode(text),
    }));
    const nearMb = nearBudget.reduce((sum, f) => sum + f.bytes.length, 0) / 2 ** 20;
    hostile.push([`250,000-student set (${nearMb.toFixed(1)} MB, just under the budget)`, nearBudget]);
    for (const [label, hostileFiles] of hostile) {
      const [[outcome, seconds], rss] = await peakRss(() =>
        timed(() =>
          stageImport({ user, scope: { kind: 'district' }, kind: 'oneroster', files: hostileFiles }).then(
            () => 'staged',
            (error: Error) => `refused: “${error.message.slice(0, 60)}…”`,
          ),
        ),
      );
      remember(label, outcome, seconds, rss);
    }

    // The same staging, alternately on the request thread (how it ran before) and on
    // the staging thread, so both sides see the same machine load.
    const maxima: Record<'request' | 'worker', number[]> = { request: [], worker: [] };
    for (let i = 1; i <= REPEAT; i++) {
      for (const side of ['request', 'worker'] as const) {
        const [[, seconds], delay] = await stage(side === 'request');
        maxima[side].push(delay.maxMs);
        const where = side === 'request' ? 'request thread (as before)' : 'staging thread (worker)';
        comparison.push(`| ${where} | ${i} | ${seconds.toFixed(2)} s | ${ms(delay.maxMs)} | ${ms(delay.p99Ms)} |`);
        console.log(
          where,
          i,
          `stage ${seconds.toFixed(2)} s, loop delay max ${ms(delay.maxMs)} p99 ${ms(delay.p99Ms)}`,
        );
      }
    }

    // Starting a staging thread, alone: a one-row file's first answer.
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const thread = openStagingThread();
      const [, seconds] = await timed(() =>
        thread.read('supports', [{ name: 'one.csv', bytes: new TextEncoder().encode('sis_id,iep\n1,Y\n') }]),
      );
      await thread.close();
      starts.push(seconds * 1000);
    }
    console.log('thread start', starts.map(ms).join(', '));

    const lines = [
      '# Benchmark: a 50,000-student roster import',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`${COMMAND}\``,
      `on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on 127.0.0.1,`,
      `load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end (other work shares the machine).`,
      '',
      `Files: generated OneRoster 1.1 bulk set, ${STUDENTS.toLocaleString('en-US')} students over ${SCHOOLS.length} schools`,
      `(orgs, classes, users, enrollments: ${megabytes.toFixed(1)} MB of CSV).`,
      '',
      '- *Stage* = unpack, parse, compare with the database and store the preview (what the upload route does).',
      '  Unpacking, parsing and planning run on a worker thread (`lib/imports/staging-thread.ts`).',
      "- *Loop delay* = the event loop's delay while the upload is staged (`perf_hooks.monitorEventLoopDelay`, resolution 10 ms,",
      '  so an idle loop reads about 10 ms): how long any other request could be kept waiting.',
      '- *Apply* = the `imports.apply` transaction: plan again on fresh data, bulk writes in chunks of 5,000 rows.',
      '',
      '| run | stage | loop delay max | loop delay p99 | apply | written |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      `## Staging on the request thread vs. the staging thread`,
      '',
      `The same files staged again (all unchanged) ${REPEAT} times each way, alternating. "Request thread" runs the same`,
      'steps without the worker (`stageOnThisThread`), as staging worked before the worker.',
      '',
      '| staged on | # | stage | loop delay max | loop delay p99 |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...comparison,
      '',
      `Median loop delay max: ${ms(median(maxima.request))} on the request thread, ${ms(median(maxima.worker))} with the staging thread.`,
      '',
      `Starting a staging thread (first answer for a one-row file) took ${starts.map(ms).join(', ')} here, where the thread`,
      'loads tsx to compile its TypeScript; that is part of every "staging thread" figure above. The worker bundled by',
      '`next build` starts without it (see History).',
      '',
      '## Memory',
      '',
      'Resident memory of the whole process (request thread and staging thread) while one upload is staged,',
      'sampled every 10 ms. Limits (security review #11): at most 32 MB of CSV once unpacked, counted as the',
      "inflater produces it (a ZIP's stated sizes are not trusted); at most 200 columns per row and 1,000,000 rows",
      "per file; the staging thread's heap is capped at 1,024 MB (a file that needs more is refused); one staging at",
      'a time for the district, across app processes (others wait their turn; a process holds at most 3). Staging costs about',
      '20 bytes of memory per byte of CSV, so a 32 MB roster peaks near 1 GB above the baseline.',
      '',
      '| upload | outcome | time | RSS before | RSS peak | peak − before |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...memory,
      '',
      ...history(),
    ];
    writeFileSync(DOC, lines.join('\n'));
    console.log(`wrote ${DOC}`);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
