// The embedded database's socket server shares one Postgres session among its
// clients (the app's single connection, and anyone else who connects: a browser
// test's own check, a script). Each client's queries and transactions must stay
// whole: another client's message arriving in the middle of one must wait, never
// take its answer. With the socket server's own queue the app's connection stalled
// the first time a second client queried beside it (lib/db/embedded.ts, SessionQueue).
import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/db/embedded';

let embedded: EmbeddedPostgres;
let app: pg.Pool;

/** Fails instead of hanging: a stalled session never answers. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s (the session stalled)`)), ms);
  });
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
  app = new pg.Pool({ connectionString: embedded.url, max: 1 });
  await app.query('CREATE TABLE shared_session_check (id serial PRIMARY KEY, who text NOT NULL, n int NOT NULL)');
});

afterAll(async () => {
  await app?.end();
  await embedded?.stop();
});

/** What the app does: transactions of parameterised queries on its one connection, and single queries between them. */
async function appWork(who: string, rounds: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const client = await app.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO shared_session_check (who, n) VALUES ($1, $2)', [who, i]);
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM shared_session_check WHERE who = $1',
        [who],
      );
      seen.push(rows[0]!.n);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await app.query('SELECT $1::int AS i', [i]);
  }
  return seen;
}

/** What a browser test or a script does: connects, asks, leaves, again and again. */
async function visitorWork(visits: number, parameterised: boolean): Promise<void> {
  for (let i = 0; i < visits; i++) {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const { rows } = parameterised
        ? await client.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_session_check WHERE n >= $1', [0])
        : await client.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_session_check');
      expect(rows[0]!.n).toBeGreaterThanOrEqual(0);
    } finally {
      await client.end();
    }
  }
}

describe('the embedded server shares its one session among clients', () => {
  it('keeps each client’s queries and transactions whole while others connect, query and leave', async () => {
    const [first, second] = await within(
      60_000,
      'two app flows beside two visitors',
      Promise.all([appWork('first', 60), appWork('second', 60), visitorWork(30, true), visitorWork(30, false)]).then(
        ([a, b]) => [a, b],
      ),
    );
    // Each transaction saw its own rows and only them: never another client's half-finished work.
    expect(first).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(second).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('rolls back the transaction of a client that leaves in the middle of it, and the others go on', async () => {
    const leaver = new pg.Client({ connectionString: embedded.url });
    await leaver.connect();
    await leaver.query('BEGIN');
    await leaver.query('INSERT INTO shared_session_check (who, n) VALUES ($1, $2)', ['leaver', 1]);
    // The app waits for the leaver's transaction, then has the session again once it is gone.
    const waiting = appWork('after-leaver', 3);
    leaver.on('error', () => undefined);
    (leaver as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await within(20_000, 'the app after a client left mid-transaction', waiting)).toEqual([1, 2, 3]);
    const { rows } = await app.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM shared_session_check WHERE who = 'leaver'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('ends the query of a client that leaves between its Parse and its Sync', async () => {
    const leaver = new pg.Client({ connectionString: embedded.url });
    await leaver.connect();
    leaver.on('error', () => undefined);
    const stream = (leaver as unknown as { connection: { stream: Socket } }).connection.stream;
    // Parse (unnamed statement) with no Sync after it: the client holds the session.
    const text = (value: string) => Buffer.from(`${value}\0`);
    const body = Buffer.concat([text(''), text('SELECT 1'), Buffer.from([0, 0])]);
    const parse = Buffer.concat([Buffer.from('P'), Buffer.alloc(4), body]);
    parse.writeInt32BE(4 + body.length, 1);
    const parsed = new Promise((resolve) => stream.once('data', resolve));
    stream.write(parse);
    await parsed; // ParseComplete: the Parse has run
    const waiting = appWork('after-parse', 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stream.destroy();
    expect(await within(20_000, 'the app after a client left mid-query', waiting)).toEqual([1, 2]);
  });
});
