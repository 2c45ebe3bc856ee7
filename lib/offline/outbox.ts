// The tablet's outbox: every entry a tutor makes (a session log, probe scores) is put
// here before it is sent, so nothing is lost when the connection drops. Entries are
// sent oldest first, each with the client id it was given when it was made: the
// server records an id once, so a retry after a lost answer, or two tabs sending at
// once, cannot record it twice. An entry the server refuses stays, with the reason,
// until the tutor fixes or discards it. This file is the logic; idb-store.ts keeps
// the entries in IndexedDB.

import type { z } from 'zod';
import type { LogResult } from '@/lib/entries/actions';
import type { ProbeResult } from '@/lib/entries/probe-actions';
import type { logSessionSchema, recordProbesSchema } from '@/lib/entries/schemas';

/**
 * What each kind of entry carries: the input of the server action it is sent to, as
 * that action's zod schema reads it, so the compiler checks the form that builds an
 * entry, the outbox that keeps it and the endpoint that hands it to the action.
 */
export interface OutboxPayloads {
  'session-log': z.input<typeof logSessionSchema>;
  probes: z.input<typeof recordProbesSchema>;
}

export type OutboxKind = keyof OutboxPayloads;

/** What the action answers when it records an entry of each kind. */
export interface OutboxResults {
  'session-log': LogResult;
  probes: ProbeResult;
}

/** An entry of one kind: its kind and the payload that kind carries. */
export type EntryOf<K extends OutboxKind> = EntryBase & {
  kind: K;
  /** The action's input, exactly as the form built it (it carries the client id too). */
  payload: OutboxPayloads[K];
};

export type OutboxEntry = { [K in OutboxKind]: EntryOf<K> }[OutboxKind];

interface EntryBase {
  clientId: string;
  /** Whose entry it is: only they can send it (after signing in again, if need be). */
  userId: string;
  /** What the tutor sees in the list: "Log · Grade 3 Math A · 2026-11-24". */
  label: string;
  /** The page where the entry can be fixed. */
  href: string;
  /** What the entry is about (a session or a group id): a newer entry replaces an older one. */
  subject: string;
  createdAt: number;
  state: 'waiting' | 'rejected';
  error?: string;
  fieldErrors?: Record<string, string[]>;
  attempts: number;
}

export interface OutboxStore {
  list(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientId: string): Promise<void>;
}

/** A server action's answer, as far as the outbox cares. */
export type SendAnswer =
  | { ok: true; message?: string; data?: unknown }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; retry?: 'signed-out' | 'server-error' };

/** Sends one entry; throws when the answer never came (offline, timeout, server down). */
export type Sender = (entry: OutboxEntry) => Promise<SendAnswer>;

export interface DrainReport {
  sent: OutboxEntry[];
  rejected: OutboxEntry[];
  /** True when the connection or the server failed and entries are still waiting. */
  interrupted: boolean;
  /** The server says the tutor is signed out: they must sign in before the rest is sent. */
  signedOut?: boolean;
  /** The server's answer to each entry it answered, by client id. */
  answers: Record<string, SendAnswer>;
}

export function inOrder(entries: OutboxEntry[]): OutboxEntry[] {
  return [...entries].sort((a, b) => a.createdAt - b.createdAt || a.clientId.localeCompare(b.clientId));
}

/**
 * Sends this user's waiting entries, oldest first. A refused entry is kept with the
 * reason and the next one is sent; a failed connection stops the run (the rest wait
 * for the next one, still in order).
 */
export async function drain(store: OutboxStore, userId: string, send: Sender): Promise<DrainReport> {
  const report: DrainReport = { sent: [], rejected: [], interrupted: false, answers: {} };
  const waiting = inOrder(await store.list()).filter((entry) => entry.userId === userId && entry.state === 'waiting');
  for (const entry of waiting) {
    let answer: SendAnswer | null;
    try {
      answer = await send(entry);
    } catch {
      answer = null;
    }
    // No answer, signed out, or the server failed: the entry itself is fine; try later.
    if (answer === null || (!answer.ok && answer.retry)) {
      if ((await store.list()).some((e) => e.clientId === entry.clientId))
        await store.put({ ...entry, attempts: entry.attempts + 1 });
      report.interrupted = true;
      if (answer && !answer.ok && answer.retry === 'signed-out') report.signedOut = true;
      break;
    }
    report.answers[entry.clientId] = answer;
    // The tutor may have replaced or discarded it while it was on its way.
    const current = (await store.list()).find((e) => e.clientId === entry.clientId);
    if (answer.ok) {
      if (current) await store.remove(entry.clientId);
      report.sent.push(entry);
    } else {
      const rejected: OutboxEntry = {
        ...entry,
        state: 'rejected',
        error: answer.message,
        fieldErrors: answer.fieldErrors,
        attempts: entry.attempts + 1,
      };
      if (current) await store.put(rejected);
      report.rejected.push(rejected);
    }
  }
  return report;
}

/**
 * Adds an entry; an older unsent entry about the same thing (the same session's log)
 * is replaced, so only the latest version is sent. Returns the replaced ids.
 */
export async function enqueue(store: OutboxStore, entry: OutboxEntry): Promise<string[]> {
  const replaced = (await store.list()).filter(
    (e) =>
      e.clientId !== entry.clientId &&
      e.userId === entry.userId &&
      e.kind === entry.kind &&
      e.subject === entry.subject &&
      entry.kind === 'session-log',
  );
  for (const old of replaced) await store.remove(old.clientId);
  await store.put(entry);
  return replaced.map((e) => e.clientId);
}

/** A refused entry goes back in the queue as it is (for a refusal that may pass now). */
export function retry(entry: OutboxEntry): OutboxEntry {
  return { ...entry, state: 'waiting', error: undefined, fieldErrors: undefined };
}

/** An in-memory store, for tests and for browsers without IndexedDB. */
export function memoryStore(initial: OutboxEntry[] = []): OutboxStore {
  const entries = new Map(initial.map((e) => [e.clientId, e]));
  return {
    list: async () => [...entries.values()],
    put: async (entry) => void entries.set(entry.clientId, entry),
    remove: async (clientId) => void entries.delete(clientId),
  };
}
