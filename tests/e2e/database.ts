// The browser tests' own look at the database the app under test uses (written by
// ./server.ts), for checks a page cannot show: how many rows an entry made.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const E2E_DATABASE_URL_FILE = path.resolve('.data/e2e-database-url');

/** The queries a test sends. */
export interface TestDatabase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as pg gives them untyped
  query<R extends pg.QueryResultRow = any>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Runs `work` on a connection of the test's own. On the embedded database that is a
 * second client of its one Postgres session: its server gives each client the session
 * for a whole query or transaction (lib/db/embedded.ts, SessionQueue), so a test's
 * check waits for the app's transaction and never cuts into it.
 */
export async function withDatabase<T>(work: (client: TestDatabase) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, 'utf8').trim() });
  await client.connect();
  const db: TestDatabase = {
    query: <R extends pg.QueryResultRow>(sql: string, params: readonly unknown[] = []) =>
      client.query<R>(sql, [...params]),
  };
  try {
    return await work(db);
  } finally {
    await client.end();
  }
}
