// Backup and restore (npm run db:backup, db:restore) for both databases, and moving
// a pilot from the embedded folder to a server (npm run db:move-to-server): each
// round trip is proven equal table by table (row count and a digest of every row).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupEmbedded,
  backupServer,
  embeddedFingerprints,
  fingerprintDifferences,
  moveEmbeddedToServer,
  restoreEmbedded,
  restoreServer,
  serverFingerprints,
  type TableFingerprint,
} from '../../lib/db/backup';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { createDatabase, migrate, testServerUrl, type TestDatabase } from '../setup/databases';
import { run } from '../setup/run';

const work = mkdtempSync(path.join(tmpdir(), 'tutoring-backup-'));
const pilot = path.join(work, 'pilot');
const server = testServerUrl();
const dropped: TestDatabase[] = [];

/** Rows with what a dump can get wrong: quotes, non-Latin text, NULLs, arrays, JSON, timestamps. */
const SAMPLE = `
  INSERT INTO site (id, code, name, "gradeMin", "gradeMax", "updatedAt")
  VALUES ('00000000-0000-4000-8000-000000000001', 'A100', 'O''Brien Elementary — 山田小学校', 0, 5, '2026-12-07 10:11:12.345+00');
  INSERT INTO student (id, "sisId", "sourceId", "firstName", "lastName", grade, "siteId", "updatedAt")
  VALUES ('00000000-0000-4000-8000-000000000002', '000123', NULL, 'Zoë', 'Ng "Jr"', 3, '00000000-0000-4000-8000-000000000001', now());
  INSERT INTO roster_class (id, "sourceId", "siteId", title, "classType", periods)
  VALUES ('00000000-0000-4000-8000-000000000003', 'c1', '00000000-0000-4000-8000-000000000001', 'Math, 3', 'scheduled', '{1,"2 A"}');
  INSERT INTO app_user (id, email, name, role, "updatedAt")
  VALUES ('00000000-0000-4000-8000-000000000005', 'ada@district.example', 'Ada', 'DISTRICT_ADMIN', now());
  INSERT INTO import_batch (id, kind, status, "fileNames", summary, problems, "problemCount", "errorCount", "createdById", "updatedAt")
  VALUES ('00000000-0000-4000-8000-000000000004', 'ONEROSTER', 'PREVIEW', '{users.csv}',
          '{"kind":"oneroster","note":"tab\\there, line\\nbreak"}', '[]', 0, 0, '00000000-0000-4000-8000-000000000005', now());
`;

async function fill(url: string): Promise<void> {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SAMPLE);
  } finally {
    await client.end();
  }
}

function expectSame(a: Map<string, TableFingerprint>, b: Map<string, TableFingerprint>): void {
  expect(fingerprintDifferences(a, b)).toEqual([]);
  expect(a.size).toBeGreaterThan(30); // every table of the app, and _prisma_migrations
  expect(a.get('_prisma_migrations')!.rows).toBeGreaterThan(10);
  expect(a.get('student')!.rows).toBe(1);
}

/** This process's environment for a command on the pilot folder (no DATABASE_URL). */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pilot };
  delete env.DATABASE_URL;
  return env;
}

async function serverDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createDatabase(prefix);
  dropped.push(database);
  return database;
}

beforeAll(async () => {
  const embedded = await startEmbeddedPostgres({ dataDir: pilot });
  try {
    await fill(embedded.url);
  } finally {
    await embedded.stop();
  }
}, 300_000);

afterAll(async () => {
  for (const database of dropped) await database.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('the embedded folder', () => {
  it('backs up and restores to a folder equal table by table', async () => {
    const before = await embeddedFingerprints(pilot);
    const file = path.join(work, 'pilot.tar.gz');
    await backupEmbedded(pilot, file);
    const copy = path.join(work, 'restored');
    expect(await restoreEmbedded(copy, file)).toEqual({ keptAs: null });
    expectSame(before, await embeddedFingerprints(copy));

    // Over a folder that holds a database: refused, unless replacing (the old folder is kept).
    await expect(restoreEmbedded(copy, file)).rejects.toThrow(/already holds a database: pass --replace/);
    const { keptAs } = await restoreEmbedded(copy, file, { replace: true });
    expect(keptAs && existsSync(keptAs)).toBe(true);
    expectSame(before, await embeddedFingerprints(copy));
  }, 300_000);

  it('refuses a backup while the app has the folder open', async () => {
    // Another process holds the folder, as npm start does (scripts/with-db.ts).
    const app = spawn('npx', ['tsx', 'scripts/with-db.ts', 'sleep 60'], {
      env: embeddedEnv(),
      stdio: 'ignore',
      detached: true,
    });
    try {
      for (let i = 0; i < 300 && !existsSync(`${pilot}.lock`); i++) await new Promise((r) => setTimeout(r, 100));
      await expect(backupEmbedded(pilot, path.join(work, 'busy.tar.gz'))).rejects.toThrow(/is in use by process/);
      expect(existsSync(path.join(work, 'busy.tar.gz'))).toBe(false);
    } finally {
      process.kill(-app.pid!, 'SIGTERM');
      await new Promise((resolve) => app.on('exit', resolve));
      for (let i = 0; i < 100 && existsSync(`${pilot}.lock`); i++) await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  it('npm run db:backup and db:restore work from the command line, and say which kind of file is which', async () => {
    const env = embeddedEnv();
    const file = path.join(work, 'cli.tar.gz');
    const backup = await run('npx', ['tsx', 'scripts/db.ts', 'backup', file], env);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/Backed up .* \(PGlite's dump of its data directory\)/);
    const restore = await run('npx', ['tsx', 'scripts/db.ts', 'restore', file], env);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/^error: .*already holds a database: pass --replace/);
    const wrongKind = await run('npx', ['tsx', 'scripts/db.ts', 'restore', file], {
      ...env,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/none',
    });
    expect(wrongKind.stderr).toMatch(/is not a server backup/);
  }, 120_000);
});

describe.skipIf(!server)('a PostgreSQL server', () => {
  it('backs up with pg_dump and restores with pg_restore, equal table by table', async () => {
    const source = await serverDatabase('tutoring_backup_src');
    await fill(source.url);
    const file = path.join(work, 'server.dump');
    await backupServer(source.url, file);
    const target = await serverDatabase('tutoring_backup_dst');
    await restoreServer(target.url, file);
    const before = await serverFingerprints(source.url);
    expectSame(before, await serverFingerprints(target.url));

    // The comparison notices one changed value; restoring over it (--replace) puts it back.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query(`UPDATE student SET "firstName" = 'Zoe'`);
    await client.end();
    // The student row, and the snapshots' note that a table the views read changed (lib/snapshots).
    expect(fingerprintDifferences(before, await serverFingerprints(target.url))).toEqual(['metrics_change', 'student']);
    await expect(restoreServer(target.url, file)).rejects.toThrow(/already has tables/);
    await restoreServer(target.url, file, { replace: true });
    expectSame(before, await serverFingerprints(target.url));
    expect(await migrate(target.url), 'the restored database is up to date').toEqual([]);
  }, 300_000);

  it('moves the embedded pilot to an empty server database in one step, every table equal', async () => {
    const target = await serverDatabase('tutoring_moved');
    const tables = await moveEmbeddedToServer(pilot, target.url);
    const before = await embeddedFingerprints(pilot);
    expect(tables).toBe(before.size);
    expectSame(before, await serverFingerprints(target.url));
    expect(await migrate(target.url), 'migrate deploy has nothing left to apply').toEqual([]);
    await expect(moveEmbeddedToServer(pilot, target.url)).rejects.toThrow(/already has tables/);
  }, 300_000);
});
