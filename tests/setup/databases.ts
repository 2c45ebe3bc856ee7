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

export async function migrate(url: string): Promise<string[]> {
  const { engine, close, explain } = await openSchemaEngine(url);
  try {
    const { appliedMigrationNames } = await engine
      .applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTER })
      .catch((error: unknown) => Promise.reject(explain(error)));
    return appliedMigrationNames;
  } finally {
    close();
  }
}

/** A new, empty (unmigrated) database. `name` is used as-is when given (it is dropped first). */
export async function createDatabase(prefix: string, name?: string): Promise<TestDatabase> {
  const serverUrl =
    process.env.TEST_DB_MODE === 'embedded' ? undefined : (process.env.SERVER_DATABASE_URL ?? process.env.DATABASE_URL);
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
  }
  const dbName = name ?? `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }
  const url = parseDatabaseUrl(serverUrl);
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
