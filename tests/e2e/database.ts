// The browser tests' own look at the database the app under test uses (written by
// ./server.ts), for checks a page cannot show: how many rows an entry made.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const E2E_DATABASE_URL_FILE = path.resolve('.data/e2e-database-url');

/** The queries a test sends: parameters are inlined, so each query is one message. */
export interface TestDatabase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as pg gives them untyped
  query<R extends pg.QueryResultRow = any>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Runs `work` on a connection of the test's own. Each query goes as a single
 * simple-protocol message with its parameters inlined as escaped literals (arrays as
 * array literals): the embedded database's server shares one Postgres session among
 * its clients message by message, and a parameterised query's several messages
 * interleaving with the app's own (its fact worker queries every second) were seen to
 * stall the app's connection.
 */
export async function withDatabase<T>(work: (client: TestDatabase) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, 'utf8').trim() });
  await client.connect();
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
    return client.escapeLiteral(String(value));
  };
  const db: TestDatabase = {
    query: <R extends pg.QueryResultRow>(sql: string, params: readonly unknown[] = []) => client.query<R>(sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]))),
  };
  try {
    return await work(db);
  } finally {
    await client.end();
  }
}
