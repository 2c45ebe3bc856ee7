// The district pages' snapshots (lib/snapshots) on the demo district: a snapshot equals the
// view computed from the rows; it stays current through writes after its window (a tablet
// logging this week) and through writes no view reads (a sign-in); any write its window
// reads outdates it, and an outdated snapshot is served only when the view is slow and the
// snapshot recent; the keeper builds and rebuilds them; every table the views read notes
// its writes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  dashboardContext,
  districtViewSpec,
  scopeView,
  scopeViewSpec,
  servedScopeView,
} from '../../lib/dashboard/queries';
import { db } from '../../lib/db';
import { equityContext, equityView, equityViewSpec } from '../../lib/equity/view';
import { refreshRollups } from '../../lib/metrics/rollup';
import { metricsPolicy } from '../../lib/metrics/scope';
import { costView, costViewSpec, resolveCostWindow } from '../../lib/review/costs';
import { resolveWeek } from '../../lib/review/week';
import { weeklyReview, weeklyReviewSpec } from '../../lib/review/weekly';
import { defaultViews } from '../../lib/snapshots/defaults';
import { keepSnapshots, pruneSnapshots } from '../../lib/snapshots/keeper';
import {
  buildSnapshot,
  forgetViewCost,
  requestedViews,
  served,
  snapshotKey,
  snapshotState,
  type ViewSpec,
} from '../../lib/snapshots/served';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { run } from '../setup/run';

const SEED_TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-11-23';
  return '2026-11-23';
});

const pool = pgPoolForTests(2);
afterAll(async () => {
  await pool.end();
});

beforeAll(async () => {
  await truncateAll(pool);
  const seeded = await run('npx', ['tsx', 'prisma/seed/index.ts', '--today', SEED_TODAY], { ...process.env });
  expect(seeded.status, seeded.stderr).toBe(0);
  await refreshRollups(db);
}, 300_000);

async function districtSpec() {
  const context = await dashboardContext({ level: 'district' }, {});
  return districtViewSpec({ ...context, filters: context.filters! });
}

const current = async (spec: ViewSpec<unknown>) => (await snapshotState(snapshotKey(spec)))?.current;

/** One attendance mark in a week of the default window, flipped between present and absent. */
async function flipPastMark(): Promise<void> {
  const { rowCount } = await pool.query(
    `UPDATE attendance SET status = CASE status WHEN 'PRESENT' THEN 'ABSENT_UNEXCUSED'::"AttendanceStatus" ELSE 'PRESENT'::"AttendanceStatus" END,
       "minutesAttended" = NULL
     WHERE id = (SELECT a.id FROM attendance a JOIN session s ON s.id = a."sessionId"
                 WHERE s.status = 'HELD' AND s.date BETWEEN '2026-11-09' AND '2026-11-13' AND a.status IN ('PRESENT', 'ABSENT_UNEXCUSED')
                 ORDER BY a.id LIMIT 1)`,
  );
  expect(rowCount).toBe(1);
}

describe('a snapshot of the district dashboard', () => {
  it('equals the view computed from the rows, and is served as built', async () => {
    const spec = await districtSpec();
    expect(spec.through).toBe('2026-11-22'); // the last complete week before the seed's today
    await buildSnapshot(spec);
    expect(await current(spec)).toBe(true);
    const page = await served(spec);
    expect(page.builtAt).not.toBeNull();
    expect(page.current).toBe(true);
    expect(page.value).toEqual(await spec.build());
  });

  it('stays current while a tablet logs this week, and through a sign-in', async () => {
    const spec = await districtSpec();
    await buildSnapshot(spec);
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM session WHERE date >= $1::date AND status = 'SCHEDULED' ORDER BY date, id LIMIT 1`,
      [SEED_TODAY],
    );
    expect(rows).toHaveLength(1);
    await pool.query(`UPDATE session SET status = 'HELD', "actualMinutes" = "plannedMinutes" WHERE id = $1`, [
      rows[0]!.id,
    ]);
    await pool.query(`UPDATE app_user SET "lastSignInAt" = now() WHERE email = 'leader@district.example'`);
    await refreshRollups(db);
    expect(await current(spec)).toBe(true);
  });

  it('is outdated by a late mark in a past week, before and after the fact worker, until rebuilt', async () => {
    const spec = await districtSpec();
    await buildSnapshot(spec);
    const before = await spec.build();
    await flipPastMark();
    expect(await current(spec)).toBe(false); // the marker is waiting for the worker
    await refreshRollups(db);
    expect(await current(spec)).toBe(false); // the worker noted the week
    // A quick view (the demo's): the page computes it rather than serve the outdated figures.
    await pool.query(`UPDATE metrics_snapshot SET "buildMs" = 10 WHERE key = $1`, [snapshotKey(spec)]);
    forgetViewCost(snapshotKey(spec));
    const page = await served(spec);
    expect(page.builtAt).toBeNull();
    expect(page.value).not.toEqual(before);
    const context = await dashboardContext({ level: 'district' }, {});
    expect(page.value).toEqual(await scopeView({ level: 'district' }, { ...context, filters: context.filters! }));
    await buildSnapshot(spec);
    expect(await current(spec)).toBe(true);
    expect((await served(spec)).value).toEqual(page.value);
  });

  it('is outdated by a write to any table the views read (a site renamed, a student placed)', async () => {
    const spec = await districtSpec();
    await buildSnapshot(spec);
    await pool.query(`UPDATE site SET name = name || ' ' WHERE id = (SELECT id FROM site ORDER BY id LIMIT 1)`);
    expect(await current(spec)).toBe(false);
    await pool.query(`UPDATE site SET name = rtrim(name)`);
    await buildSnapshot(spec);
    expect(await current(spec)).toBe(true);
    await pool.query(
      `UPDATE membership SET "endDate" = "endDate" WHERE id = (SELECT id FROM membership ORDER BY id LIMIT 1)`,
    );
    expect(await current(spec)).toBe(false);
    await refreshRollups(db); // the placement's marker, for the tests below
  });

  it('is served outdated only when the view is slow and the snapshot at most a minute old, and says so', async () => {
    const spec = await districtSpec();
    await buildSnapshot(spec);
    const snapshotValue = (await served(spec)).value;
    await flipPastMark();
    await refreshRollups(db);
    const key = snapshotKey(spec);
    // As if the build had taken 2 s (a large district): the outdated snapshot is served, marked.
    await pool.query(`UPDATE metrics_snapshot SET "buildMs" = 2000 WHERE key = $1`, [key]);
    forgetViewCost(key);
    const lagging = await served(spec);
    expect(lagging.current).toBe(false);
    expect(lagging.value).toEqual(snapshotValue);
    expect(lagging.ageSeconds).toBeLessThanOrEqual(60);
    // Older than a minute: computed from the rows.
    await pool.query(`UPDATE metrics_snapshot SET "builtAt" = now() - interval '61 seconds' WHERE key = $1`, [key]);
    const live = await served(spec);
    expect(live.builtAt).toBeNull();
    expect(live.value).not.toEqual(snapshotValue);
    expect(live.value).toEqual(await spec.build());
  });

  it('is what the page function serves for the district and a site, and a group view is always computed', async () => {
    const context = await dashboardContext({ level: 'district' }, {});
    const withFilters = { ...context, filters: context.filters! };
    await buildSnapshot(districtViewSpec(withFilters));
    const district = await servedScopeView({ level: 'district' }, withFilters);
    expect(district.builtAt).not.toBeNull();
    const siteId = (await db.site.findFirstOrThrow({ select: { id: true } })).id;
    const siteTarget = { level: 'site', siteId } as const;
    const siteContext = await dashboardContext(siteTarget, {});
    const siteFilters = { ...siteContext, filters: siteContext.filters! };
    await buildSnapshot(scopeViewSpec(siteTarget, siteFilters));
    const site = await servedScopeView(siteTarget, siteFilters);
    expect(site.builtAt).not.toBeNull();
    expect(site.value).toEqual(await scopeView(siteTarget, siteFilters));
    const groupId = (await db.group.findFirstOrThrow({ where: { siteId }, select: { id: true } })).id;
    const group = await servedScopeView({ level: 'group', siteId, groupId }, siteFilters);
    expect(group.builtAt).toBeNull();
  });
});

describe('slow and quick views', () => {
  it('a view that turns slow (a busy machine) is served from its outdated snapshot, and quick again computed', async () => {
    let delay = 0;
    let computed = 0;
    const spec: ViewSpec<{ n: number }> = {
      view: 'a test view',
      args: { id: Math.random() },
      through: '2026-11-22',
      build: async () => {
        await new Promise((r) => setTimeout(r, delay));
        return { n: ++computed };
      },
    };
    await buildSnapshot(spec); // quick: n = 1
    await pool.query(`UPDATE site SET name = name WHERE false`); // a change it does not see
    expect(await served(spec)).toMatchObject({ value: { n: 2 }, builtAt: null }); // quick: computed
    delay = 300;
    expect(await served(spec)).toMatchObject({ value: { n: 3 }, builtAt: null }); // computed, and found slow
    const lagging = await served(spec);
    expect(lagging).toMatchObject({ value: { n: 1 }, current: false }); // the outdated snapshot, said so
    expect(computed).toBe(3);
    delay = 0;
    await buildSnapshot(spec); // the keeper's rebuild, quick again: n = 4
    expect(await served(spec)).toMatchObject({ value: { n: 4 }, current: true });
    await pool.query(`UPDATE site SET name = name WHERE false`);
    expect(await served(spec)).toMatchObject({ value: { n: 5 }, builtAt: null });
  });
});

describe('the other district views', () => {
  it('each snapshot equals its view computed from the rows (JSON keeps every figure)', async () => {
    const policy = await metricsPolicy(db);
    const equity = await equityContext({});
    const costs = await resolveCostWindow({}, policy.today);
    const week = resolveWeek(undefined, policy.today).week;
    const siteId = (await db.site.findFirstOrThrow({ select: { id: true } })).id;
    const cases: [ViewSpec<unknown>, () => Promise<unknown>][] = [
      [
        equityViewSpec({ ...equity, filters: equity.filters! }),
        () => equityView({ ...equity, filters: equity.filters! }),
      ],
      [weeklyReviewSpec({ week, policy }), () => weeklyReview({ week, policy })],
      [weeklyReviewSpec({ week, siteIds: [siteId], policy }), () => weeklyReview({ week, siteIds: [siteId], policy })],
      [
        costViewSpec({ cycleId: costs.cycle!.id, from: costs.from, to: costs.to, policy }),
        () => costView({ cycleId: costs.cycle!.id, from: costs.from, to: costs.to, policy }),
      ],
    ];
    for (const [spec, compute] of cases) {
      await buildSnapshot(spec);
      const page = await served(spec);
      expect(page.builtAt, spec.view).not.toBeNull();
      expect(page.value, spec.view).toEqual(await compute());
    }
  });
});

describe('the keeper', () => {
  it('builds the default views and the views asked for, then leaves current ones alone', async () => {
    await pool.query('DELETE FROM metrics_snapshot');
    requestedViews().clear();
    const defaults = await defaultViews();
    expect(defaults.map((d) => d.view).sort()).toEqual(['costs', 'district dashboard', 'equity', 'weekly review']);
    const asked = await districtSpec();
    const wholeCycle = { ...asked, args: { ...(asked.args as object), whole: true } };
    requestedViews().set(snapshotKey(wholeCycle), { spec: wholeCycle, lastRequested: Date.now() });
    const state = { defaults: new Map(defaults.map((d) => [snapshotKey(d), d])), lastBuilt: new Map<string, number>() };
    const now = Date.now();
    expect(await keepSnapshots(state, now)).toBe(5);
    for (const spec of [...defaults, wholeCycle]) expect(await current(spec), spec.view).toBe(true);
    expect(await keepSnapshots(state, now + 60_000)).toBe(0);
    // A new process (a deploy) rebuilds at once what is outdated, and only that.
    await pool.query(`UPDATE site SET name = name WHERE false`);
    const restarted = { defaults: state.defaults, lastBuilt: new Map<string, number>() };
    expect(await keepSnapshots(restarted, now + 60_000)).toBe(5);
    expect(await keepSnapshots({ ...restarted, lastBuilt: new Map() }, now + 60_000)).toBe(0);
    // A view asked for more than half an hour ago is dropped from the keeper's list.
    expect(await keepSnapshots(state, now + 31 * 60_000)).toBe(0);
    expect(requestedViews().has(snapshotKey(wholeCycle))).toBe(false);
  });

  it('rebuilds an outdated slow view, not an outdated quick one (pages compute those)', async () => {
    const spec = await districtSpec();
    const key = snapshotKey(spec);
    await buildSnapshot(spec);
    const state = { defaults: new Map([[key, spec as ViewSpec<unknown>]]), lastBuilt: new Map([[key, 0]]) };
    requestedViews().set(key, { spec, lastRequested: Date.now() }); // a leader has it open
    await flipPastMark();
    await refreshRollups(db);
    await pool.query(`UPDATE metrics_snapshot SET "buildMs" = 10 WHERE key = $1`, [key]);
    forgetViewCost(key);
    expect(await keepSnapshots(state)).toBe(0);
    await pool.query(`UPDATE metrics_snapshot SET "buildMs" = 2000 WHERE key = $1`, [key]);
    forgetViewCost(key);
    // Slow, opened, but writes are still coming (the last one just now): pages serve the
    // snapshot until it is half a minute old, then the keeper rebuilds it.
    expect(await keepSnapshots(state)).toBe(0);
    await pool.query(`UPDATE metrics_snapshot SET "builtAt" = "builtAt" - interval '31 seconds' WHERE key = $1`, [key]);
    expect(await keepSnapshots(state)).toBe(1);
    expect(await current(spec)).toBe(true);
    // Not again within the rebuild gap, even when outdated and old again.
    await flipPastMark();
    await refreshRollups(db);
    await pool.query(
      `UPDATE metrics_snapshot SET "buildMs" = 2000, "builtAt" = "builtAt" - interval '31 seconds' WHERE key = $1`,
      [key],
    );
    forgetViewCost(key);
    expect(await keepSnapshots(state)).toBe(0);
    requestedViews().clear();
  });

  it('rebuilds one slow view a round, an open one first once half a minute old, rests nine times as long, and rebuilds a view nobody opened once writes settle', async () => {
    requestedViews().clear();
    const slow = (name: string): ViewSpec<unknown> => ({
      view: name,
      args: { id: Math.random() },
      through: '2026-11-22',
      build: async () => {
        await new Promise((r) => setTimeout(r, 120));
        return { name };
      },
    });
    const idle = slow('a default nobody opened');
    const asked = slow('a view a leader opened');
    const keys = [idle, asked].map((v) => snapshotKey(v));
    const state = {
      defaults: new Map([[keys[0]!, idle]]),
      lastBuilt: new Map<string, number>(),
      restUntil: 0,
    };
    const t0 = Date.now();
    requestedViews().set(keys[1]!, { spec: asked, lastRequested: t0 });
    expect(await keepSnapshots(state, t0)).toBe(2); // never built: both at once
    await pool.query(`UPDATE site SET name = name WHERE false`); // both outdated, writes still coming
    await pool.query(`UPDATE metrics_snapshot SET "builtAt" = "builtAt" - interval '31 seconds'`);
    const t1 = t0 + 20_000;
    expect(await keepSnapshots(state, t1)).toBe(1);
    expect(state.lastBuilt.get(keys[1]!)).toBe(t1); // the one asked for
    expect(state.restUntil).toBeGreaterThanOrEqual(t1 + 9 * 120);
    expect(await keepSnapshots(state, t1 + 500)).toBe(0); // resting
    // The other (nobody opened it) waits until the writes it misses have stopped for 30 s.
    expect(await keepSnapshots(state, state.restUntil)).toBe(0);
    await pool.query(`UPDATE metrics_change SET at = at - interval '31 seconds'`);
    const t2 = state.restUntil;
    expect(await keepSnapshots(state, t2)).toBe(1);
    expect(state.lastBuilt.get(keys[0]!)).toBe(t2);
    for (const v of [idle, asked]) expect(await current(v), v.view).toBe(true);
    requestedViews().clear();
  });

  it('prunes change notes no snapshot needs and snapshots two days old', async () => {
    await pool.query('DELETE FROM metrics_snapshot');
    const spec = await districtSpec();
    await buildSnapshot(spec);
    await pool.query(`INSERT INTO metrics_snapshot (key, label, through, snapshot, "builtAt", "buildMs", data)
      VALUES ('old', 'old', '2026-11-01', pg_current_snapshot()::text, now() - interval '3 days', 1, '{}')`);
    // Notes of transactions long before any snapshot (xid 3 and 4: every snapshot sees them),
    // one an hour old, one just written (kept ten minutes, for a build still running).
    await pool.query(`INSERT INTO metrics_change (xid, "weekStart", at)
      VALUES (3, '-infinity', now() - interval '1 hour'), (4, '-infinity', now())`);
    await pruneSnapshots();
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM metrics_snapshot');
    expect(rows.map((r) => r.key)).not.toContain('old');
    const left = await pool.query<{ xid: string }>('SELECT xid::text FROM metrics_change WHERE xid < 5');
    expect(left.rows.map((r) => r.xid)).toEqual(['4']);
    expect(await current(spec)).toBe(true);
    // A note it cannot see is kept and outdates it.
    await pool.query(`UPDATE site SET name = name WHERE false`);
    await pool.query(`UPDATE metrics_change SET at = now() - interval '1 hour'`);
    await pruneSnapshots();
    expect(await current(spec)).toBe(false);
  });
});

describe('change notes', () => {
  // Tables whose writes no view reads, or whose writes the fact worker notes per week.
  const NOT_NOTED = new Set([
    'audit_event',
    'auth_session',
    'sign_in_attempt',
    'sign_in_counter',
    'password_token',
    'import_batch',
    'sync_receipt',
    'calendar_feed',
    'notification_sent',
    'staff_candidate',
    'roster_class',
    'class_enrollment',
    'metrics_change',
    'metrics_snapshot',
    'metrics_stale',
    'metrics_student_week',
    'metrics_group_week',
    'metrics_student_cume',
    'metrics_group_cume',
    'metrics_week_total',
    'metrics_week_stale',
    'metrics_group_standard',
    'probe_stale',
    'probe_series',
  ]);
  const BY_WORKER = new Set(['session', 'attendance', 'probe']);

  it('every table a view reads notes its writes (a new table must choose)', async () => {
    const { rows } = await pool.query<{ table: string; events: string[] }>(
      `SELECT c.relname AS table,
         ARRAY(SELECT e FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) e
               WHERE EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'metrics_change'
                 AND (t.tgtype::int & CASE e WHEN 'INSERT' THEN 4 WHEN 'DELETE' THEN 8 WHEN 'UPDATE' THEN 16 ELSE 32 END) <> 0)) AS events
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const { table, events } of rows) {
      if (NOT_NOTED.has(table)) expect(events, table).toEqual([]);
      else if (BY_WORKER.has(table)) expect(events, table).toEqual(['TRUNCATE']);
      else expect(events, table).toEqual(['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']);
    }
  });
});
