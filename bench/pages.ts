// Times every leader and coordinator analytics page as a person gets it: the
// production build (`next start`) on real PostgreSQL, a signed-in district leader, the
// full server render of each page (the whole HTML body), warm (one unmeasured request
// first), median of BENCH_REPEAT (3). Beside it, in the same run and interleaved with
// the pages, the anchor of issue #12: one raw GROUP BY of delivered minutes by site
// and week over every attendance row joined to its session and group. Figures are
// ratios to that anchor (shared, noisy machines: never one absolute time).
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx bench/pages.ts [--scale large|xl]
// large: `prisma/seed/index.ts --scale large --today BENCH_TODAY` (a district in the
// completed school year, today 2026-07-01 by default, as the seed's own default and the issue's figures). xl: the same district with four
// earlier school years of history (./history.ts), over four million attendance rows;
// its current-cycle pages are compared with the large district's in the same run (the
// large district's server beside it, requests alternating: againstLarge);
// BENCH_COMPARE_ONLY=1 runs only that comparison and replaces its section of the doc.
// The databases tutoring_bench_pages_<scale> are kept; BENCH_REUSE=1 reuses them.
// Pages and CSV downloads are found by following the pages' own links, so a new
// table's CSV is timed without editing this file. Writes docs/bench-pages-<scale>.md.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { BenchServer, fmt, median, prepareDatabase, TODAY, type BenchScale } from './app-server';

const scaleArg = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1]! : 'large';
if (scaleArg !== 'large' && scaleArg !== 'xl') throw new Error('--scale large|xl');
const scale: BenchScale = scaleArg;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const DOC = `docs/bench-pages-${scale}.md`;
const COMMAND = `DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test${process.env.BENCH_REPEAT ? ` BENCH_REPEAT=${REPEAT}` : ''} npx tsx bench/pages.ts --scale ${scale}`;
const GOAL = 0.5; // × anchor, issue #12

const hrefs = (html: string, pattern: RegExp) => [
  ...new Set(
    [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((h) => pattern.test(h)),
  ),
];

/** The nine analytics pages of a district (its own ids), found as a leader reaches them. */
async function pagesOf(server: BenchServer, cookie: string, pool: pg.Pool): Promise<{ name: string; path: string }[]> {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows[0]!;
  const cycle = await one<{ id: string; from: string; to: string }>(
    `SELECT id, to_char(date_trunc('week', "startDate"::timestamp), 'YYYY-MM-DD') AS "from", to_char(date_trunc('week', "endDate"::timestamp), 'YYYY-MM-DD') AS "to"
     FROM cycle WHERE "startDate" <= $1::date ORDER BY "startDate" DESC LIMIT 1`,
    [TODAY],
  );
  const site = await one<{ id: string }>(
    `SELECT "siteId" AS id FROM tutoring_group g WHERE g."cycleId" = $1::uuid GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [cycle.id],
  );
  const group = hrefs((await server.get(`/sites/${site.id}/dashboard`, cookie)).body, /\/dashboard\/groups\//)[0]!;
  const student = hrefs((await server.get(group, cookie)).body, /\/dashboard\/students\//)[0]!;
  return [
    { name: '/district (default view)', path: '/district' },
    { name: '/district, whole cycle', path: `/district?cycle=${cycle.id}&from=${cycle.from}&to=${cycle.to}` },
    { name: '/district/equity', path: '/district/equity' },
    { name: '/district/weekly-review', path: '/district/weekly-review' },
    { name: '/district/costs', path: '/district/costs' },
    { name: '/sites/:site/dashboard', path: `/sites/${site.id}/dashboard` },
    { name: '/sites/:site/weekly-review', path: `/sites/${site.id}/weekly-review` },
    { name: 'group drill-down', path: group },
    { name: 'student drill-down', path: student },
  ];
}

/**
 * Goal #12.2, measured in one run: the xl district's pages against the large district's,
 * both servers up, each page warmed and its snapshot built on both, then requested
 * alternately (large, xl) REPEAT times; the ratio of the medians.
 */
async function againstLarge(
  xl: BenchServer,
  xlCookie: string,
  xlPool: pg.Pool,
): Promise<{ name: string; large: number; xl: number }[]> {
  const { url } = await prepareDatabase('large');
  const largePool = new pg.Pool({ connectionString: url, max: 2 });
  const large = new BenchServer(url, PORT + 1);
  try {
    await large.start();
    const largeCookie = await large.signIn('leader@district.example');
    const [largePages, xlPages] = [await pagesOf(large, largeCookie, largePool), await pagesOf(xl, xlCookie, xlPool)];
    const rows: { name: string; large: number; xl: number }[] = [];
    for (const [i, page] of largePages.entries()) {
      const xlPath = xlPages[i]!.path;
      await large.get(page.path, largeCookie);
      await xl.get(xlPath, xlCookie);
      await Promise.all([large.settle(), xl.settle()]);
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < REPEAT; r++) {
        a.push((await large.get(page.path, largeCookie)).ms);
        b.push((await xl.get(xlPath, xlCookie)).ms);
      }
      rows.push({ name: page.name, large: median(a), xl: median(b) });
      console.error(`${page.name}: large ${fmt(median(a))}, xl ${fmt(median(b))}`);
    }
    return rows;
  } finally {
    await large.stop();
    await largePool.end();
  }
}

function compareSection(rows: { name: string; large: number; xl: number }[]): string[] {
  const worst = rows.reduce((a, r) => Math.max(a, r.xl / r.large), 0);
  return [
    '',
    '## Against the large district (goal #12.2: at most 1.2× its large-district time)',
    '',
    `Measured in one run (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC): the large district's server beside this one, each page warmed and its snapshot built on both, then requested alternately (large, xl) ${REPEAT} times; medians. Worst: **${worst.toFixed(2)}×**.`,
    '',
    '| page | large | xl | xl ÷ large | ≤ 1.2× |',
    '| --- | ---: | ---: | ---: | :---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.large)} | ${fmt(r.xl)} | ${(r.xl / r.large).toFixed(2)} | ${r.xl / r.large <= 1.2 ? 'yes' : '**no**'} |`,
    ),
  ];
}

interface Timing {
  name: string;
  path: string;
  ms: number;
  anchor: number;
  /** The data-free reference query's median beside this page. */
  reference: number;
  bytes: number;
  /** The unmeasured first request (for a view nobody asked for yet: computed, not from a snapshot). */
  first: number;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const { url, seedSeconds } = await prepareDatabase(scale);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows[0]!;
  const counts = await one<{ attendance: number; session: number; membership: number; cycles: number }>(
    `SELECT (SELECT count(*) FROM attendance)::int AS attendance, (SELECT count(*) FROM session)::int AS session,
      (SELECT count(*) FROM membership)::int AS membership, (SELECT count(*) FROM cycle)::int AS cycles`,
  );
  const anchorSql = `SELECT g."siteId", date_trunc('week', s.date::timestamp) AS week,
      SUM(CASE a.status WHEN 'PRESENT' THEN s."actualMinutes" WHEN 'PARTIAL' THEN a."minutesAttended" ELSE 0 END) AS delivered
    FROM attendance a JOIN session s ON s.id = a."sessionId" JOIN tutoring_group g ON g.id = s."groupId"
    WHERE s.status = 'HELD' GROUP BY 1, 2`;
  const anchorOnce = async () => {
    const started = performance.now();
    await pool.query(anchorSql);
    return performance.now() - started;
  };
  // A reference that does not depend on the data (the same work on every district): what
  // compares one scale's pages with another's (the anchor grows with the history).
  const referenceSql = 'SELECT count(*) FROM generate_series(1, 3000000) g WHERE g % 7 = 3';
  const referenceOnce = async () => {
    const started = performance.now();
    await pool.query(referenceSql);
    return performance.now() - started;
  };
  const site = await one<{ id: string }>(
    `SELECT "siteId" AS id FROM tutoring_group g WHERE g."cycleId" = (SELECT id FROM cycle WHERE "startDate" <= $1::date ORDER BY "startDate" DESC LIMIT 1) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [TODAY],
  );

  const server = new BenchServer(url, PORT);
  try {
    await server.start();
    const cookie = await server.signIn('leader@district.example');
    if (scale === 'xl' && process.env.BENCH_COMPARE_ONLY === '1') {
      // Only goal #12.2 again: the comparison section of the doc is replaced, the rest kept.
      const section = compareSection(await againstLarge(server, cookie, pool));
      const doc = readFileSync(DOC, 'utf8');
      const at = doc.indexOf('\n## Against the large district');
      writeFileSync(DOC, `${at >= 0 ? doc.slice(0, at) : doc}${section.join('\n')}\n`);
      console.log(section.join('\n'));
      return;
    }
    const timings: Timing[] = [];
    const failures: string[] = [];
    const time = async (name: string, path: string): Promise<string> => {
      const first = await server.get(path, cookie); // warm
      if (first.status !== 200) {
        failures.push(`${name} (${path}): HTTP ${first.status}`);
        return '';
      }
      // What the next visitor meets: the keeper has built this view's snapshot by now.
      await server.settle();
      const runs: number[] = [];
      const anchors: number[] = [];
      const references: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        anchors.push(await anchorOnce());
        references.push(await referenceOnce());
        runs.push((await server.get(path, cookie)).ms);
      }
      const ms = median(runs);
      const anchor = median(anchors);
      timings.push({
        name,
        path,
        ms,
        anchor,
        reference: median(references),
        bytes: first.body.length,
        first: first.ms,
      });
      console.error(`${name}: ${fmt(ms)} (${(ms / anchor).toFixed(2)}× anchor ${fmt(anchor)})`);
      return first.body;
    };

    const districtHtml = await time('/district (default view)', '/district');
    const cycle = await one<{ id: string; from: string; to: string }>(
      `SELECT id, to_char(date_trunc('week', "startDate"::timestamp), 'YYYY-MM-DD') AS "from", to_char(date_trunc('week', "endDate"::timestamp), 'YYYY-MM-DD') AS "to"
       FROM cycle WHERE "startDate" <= $1::date ORDER BY "startDate" DESC LIMIT 1`,
      [TODAY],
    );
    await time('/district, whole cycle', `/district?cycle=${cycle.id}&from=${cycle.from}&to=${cycle.to}`);
    const equityHtml = await time('/district/equity', '/district/equity');
    const reviewHtml = await time('/district/weekly-review', '/district/weekly-review');
    const costsHtml = await time('/district/costs', '/district/costs');
    const siteHtml = await time('/sites/:site/dashboard', `/sites/${site.id}/dashboard`);
    const siteReviewHtml = await time('/sites/:site/weekly-review', `/sites/${site.id}/weekly-review`);
    const group = hrefs(siteHtml, /\/dashboard\/groups\//)[0];
    const groupHtml = group ? await time('group drill-down', group) : '';
    const student = hrefs(groupHtml, /\/dashboard\/students\//)[0];
    const studentHtml = student ? await time('student drill-down', student) : '';
    if (!group) failures.push('no group link on the site dashboard');
    if (!student) failures.push('no student link on the group page');
    const csvs = new Set<string>();
    for (const html of [
      districtHtml,
      equityHtml,
      reviewHtml,
      costsHtml,
      siteHtml,
      siteReviewHtml,
      groupHtml,
      studentHtml,
    ])
      for (const h of hrefs(html, /^\/api\/[a-z-]+\/csv\?/)) csvs.add(h);
    for (const csv of csvs)
      await time(
        `CSV ${new URL(csv, server.base).pathname.split('/')[2]}: ${new URL(csv, server.base).searchParams.get('table') ?? new URL(csv, server.base).searchParams.get('view') ?? ''}`,
        csv,
      );

    const load = os.loadavg()[0]!.toFixed(1);
    const worst = timings.reduce((a, t) => Math.max(a, t.ms / t.anchor), 0);
    const pages = timings.filter((t) => !t.name.startsWith('CSV'));
    const csvTimings = timings.filter((t) => t.name.startsWith('CSV'));
    const row = (t: Timing) =>
      `| ${t.name} | ${fmt(t.ms)} | ${fmt(t.anchor)} | ${(t.ms / t.anchor).toFixed(2)}× | ${t.ms / t.anchor <= GOAL ? 'yes' : '**no**'} | ${fmt(t.first)} |`;
    const compare = scale === 'xl' ? compareSection(await againstLarge(server, cookie, pool)) : [];
    const lines = [
      `# Benchmark: analytics pages on the ${scale} district`,
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`${COMMAND}\``,
      `on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average (1 min) at the end: ${load} (the machine is shared: compare ratios, not times).`,
      '',
      `District: ${counts.attendance.toLocaleString('en-US')} attendance rows, ${counts.session.toLocaleString('en-US')} sessions, ${counts.membership.toLocaleString('en-US')} memberships, ${counts.cycles} cycle(s); the app's clock at ${TODAY}.${seedSeconds ? ` Seeded in ${seedSeconds.toFixed(0)} s.` : ''}`,
      'A request = the production server rendering the whole page (or CSV) for a signed-in district leader, warm (one unmeasured request first, then two rounds of the snapshot keeper, so a district view is served from its snapshot as the next visitor gets it: lib/snapshots); median of ' +
        REPEAT +
        '. "First request" is the unmeasured one: for a view the keeper does not keep by default (not the default filters), the page computed it.',
      `The anchor: \`${anchorSql.replace(/\s+/g, ' ')}\`, run before each timed request; its median per page is beside it.`,
      '',
      `Goal (issue #12): every page at most ${GOAL}× the anchor. Worst now: **${worst.toFixed(2)}×**.`,
      '',
      '| page | server time | anchor | × anchor | ≤ 0.5× | first request |',
      '| --- | ---: | ---: | ---: | :---: | ---: |',
      ...pages.map(row),
      '',
      `CSV downloads linked from those pages (${csvTimings.length}):`,
      '',
      '| download | server time | anchor | × anchor | ≤ 0.5× | first request |',
      '| --- | ---: | ---: | ---: | :---: | ---: |',
      ...csvTimings.map(row),
      ...(failures.length ? ['', 'Not measured:', '', ...failures.map((f) => `- ${f}`)] : []),
      '',
      `Against a data-free reference (\`${referenceSql}\`, run beside each request), for comparing scales:`,
      '',
      '| page | server time | reference | × reference |',
      '| --- | ---: | ---: | ---: |',
      ...pages.map(
        (t) => `| ${t.name} | ${fmt(t.ms)} | ${fmt(t.reference)} | ${(t.ms / t.reference).toFixed(2)}× ref |`,
      ),
      ...compare,
      '',
    ];
    writeFileSync(DOC, lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
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
