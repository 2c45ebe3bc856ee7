// Backup and restore for both databases, and moving a pilot from the embedded
// database to a server. Used by scripts/db.ts (npm run db:backup, db:restore,
// db:move-to-server) and by tests/integration/backup.test.ts.
//
// - A server: pg_dump's custom format, restored by pg_restore (Debian's
//   postgresql-client, whose major version must be at least the server's).
// - The embedded folder: PGlite's own dump of its data directory (a gzipped tar),
//   restored by opening PGlite on it. Exact, file for file.
// - Moving: PGlite's pg_dump (WebAssembly, @electric-sql/pglite-tools) writes SQL
//   that a server runs in one transaction; every table is then compared.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import pg from 'pg';
import { lockDataDir } from './embedded';

const run = promisify(execFile);

/** Runs a query and answers its rows: what the fingerprint needs from either database. */
export type Query = <R>(sql: string) => Promise<R[]>;

export interface TableFingerprint {
  rows: number;
  /** md5 of every row's text, sorted: equal when the tables hold the same rows. */
  md5: string;
}

/** Each table of the public schema (the app's, and _prisma_migrations), fingerprinted. */
export async function tableFingerprints(query: Query): Promise<Map<string, TableFingerprint>> {
  await query(`SET TIME ZONE 'UTC'`);
  const tables = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const prints = new Map<string, TableFingerprint>();
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await query<{ rows: string | number; md5: string | null }>(
      `SELECT count(*) AS rows, md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
         FROM public.${quoted} t`,
    );
    prints.set(name, { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' });
  }
  return prints;
}

/** The tables whose fingerprints differ (or exist on one side only), named. */
export function fingerprintDifferences(a: Map<string, TableFingerprint>, b: Map<string, TableFingerprint>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.filter((name) => {
    const x = a.get(name);
    const y = b.get(name);
    return !x || !y || x.rows !== y.rows || x.md5 !== y.md5;
  });
}

const pglQuery =
  (db: PGlite): Query =>
  async <R>(sql: string) =>
    (await db.query<R>(sql)).rows;

async function withServer<T>(url: string, work: (client: pg.Client, query: Query) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client, async <R>(sql: string) => (await client.query(sql)).rows as R[]);
  } finally {
    await client.end();
  }
}

async function serverTableCount(url: string): Promise<number> {
  return withServer(url, async (_, query) => {
    const [row] = await query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(row?.n ?? 0);
  });
}

async function emptyPublicSchema(url: string): Promise<void> {
  await withServer(url, async (client) => {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });
}

/** Says what an external command printed when it failed, in one message. */
async function command(file: string, args: string[]): Promise<void> {
  try {
    await run(file, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: string };
    if (code === 'ENOENT') throw new Error(`${file} is not installed (Debian: apt-get install postgresql-client).`);
    throw new Error(`${file} failed: ${(stderr ?? String(error)).trim().split('\n').slice(-3).join(' ')}`);
  }
}

export interface RestoreOptions {
  /** Restore over a database (or folder) that holds data: without it, that is refused. */
  replace?: boolean;
}

/** pg_dump of a server database, custom format, to `file`. */
export async function backupServer(url: string, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await command('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
}

/** pg_restore of a custom-format dump into a server database, in one transaction. */
export async function restoreServer(
  url: string,
  file: string,
  { replace = false }: RestoreOptions = {},
): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  if ((await serverTableCount(url)) > 0) {
    if (!replace) throw new Error('The database already has tables: restore into an empty one, or pass --replace.');
    await emptyPublicSchema(url);
  }
  await command('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${url}`,
    file,
  ]);
}

async function withEmbedded<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  if (!existsSync(dataDir)) throw new Error(`There is no embedded database in ${dataDir}.`);
  const unlock = lockDataDir(dataDir); // refuses while the app runs on it
  try {
    const db = await PGlite.create({ dataDir });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/** PGlite's dump of the embedded folder (a gzipped tar of its data directory), to `file`. */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const blob = await withEmbedded(dataDir, (db) => db.dumpDataDir('gzip'));
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, Buffer.from(await blob.arrayBuffer()));
}

/** Restores the embedded folder from a dump made by backupEmbedded. A folder replaced is kept beside it. */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  { replace = false }: RestoreOptions = {},
): Promise<{ keptAs: string | null }> {
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  const dump = await readFile(file);
  let keptAs: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!replace) throw new Error(`${dataDir} already holds a database: pass --replace to restore over it.`);
    const unlock = lockDataDir(dataDir); // not while the app runs on it
    try {
      keptAs = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dataDir, keptAs);
    } finally {
      unlock();
    }
  }
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir, loadDataDir: new Blob([dump]) });
    await db.query('SELECT 1'); // opened: the dump was read
    await db.close();
  } finally {
    unlock();
  }
  return { keptAs };
}

/** Settings pg_dump 17 writes that an older server does not know. */
const NEWER_SETTINGS = /^SET transaction_timeout = 0;$/m;

/**
 * Moves the embedded database to an empty server database: PGlite's pg_dump as SQL,
 * run on the server in one transaction, then every table compared. Answers the
 * tables moved; throws, with nothing written, when the server already has tables or
 * any table differs.
 */
export async function moveEmbeddedToServer(dataDir: string, url: string, sqlFile?: string): Promise<number> {
  if ((await serverTableCount(url)) > 0)
    throw new Error('The server database already has tables: move into an empty database.');
  const { sql, before } = await withEmbedded(dataDir, async (db) => {
    const dump = await pgDump({ pg: db, args: ['--no-owner', '--no-privileges'] });
    return { sql: await dump.text(), before: await tableFingerprints(pglQuery(db)) };
  });
  if (sqlFile) {
    await mkdir(path.dirname(path.resolve(sqlFile)), { recursive: true });
    await writeFile(sqlFile, sql);
  }
  await withServer(url, async (client, query) => {
    await client.query('BEGIN');
    try {
      await client.query(sql.replace(NEWER_SETTINGS, ''));
      await client.query(`SELECT pg_catalog.set_config('search_path', 'public', false)`);
      const differing = fingerprintDifferences(before, await tableFingerprints(query));
      if (differing.length) throw new Error(`These tables differ after the move: ${differing.join(', ')}.`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
  return before.size;
}

/** Fingerprints of an embedded folder's tables (for checks and tests). */
export function embeddedFingerprints(dataDir: string): Promise<Map<string, TableFingerprint>> {
  return withEmbedded(dataDir, (db) => tableFingerprints(pglQuery(db)));
}

/** Fingerprints of a server database's tables (for checks and tests). */
export function serverFingerprints(url: string): Promise<Map<string, TableFingerprint>> {
  return withServer(url, (_, query) => tableFingerprints(query));
}
