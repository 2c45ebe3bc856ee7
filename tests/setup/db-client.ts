// Prisma and pg clients on the integration run's database.
import pg from 'pg';
import { inject } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client';

/** This worker's database (tests/setup/request-context.ts sets it before any test file loads). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: integration tests run with tests/setup/request-context.ts');
  return url;
}

// The embedded database serves one Postgres backend, so tests use one connection
// there, as the app does (scripts/with-db.ts sets DATABASE_POOL_MAX=1).
function poolSize(wanted: number): number {
  return inject('databaseKind') === 'embedded' ? 1 : wanted;
}

export function prismaForTests(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: poolSize(4) }) });
}

export function pgPoolForTests(max = 4): pg.Pool {
  return new pg.Pool({ connectionString: testDatabaseUrl(), max: poolSize(max) });
}

/** Empties every application table (not the migration history). */
export async function truncateAll(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length) await pool.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
}
