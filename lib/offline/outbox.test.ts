import { describe, expect, it } from 'vitest';
import { drain, enqueue, memoryStore, retry, type OutboxEntry, type SendAnswer } from './outbox';

let clock = 0;
const SESSION = '00000000-0000-4000-8000-000000000001';
const GROUP = '00000000-0000-4000-8000-000000000002';

/** A session log by default; `kind: 'probes'` makes it a probe entry with a probe payload. */
function entry(
  clientId: string,
  overrides: Partial<Omit<OutboxEntry, 'kind' | 'payload'>> & { kind?: OutboxEntry['kind'] } = {},
): OutboxEntry {
  clock += 1;
  const { kind = 'session-log', ...rest } = overrides;
  const base = {
    clientId,
    userId: 'tutor-1',
    label: clientId,
    href: '/tutor',
    subject: `session-${clientId}`,
    createdAt: clock,
    state: 'waiting' as const,
    attempts: 0,
    ...rest,
  };
  return kind === 'session-log'
    ? { ...base, kind, payload: { sessionId: SESSION, clientId, status: 'HELD' } }
    : {
        ...base,
        kind,
        payload: { groupId: GROUP, clientId, kind: 'PROGRESS', administeredOn: '2026-11-24', scores: [] },
      };
}

describe('drain', () => {
  it('sends waiting entries oldest first and removes each once the server has it', async () => {
    const store = memoryStore([
      entry('b', { createdAt: 20 }),
      entry('a', { createdAt: 10 }),
      entry('c', { createdAt: 30 }),
    ]);
    const sent: string[] = [];
    const report = await drain(store, 'tutor-1', async (e) => {
      sent.push(e.clientId);
      return { ok: true };
    });
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(report.sent.map((e) => e.clientId)).toEqual(['a', 'b', 'c']);
    expect(await store.list()).toEqual([]);
  });

  it('stops at a failed connection and keeps that entry and the later ones, in order, for the next run', async () => {
    const store = memoryStore([entry('a'), entry('b'), entry('c')]);
    const report = await drain(store, 'tutor-1', async (e) => {
      if (e.clientId === 'b') throw new TypeError('Failed to fetch');
      return { ok: true };
    });
    expect(report).toMatchObject({ interrupted: true, rejected: [] });
    expect(report.sent.map((e) => e.clientId)).toEqual(['a']);
    const left = await store.list();
    expect(left.map((e) => [e.clientId, e.state, e.attempts])).toEqual([
      ['b', 'waiting', 1],
      ['c', 'waiting', 0],
    ]);
    // The next run sends the same entries, same ids, in the same order.
    const second: string[] = [];
    await drain(store, 'tutor-1', async (e) => (second.push(String(e.payload.clientId)), { ok: true }));
    expect(second).toEqual(['b', 'c']);
  });

  it('keeps an entry waiting when the server failed or the tutor was signed out', async () => {
    const store = memoryStore([entry('a'), entry('b')]);
    const failed = await drain(store, 'tutor-1', async () => ({
      ok: false,
      message: 'Something went wrong on our side.',
      retry: 'server-error',
    }));
    expect(failed).toMatchObject({ interrupted: true, sent: [], rejected: [] });
    const signedOut = await drain(store, 'tutor-1', async () => ({
      ok: false,
      message: 'Sign in again.',
      retry: 'signed-out',
    }));
    expect(signedOut).toMatchObject({ interrupted: true, signedOut: true });
    expect((await store.list()).map((e) => [e.clientId, e.state, e.attempts])).toEqual([
      ['a', 'waiting', 2],
      ['b', 'waiting', 0],
    ]);
  });

  it('keeps a refused entry with the reason and goes on with the next', async () => {
    const store = memoryStore([entry('a'), entry('b')]);
    const report = await drain(store, 'tutor-1', async (e): Promise<SendAnswer> =>
      e.clientId === 'a'
        ? { ok: false, message: 'This session is now covered by another tutor.', fieldErrors: { attendance: ['x'] } }
        : { ok: true },
    );
    expect(report.interrupted).toBe(false);
    expect(report.sent.map((e) => e.clientId)).toEqual(['b']);
    const [kept] = await store.list();
    expect(kept).toMatchObject({
      clientId: 'a',
      state: 'rejected',
      error: 'This session is now covered by another tutor.',
      fieldErrors: { attendance: ['x'] },
      attempts: 1,
    });
    // A refused entry is not sent again until the tutor retries it.
    let calls = 0;
    await drain(store, 'tutor-1', async () => (calls++, { ok: true }));
    expect(calls).toBe(0);
    await store.put(retry(kept!));
    await drain(store, 'tutor-1', async () => (calls++, { ok: true }));
    expect(calls).toBe(1);
    expect(await store.list()).toEqual([]);
  });

  it('sends only the signed-in tutor’s entries', async () => {
    const store = memoryStore([entry('mine'), entry('theirs', { userId: 'tutor-2' })]);
    const sent: string[] = [];
    await drain(store, 'tutor-1', async (e) => (sent.push(e.clientId), { ok: true }));
    expect(sent).toEqual(['mine']);
    expect((await store.list()).map((e) => e.clientId)).toEqual(['theirs']);
  });

  it('does not bring back an entry the tutor discarded while it was being sent', async () => {
    const store = memoryStore([entry('a')]);
    await drain(store, 'tutor-1', async () => {
      await store.remove('a');
      return { ok: false, message: 'Refused' };
    });
    expect(await store.list()).toEqual([]);
  });
});

describe('enqueue', () => {
  it('replaces an unsent log of the same session and keeps other entries', async () => {
    const store = memoryStore([
      entry('old', { subject: 'session-1' }),
      entry('other', { subject: 'session-2' }),
      entry('probe', { kind: 'probes', subject: 'session-1' }),
    ]);
    const replaced = await enqueue(store, entry('new', { subject: 'session-1' }));
    expect(replaced).toEqual(['old']);
    expect((await store.list()).map((e) => e.clientId).sort()).toEqual(['new', 'other', 'probe']);
  });

  it('keeps every probe entry: each is its own set of scores', async () => {
    const store = memoryStore([entry('p1', { kind: 'probes', subject: 'group-1' })]);
    expect(await enqueue(store, entry('p2', { kind: 'probes', subject: 'group-1' }))).toEqual([]);
    expect((await store.list()).length).toBe(2);
  });

  it('putting the same entry twice (a double tap) keeps one', async () => {
    const store = memoryStore();
    const e = entry('same');
    await enqueue(store, e);
    await enqueue(store, e);
    expect((await store.list()).length).toBe(1);
  });
});
