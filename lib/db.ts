// The one Prisma client. Queries always go through the pg driver adapter: against
// DATABASE_URL's server, or the embedded PGlite that scripts/with-db.ts serves on a
// loopback port when DATABASE_URL is not set. One code path for both.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { requireDatabaseUrl } from '@/lib/db/url';

export function createPrismaClient(connectionString = requireDatabaseUrl()): PrismaClient {
  // The embedded server multiplexes one Postgres backend: one connection keeps
  // transactions from interleaving. A real server gets a normal pool.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

const cache = globalThis as unknown as { prisma?: PrismaClient };

/** The shared client, created on first use (so `next build` needs no database). */
export function getDb(): PrismaClient {
  cache.prisma ??= createPrismaClient();
  return cache.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});
