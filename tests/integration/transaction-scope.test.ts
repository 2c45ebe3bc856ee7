// Inside a transaction only its own client reaches the database. A query on the
// shared client (or any connection asked of its pool) from inside the transaction's
// body fails at once, naming the line that made it and where the transaction was
// opened: on the embedded database (one connection) it would otherwise wait for the
// transaction until it times out, and on a server it would not see the
// transaction's own writes.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../../lib/actions/action';
import { db, getDb, inTransaction, TransactionScopeError } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada', role: 'DISTRICT_ADMIN' } });
});

describe('the shared client inside a transaction', () => {
  it('refuses at once, naming the call site and where the transaction was opened', async () => {
    const error = await db
      .$transaction(async (tx) => {
        await tx.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
        return db.site.count();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionScopeError);
    const message = (error as Error).message;
    expect(message).toContain('db.site');
    // Both places are this file: the query's line and the transaction's.
    expect(message.match(/transaction-scope\.test\.ts:\d+/g)?.length).toBe(2);
    // The transaction rolled back: nothing half-written.
    expect(await db.site.count()).toBe(0);
  });

  it('refuses a second connection asked of the pool, and a nested transaction', async () => {
    const raw = await db.$transaction(async () => getDb().$queryRaw`SELECT 1`).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(TransactionScopeError);
    const nested = await db
      .$transaction(async () => db.$transaction(async (tx) => tx.site.count()))
      .catch((e: unknown) => e);
    expect(nested).toBeInstanceOf(TransactionScopeError);
  });

  it('allows the transaction’s own client, and the shared client again once it has ended', async () => {
    const count = await db.$transaction(async (tx) => {
      expect(inTransaction()).toBe(true);
      await tx.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
      return tx.site.count();
    });
    expect(count).toBe(1);
    expect(inTransaction()).toBe(false);
    expect(await db.site.count()).toBe(1);
  });

  it('lets other requests wait for the transaction rather than refusing them', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
      await held;
    });
    // Another request, outside the transaction's flow: it waits (one connection) or runs beside it.
    const other = db.site.count();
    release();
    await transaction;
    expect(await other).toBeGreaterThanOrEqual(0);
  });

  it('turns a server action that reaches past its transaction into a refusal that wrote nothing', async () => {
    const faulty = defineAction({
      name: `test.faulty.${Date.now()}`,
      permission: 'calendar.manage',
      input: z.object({ code: z.string() }),
      async run({ tx, input }) {
        await tx.site.create({ data: { code: input.code, name: 'Adams', gradeMin: 0, gradeMax: 5 } });
        return db.site.count();
      },
    });
    await signInAs('admin@test.example');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await faulty(null, { code: 'A' });
    expect(result.ok).toBe(false);
    expect(
      logged.mock.calls
        .flat()
        .some((arg) => arg instanceof TransactionScopeError || String(arg).includes('TransactionScopeError')),
    ).toBe(true);
    logged.mockRestore();
    expect(await db.site.count()).toBe(0);
  });
});
