// The demo district: realistic, deterministic, and safe to run twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrate, type TestDatabase } from '../setup/databases';
import { run } from '../setup/run';

const TODAY = '2026-11-23'; // a Monday in the Fall 2026 cycle
let database: TestDatabase;
let pool: pg.Pool;

function seed(...args: string[]) {
  return run('npx', ['tsx', 'prisma/seed/index.ts', '--today', TODAY, ...args], {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '1',
  });
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await pool.query(sql, params);
  return rows[0] as T;
}

async function fingerprint(): Promise<string> {
  const row = await one<{ f: string }>(`
    SELECT md5(string_agg(x, ',' ORDER BY x)) AS f FROM (
      SELECT id::text || "sisId" AS x FROM student
      UNION ALL SELECT "sessionId"::text || "studentId"::text || status::text FROM attendance
      UNION ALL SELECT id::text || status::text FROM session) t`);
  return row.f;
}

beforeAll(async () => {
  database = await createDatabase('tutoring_seed');
  await migrate(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  const result = await seed();
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/admin@district\.example/);
}, 600_000);

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('demo district', () => {
  it('has the size the issue asks for', async () => {
    const counts = await one<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM site) AS sites,
             (SELECT count(*)::int FROM student WHERE status = 'ACTIVE') AS students,
             (SELECT count(*)::int FROM tutor_profile) AS tutors,
             (SELECT count(*)::int FROM provider) AS providers,
             (SELECT count(*)::int FROM tutoring_group) AS groups`);
    expect(counts.sites).toBe(6);
    expect(counts.students).toBe(600);
    expect(counts.tutors).toBeGreaterThanOrEqual(40);
    expect(counts.tutors).toBeLessThanOrEqual(42);
    expect(counts.providers).toBeGreaterThanOrEqual(2);
    expect(counts.providers).toBeLessThanOrEqual(3);
    expect(counts.groups).toBeGreaterThanOrEqual(90);
    expect(counts.groups).toBeLessThanOrEqual(140);
  });

  it('makes about a third of students eligible, and keeps a waitlist of eligible students not yet placed', async () => {
    const row = await one<{ eligible: number; waiting: number }>(`
      WITH need AS (
        SELECT DISTINCT s.id, r.subject FROM student s JOIN screener_result r ON r."studentId" = s.id
        WHERE s.status = 'ACTIVE' AND r.percentile < (SELECT "eligibilityPercentile" FROM district_settings WHERE id = 1))
      SELECT (SELECT count(DISTINCT id)::int FROM need) AS eligible,
             (SELECT count(*)::int FROM need n WHERE NOT EXISTS (
                SELECT 1 FROM membership m JOIN tutoring_group g ON g.id = m."groupId"
                WHERE m."studentId" = n.id AND g.subject = n.subject AND m."endDate" IS NULL)) AS waiting`);
    expect(row.eligible / 600).toBeGreaterThan(0.25);
    expect(row.eligible / 600).toBeLessThan(0.42);
    expect(row.waiting).toBeGreaterThanOrEqual(30);
  });

  it('has groups of one to four that meet two to four times a week', async () => {
    const row = await one<{ min_meetings: number; max_meetings: number; max_size: number; min_size: number }>(`
      SELECT min(meetings)::int AS min_meetings, max(meetings)::int AS max_meetings,
             min(ever)::int AS min_size, max(size)::int AS max_size FROM (
        SELECT g.id,
          (SELECT count(*) FROM group_meeting gm WHERE gm."groupId" = g.id) AS meetings,
          (SELECT count(*) FROM membership m WHERE m."groupId" = g.id) AS ever,
          (SELECT count(*) FROM membership m WHERE m."groupId" = g.id AND m."endDate" IS NULL) AS size
        FROM tutoring_group g) t`);
    expect(row.min_meetings).toBeGreaterThanOrEqual(2);
    expect(row.max_meetings).toBeLessThanOrEqual(5);
    expect(row.max_size).toBeLessThanOrEqual(4);
    expect(row.min_size).toBeGreaterThanOrEqual(1);
  });

  it('schedules nothing on district no-school days', async () => {
    const row = await one<{ n: number; holidays: number }>(`
      SELECT (SELECT count(*)::int FROM session s JOIN no_school_day d ON d.date = s.date AND d."siteId" IS NULL
              WHERE s."makeupForId" IS NULL) AS n,
             (SELECT count(*)::int FROM no_school_day) AS holidays`);
    expect(row.holidays).toBeGreaterThanOrEqual(5);
    expect(row.n).toBe(0);
  });

  it('has eight weeks of history: held and cancelled sessions, substitutes, make-ups, unlogged sessions', async () => {
    const row = await one<Record<string, number | string>>(
      `
      SELECT (SELECT min(date)::text FROM session WHERE status = 'HELD') AS first_held,
             (SELECT count(*)::int FROM session WHERE status = 'HELD') AS held,
             (SELECT count(*)::int FROM session WHERE status = 'CANCELLED') AS cancelled,
             (SELECT count(DISTINCT "cancellationReason")::int FROM session) AS reasons,
             (SELECT count(*)::int FROM session s JOIN tutoring_group g ON g.id = s."groupId"
               WHERE s.status = 'HELD' AND s."deliveredById" <> g."primaryTutorId") AS substitute,
             (SELECT count(*)::int FROM session WHERE "makeupForId" IS NOT NULL) AS makeups,
             (SELECT count(*)::int FROM session WHERE status = 'SCHEDULED' AND date < $1::date) AS unlogged,
             (SELECT count(*)::int FROM session WHERE status <> 'SCHEDULED' AND date >= $1::date) AS future_logged`,
      [TODAY],
    );
    expect(String(row.first_held) <= '2026-10-02').toBe(true);
    expect(Number(row.held)).toBeGreaterThan(1000);
    expect(Number(row.cancelled) / (Number(row.held) + Number(row.cancelled))).toBeGreaterThan(0.04);
    expect(Number(row.cancelled) / (Number(row.held) + Number(row.cancelled))).toBeLessThan(0.2);
    expect(Number(row.reasons)).toBeGreaterThanOrEqual(4);
    expect(Number(row.substitute)).toBeGreaterThan(0);
    expect(Number(row.makeups)).toBeGreaterThan(0);
    expect(Number(row.unlogged)).toBeGreaterThan(0);
    expect(Number(row.future_logged)).toBe(0);
  });

  it('records realistic attendance: mostly present, some chronically absent students, weaker sites', async () => {
    const row = await one<{ present_share: number; chronic: number; spread: number }>(`
      WITH per_student AS (
        SELECT "studentId", avg((status IN ('ABSENT_EXCUSED','ABSENT_UNEXCUSED'))::int) AS absent_share
        FROM attendance GROUP BY "studentId"),
      per_site AS (
        SELECT g."siteId", avg((a.status IN ('PRESENT','PARTIAL'))::int) AS rate
        FROM attendance a JOIN session s ON s.id = a."sessionId" JOIN tutoring_group g ON g.id = s."groupId"
        GROUP BY g."siteId")
      SELECT (SELECT avg((status IN ('PRESENT','PARTIAL'))::int)::float FROM attendance) AS present_share,
             (SELECT count(*)::int FROM per_student WHERE absent_share > 0.3) AS chronic,
             (SELECT (max(rate) - min(rate))::float FROM per_site) AS spread`);
    expect(row.present_share).toBeGreaterThan(0.75);
    expect(row.present_share).toBeLessThan(0.97);
    expect(row.chronic).toBeGreaterThanOrEqual(3);
    expect(row.spread).toBeGreaterThan(0.05);
  });

  it('gives every placed student a pre probe, and progress probes for most', async () => {
    const row = await one<{ without_pre: number; with_progress: number; members: number }>(`
      SELECT (SELECT count(*)::int FROM membership m WHERE NOT EXISTS (
                SELECT 1 FROM probe p WHERE p."studentId" = m."studentId" AND p.kind = 'PRE')) AS without_pre,
             (SELECT count(DISTINCT "studentId")::int FROM probe WHERE kind = 'PROGRESS') AS with_progress,
             (SELECT count(DISTINCT "studentId")::int FROM membership) AS members`);
    expect(row.without_pre).toBe(0);
    expect(row.with_progress / row.members).toBeGreaterThan(0.5);
  });

  it('gives the demo accounts their roles, the coordinator the first site, and the tutor sessions today', async () => {
    const users = await pool.query<{ email: string; role: string }>(
      `SELECT email, role FROM app_user WHERE email LIKE '%@district.example' AND email IN ($1,$2,$3,$4) ORDER BY email`,
      ['admin@district.example', 'leader@district.example', 'coordinator@district.example', 'tutor@district.example'],
    );
    expect(users.rows).toEqual([
      { email: 'admin@district.example', role: 'DISTRICT_ADMIN' },
      { email: 'coordinator@district.example', role: 'SITE_COORDINATOR' },
      { email: 'leader@district.example', role: 'DISTRICT_LEADER' },
      { email: 'tutor@district.example', role: 'TUTOR' },
    ]);
    const site = await one<{ code: string }>(`
      SELECT s.code FROM user_site us JOIN site s ON s.id = us."siteId" JOIN app_user u ON u.id = us."userId"
      WHERE u.email = 'coordinator@district.example'`);
    const first = await one<{ code: string }>(`SELECT code FROM site ORDER BY code LIMIT 1`);
    expect(site.code).toBe(first.code);
    const today = await one<{ n: number }>(
      `
      SELECT count(*)::int AS n FROM session s JOIN tutoring_group g ON g.id = s."groupId"
      JOIN app_user u ON u.id = g."primaryTutorId" WHERE u.email = 'tutor@district.example' AND s.date = $1::date`,
      [TODAY],
    );
    expect(today.n).toBeGreaterThanOrEqual(1);
    const hash = await one<{ h: string }>(
      `SELECT "passwordHash" AS h FROM app_user WHERE email = 'admin@district.example'`,
    );
    expect(hash.h).toMatch(/^\$argon2id\$/);
  });

  it('refuses to seed twice, skips with --if-empty, and is deterministic with --reset', async () => {
    const before = await fingerprint();
    const again = await seed();
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toMatch(/already has data \(6 sites\)/);
    expect(await fingerprint()).toBe(before);

    const skipped = await seed('--if-empty');
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/seed skipped/);

    const reset = await seed('--reset');
    expect(reset.status).toBe(0);
    expect(await fingerprint()).toBe(before);
  });
});
