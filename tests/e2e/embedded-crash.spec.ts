// The embedded database survives the app being killed. A production server on its
// own embedded data folder takes a stream of tablet logs through /api/sync; it is
// killed with SIGKILL while entries are still arriving, and started again on the
// same folder. Every entry the app confirmed is there with all of its attendance,
// and no session is half-written. A second server on a folder in use is refused
// with a message, and leaves the folder as it was.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { run } from '../setup/run';
import { DEMO, submitSignInForm } from './helpers';

const PORT = 3170;
const DB_PORT = 3171;
const APP = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.resolve('.data/e2e-crash');

function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, ...rest } = process.env;
  return {
    ...rest,
    NODE_ENV: 'production',
    PGLITE_DIR: DATA_DIR,
    PGLITE_PORT: String(DB_PORT),
    NEXTAUTH_URL: APP,
    NEXTAUTH_SECRET: 'e2e-crash-secret',
  };
}

/** The app's output, kept for a failure's diagnosis (each start appends). */
const APP_LOG = path.resolve('test-results/embedded-crash-app.log');

function startApp(): ChildProcess {
  mkdirSync(path.dirname(APP_LOG), { recursive: true });
  const log = openSync(APP_LOG, 'a');
  // Its own process group, so SIGKILL reaches the embedded database's process and Next's.
  return spawn('npx', ['tsx', 'scripts/with-db.ts', `next start -p ${PORT} -H 127.0.0.1`], {
    env: env(),
    detached: true,
    stdio: ['ignore', log, log],
  });
}

/**
 * Until the app answers with its database up and its fact worker caught up (no stale
 * pair left). The test then opens connections of its own to the embedded database:
 * the embedded server shares one Postgres session among its clients, and a client of
 * the test's arriving while the worker's refresh transaction is open was seen to stall
 * the app's own connection (see the closing note of issue #12), so the test lets the
 * worker finish first.
 */
async function waitForHealth(): Promise<void> {
  await expect
    .poll(
      async () => {
        const health = await fetch(`${APP}/api/health`).then(
          (r) => r.json() as Promise<{ database?: string; facts?: { stalePairs?: number } }>,
          () => null,
        );
        return health?.database === 'up' ? (health.facts?.stalePairs === 0 ? 'settled' : 'catching up') : 'down';
      },
      {
        timeout: 120_000,
        intervals: [500],
      },
    )
    .toBe('settled');
}

/** A query of the test's own on the embedded database (its server keeps each client's query whole: lib/db/embedded.ts). */
async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/postgres?sslmode=disable`,
  });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Whether any process of the group is still running (zombies left to be reaped count as gone). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  const members = spawnSync('ps', ['-o', 'stat=', '-g', String(pgid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  return members.some((stat) => !stat.startsWith('Z'));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let app: ChildProcess | undefined;
test.afterAll(() => {
  if (app) killGroup(app, 'SIGKILL');
});

test('tablet logs confirmed before a SIGKILL are all there after a restart, none half-written', async ({ page }) => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.lock`, { force: true });
  const seeded = await run(
    'npx',
    ['tsx', 'scripts/with-db.ts', 'tsx scripts/migrate.ts deploy && tsx prisma/seed/index.ts --open-today'],
    env(),
  );
  expect(seeded.status, seeded.stderr).toBe(0);

  app = startApp();
  await waitForHealth();

  // A second server on the same folder is refused at once, with a message naming the folder.
  const second = await run('npx', ['tsx', 'scripts/with-db.ts', 'echo started'], {
    ...env(),
    PGLITE_PORT: String(DB_PORT + 10),
  });
  expect(second.status).toBe(1);
  expect(second.stdout).not.toContain('started');
  expect(second.stderr).toMatch(/embedded database in .*e2e-crash is in use by process \d+/);

  // The tutor's last 40 past sessions, each with its class list on that day, made
  // unlogged again: a week of tablets that were offline, all sending at once.
  const sessions = await query<{ id: string; students: string[] }>(
    `SELECT s.id::text, array_agg(m."studentId"::text) AS students
       FROM session s JOIN tutoring_group g ON g.id = s."groupId" JOIN app_user u ON u.id = g."primaryTutorId"
       JOIN membership m ON m."groupId" = g.id AND m."startDate" <= s.date AND (m."endDate" IS NULL OR m."endDate" >= s.date)
      WHERE u.email = $1 AND s."substituteTutorId" IS NULL AND s."makeupForId" IS NULL AND s.date < CURRENT_DATE
      GROUP BY s.id, s.date ORDER BY s.date DESC, s.id LIMIT 40`,
    [DEMO.tutor],
  );
  // One statement, then the worker catches up on what it marked (see waitForHealth).
  await query(
    `WITH cleared AS (DELETE FROM attendance WHERE "sessionId" = ANY($1::uuid[]))
     UPDATE session SET status = 'SCHEDULED', "cancellationReason" = NULL, "actualMinutes" = NULL, "loggedAt" = NULL, "deliveredById" = NULL
      WHERE id = ANY($1::uuid[])`,
    [sessions.map((s) => s.id)],
  );
  await waitForHealth();
  expect(sessions.length, 'the demo tutor has past sessions to log').toBeGreaterThanOrEqual(20);

  await page.goto(`${APP}/login`);
  await submitSignInForm(page, DEMO.tutor);
  await expect(page).toHaveURL((url) => url.pathname === '/tutor');

  // Four tablets' worth of entries at a time; kill the server once 12 are confirmed.
  const confirmed: { id: string; students: string[] }[] = [];
  let killed = false;
  const queue = [...sessions];
  const tablet = async () => {
    for (let next = queue.shift(); next && !killed; next = queue.shift()) {
      const payload = {
        sessionId: next.id,
        clientId: randomUUID(),
        status: 'HELD',
        attendance: next.students.map((studentId, i) => ({
          studentId,
          status: i === 0 ? 'ABSENT_EXCUSED' : 'PRESENT',
        })),
      };
      const answer = await page.request
        .post(`${APP}/api/sync`, { data: { kind: 'session-log', payload }, headers: { origin: APP }, timeout: 15_000 })
        .then((r) => r.json() as Promise<{ ok: boolean }>)
        .catch(() => null); // no answer: the outbox would send it again
      if (answer?.ok) confirmed.push(next);
      if (confirmed.length >= 12 && !killed) {
        killed = true;
        killGroup(app!, 'SIGKILL');
      }
    }
  };
  await Promise.all([tablet(), tablet(), tablet(), tablet()]);
  expect(killed, 'the server was killed while entries were arriving').toBe(true);
  // Every process of the killed server gone (a process keeps its pid until it is reaped).
  const killedGroup = app!.pid!;
  await expect.poll(() => groupAlive(killedGroup), { timeout: 60_000 }).toBe(false);
  await expect
    .poll(() =>
      fetch(`${APP}/api/health`).then(
        () => 'up',
        () => 'down',
      ),
    )
    .toBe('down');

  // Started again on the same folder (its lock is stale: its owner was killed).
  app = startApp();
  await waitForHealth();
  const ids = sessions.map((s) => s.id);
  const rows = await query<{ id: string; status: string; marks: number; receipts: number }>(
    `SELECT s.id::text, s.status::text,
            (SELECT count(*)::int FROM attendance a WHERE a."sessionId" = s.id) AS marks,
            (SELECT count(*)::int FROM sync_receipt r WHERE r."entityId" = s.id::text) AS receipts
       FROM session s WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const entry of confirmed) {
    expect(byId.get(entry.id), `confirmed log of ${entry.id}`).toMatchObject({
      status: 'HELD',
      marks: entry.students.length,
      receipts: 1,
    });
  }
  // Nothing half-written: a session is either logged with its whole class list, or untouched.
  for (const session of sessions) {
    const row = byId.get(session.id)!;
    if (row.status === 'HELD')
      expect([row.marks, row.receipts], `session ${session.id}`).toEqual([session.students.length, 1]);
    else expect([row.status, row.marks, row.receipts]).toEqual(['SCHEDULED', 0, 0]);
  }
  // The restarted server takes entries again.
  const last = sessions.find((s) => byId.get(s.id)!.status === 'SCHEDULED');
  if (last) {
    const again = await page.request.post(`${APP}/api/sync`, {
      data: {
        kind: 'session-log',
        payload: { sessionId: last.id, clientId: randomUUID(), status: 'CANCELLED', cancellationReason: 'OTHER' },
      },
      headers: { origin: APP },
    });
    expect(((await again.json()) as { ok: boolean }).ok).toBe(true);
  }
  killGroup(app, 'SIGTERM');
  app = undefined;
});
