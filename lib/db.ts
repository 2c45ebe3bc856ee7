// The one Prisma client. Queries always go through the pg driver adapter: against
// DATABASE_URL's server, or the embedded PGlite that scripts/with-db.ts serves on a
// loopback port when DATABASE_URL is not set. One code path for both.
//
// While a transaction opened through `db.$transaction(fn)` is running, only its own
// client (`tx`) may reach the database. The embedded database has one connection:
// a query on a second one would wait for the transaction, which waits for the query,
// until the transaction times out. So any use of `db`, and any connection asked of
// the pool, from inside `fn` fails at once with TransactionScopeError, naming the
// call site and where the transaction was opened, on every database (so CI's real
// server catches a regression as fast as the embedded one would).
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { requireDatabaseUrl } from '@/lib/db/url';

/** A query asked of a second connection while a transaction is open in the same flow. */
export class TransactionScopeError extends Error {
  override name = 'TransactionScopeError';
}

interface OpenTransaction {
  openedAt: string;
  open: boolean;
}

const openTransactions = new AsyncLocalStorage<OpenTransaction>();

/** The first stack frame outside this module and node_modules: the code that made the call. */
function callSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const own = frames.find((line) => !/[\\/]lib[\\/]db\.ts|node_modules|node:internal|\(native\)/.test(line));
  return (own ?? frames[0] ?? 'unknown').trim().replace(/^at /, '');
}

function refuseInsideTransaction(what: string): void {
  const open = openTransactions.getStore();
  if (!open?.open) return;
  throw new TransactionScopeError(
    `${what} at ${callSite()} while the transaction opened at ${open.openedAt} is still open. ` +
      'Inside a transaction use its client (tx): a second connection would wait for the transaction, ' +
      'and on the embedded database (one connection) the transaction would wait for it.',
  );
}

/** Runs `work` as the body of an open transaction: the guard above applies inside it. */
export function insideTransaction<T>(openedAt: string, work: () => T): T {
  const store: OpenTransaction = { openedAt, open: true };
  const result = openTransactions.run(store, work);
  if (result instanceof Promise) {
    return result.finally(() => {
      store.open = false;
    }) as T;
  }
  store.open = false;
  return result;
}

/** True while the caller runs inside a transaction opened through `db.$transaction(fn)`. */
export function inTransaction(): boolean {
  return openTransactions.getStore()?.open === true;
}

/** A pool that refuses a connection to code running inside an open transaction. */
class GuardedPool extends pg.Pool {
  override connect(...args: unknown[]): never {
    refuseInsideTransaction('A second database connection was asked for');
    return (super.connect as (...a: unknown[]) => never)(...args);
  }
  override query(...args: unknown[]): never {
    refuseInsideTransaction('A query on a second database connection was made');
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/**
 * Settings of every connection the app opens. The analytics queries are short
 * aggregates over a few hundred thousand fact rows: PostgreSQL's JIT compiler takes
 * longer to compile them (1–2 s on the large district) than they take to run, and
 * their sorts and hashes spill to disk at the default 4 MB of work memory; and a page
 * already runs its queries side by side on the pool, so a parallel worker's start-up
 * (tens of ms) buys nothing. All are per connection (startup options; `options` in DATABASE_URL takes precedence):
 * nothing about the server's own configuration is assumed. Not sent to the embedded
 * database (no JIT there).
 */
const SESSION_SETTINGS = '-c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=0';

export function createPrismaClient(connectionString = requireDatabaseUrl()): PrismaClient {
  // The embedded server multiplexes one Postgres backend: one connection keeps
  // transactions from interleaving. A real server gets a normal pool.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  // The embedded database (one connection: scripts/with-db.ts and the test setups set
  // DATABASE_POOL_MAX=1 for it) has no JIT, and its socket server gets a plain startup.
  const pool = new GuardedPool({ connectionString, max, ...(max > 1 ? { options: SESSION_SETTINGS } : {}) });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

const cache = globalThis as unknown as { prisma?: PrismaClient };

/** The shared client, created on first use (so `next build` needs no database). */
export function getDb(): PrismaClient {
  cache.prisma ??= createPrismaClient();
  return cache.prisma;
}

type TransactionArgs = Parameters<PrismaClient['$transaction']>;

function guardedTransaction(client: PrismaClient): PrismaClient['$transaction'] {
  return ((first: TransactionArgs[0], options?: TransactionArgs[1]) => {
    if (typeof first !== 'function') return client.$transaction(first, options);
    const openedAt = callSite();
    const body = first as (tx: unknown) => Promise<unknown>;
    return client.$transaction((tx) => insideTransaction(openedAt, () => body(tx)), options as never);
  }) as PrismaClient['$transaction'];
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    // Not a query: awaiting, inspecting or printing the client.
    if (typeof property === 'symbol' || property === 'then' || property === 'toJSON') return undefined;
    refuseInsideTransaction(`The shared client (db.${property}) was used`);
    const client = getDb();
    if (property === '$transaction') return guardedTransaction(client);
    const value: unknown = Reflect.get(client, property);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});
