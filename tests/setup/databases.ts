// Test databases: a fresh database on DATABASE_URL's server when it is set,
// otherwise an in-memory embedded PGlite. Either way migrated by the same
// WebAssembly schema engine the app's `npm run db:migrate` uses.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { NO_FILTER, openSchemaEngine, readMigrations } from '../../lib/db/schema-engine';
import { parseDatabaseUrl } from '../../lib/db/url';

export interface TestDatabase {
  url: string;
  kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

/** Applies the migrations in `dir` (the project's, unless a test gives an older set) not yet applied. */
export async function migrate(url: string, dir?: string): Promise<string[]> {
  const { engine, close, explain } = await openSchemaEngine(url);
  try {
    const { appliedMigrationNames } = await engine
      .applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTER })
      .catch((error: unknown) => Promise.reject(explain(error)));
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/** The PostgreSQL server the run was given, or undefined for the embedded database. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DB_MODE === 'embedded'
    ? undefined
    : (process.env.SERVER_DATABASE_URL ?? process.env.DATABASE_URL);
}

/** `url` with its database name replaced. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = parseDatabaseUrl(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs `sql` statements on the server's maintenance connection. */
export async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A new, empty (unmigrated) database. `name` is used as-is when given (it is dropped first). */
export async function createDatabase(prefix: string, name?: string): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
  }
  const dbName = name ?? `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  });
  return {
    url: withDatabaseName(serverUrl, dbName),
    kind: 'postgres',
    drop: () => onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).then(),
  };
}

/**
 * This test worker's copy of the run's migrated template (PostgreSQL only): made once per
 * worker with CREATE DATABASE … TEMPLATE, then kept for every file the worker runs, as the
 * single shared database was before. Files in one worker run one after another.
 */
export async function workerCopy(templateUrl: string, workerId: string): Promise<string> {
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error('worker copies are for a PostgreSQL server');
  const template = databaseNameOf(templateUrl);
  const name = `${template}_w${workerId}`;
  await onServer(serverUrl, async (admin) => {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return withDatabaseName(serverUrl, name);
}

/** Drops every worker copy of the template (the run's teardown). */
export async function dropWorkerCopies(templateUrl: string): Promise<void> {
  const serverUrl = testServerUrl();
  if (!serverUrl) return;
  const template = databaseNameOf(templateUrl);
  await onServer(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${template.replace(/_/g, '\\_')}\\_w%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(parseDatabaseUrl(url).pathname.slice(1));
}
