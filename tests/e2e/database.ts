// The browser tests' own look at the database the app under test uses (written by
// ./server.ts), for checks a page cannot show: how many rows an entry made.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const E2E_DATABASE_URL_FILE = path.resolve('.data/e2e-database-url');

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, 'utf8').trim() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
