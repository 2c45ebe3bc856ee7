// Integration tests call pages' data functions and server actions directly, as
// Next would, against the real test database. Only Next's request context is
// stood in for: a cookie jar carrying a real, signed next-auth session cookie.
//
// On a PostgreSQL server each worker gets its own copy of the migrated template
// (tests/setup/global-db.ts), so files run in parallel; DATABASE_URL names that copy
// for the app's code and for the tests' own clients (tests/setup/db-client.ts).
import { vi, inject } from 'vitest';
import { workerCopy } from './databases';

// Tests that make their own databases still need the server the run was given.
if (process.env.DATABASE_URL && !process.env.SERVER_DATABASE_URL)
  process.env.SERVER_DATABASE_URL = process.env.DATABASE_URL;
process.env.TEST_DB_MODE = inject('databaseKind');
process.env.DATABASE_URL =
  inject('databaseKind') === 'postgres'
    ? await workerCopy(inject('databaseUrl'), process.env.VITEST_POOL_ID ?? '1')
    : inject('databaseUrl');
process.env.DATABASE_POOL_MAX = inject('databaseKind') === 'embedded' ? '1' : '4';
process.env.NEXTAUTH_SECRET ??= 'integration-test-secret';

const jar = new Map<string, string>();

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    has: (name: string) => jar.has(name),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

export const cookieJar = jar;
