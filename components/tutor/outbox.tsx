'use client';

// The tutor's outbox on this tablet: forms hand their entries here; each is saved on
// the device first, then sent (oldest first) now or when the connection returns.
// The panel shows what is waiting and what the server refused, with a way to fix,
// send again or discard each refused entry.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { announce } from '@/components/ui/announcer';
import { Button, buttonClasses } from '@/components/ui/button';
import { idbStore, OUTBOX_CHANNEL } from '@/lib/offline/idb-store';
import {
  drain,
  enqueue,
  memoryStore,
  retry,
  type EntryOf,
  type OutboxEntry,
  type OutboxKind,
  type OutboxStore,
  type SendAnswer,
} from '@/lib/offline/outbox';

/** What a form hands the outbox: an entry of one kind, before it is kept. */
export type NewEntry = {
  [K in OutboxKind]: Pick<EntryOf<K>, 'clientId' | 'kind' | 'payload' | 'label' | 'href' | 'subject'>;
}[OutboxKind];

export type SubmitOutcome =
  | { status: 'sent'; answer: Extract<SendAnswer, { ok: true }> }
  | { status: 'queued'; signedOut: boolean }
  | { status: 'rejected'; answer: Extract<SendAnswer, { ok: false }> };

interface OutboxApi {
  userId: string;
  entries: OutboxEntry[];
  online: boolean;
  syncing: boolean;
  submit(entry: NewEntry): Promise<SubmitOutcome>;
  syncNow(): Promise<void>;
  discard(clientId: string): Promise<void>;
  sendAgain(clientId: string): Promise<void>;
}

const OutboxContext = createContext<OutboxApi | null>(null);

export function useOutbox(): OutboxApi {
  const api = useContext(OutboxContext);
  if (!api) throw new Error('useOutbox is used outside the tutor pages.');
  return api;
}

/** An answer that does not come within this time is treated as a lost connection. */
const SEND_TIMEOUT_MS = 30_000;
const RETRY_EVERY_MS = 20_000;

/**
 * Sends one entry to /api/sync (the same server action a form calls). Throws when no
 * answer came: offline, timed out, or the server failed; the entry then waits.
 */
async function send(entry: OutboxEntry): Promise<SendAnswer> {
  const response = await fetch('/api/sync', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: entry.kind, payload: entry.payload }),
    redirect: 'manual',
    cache: 'no-store',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  // The sign-in redirect: the session ended on this tablet.
  if (response.type === 'opaqueredirect' || response.status === 401)
    return { ok: false, message: 'Sign in again to send this entry.', retry: 'signed-out' };
  if (response.status >= 500) throw new Error(`The server answered ${response.status}.`);
  return (await response.json()) as SendAnswer;
}

/** One sync at a time across this browser's tabs (the server would cope; the list stays calm). */
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks)
    return navigator.locks.request('tutoring-outbox-sync', work) as unknown as Promise<T>;
  return work();
}

function subscribeOnline(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

export function OutboxProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const router = useRouter();
  const store = useRef<OutboxStore | null>(null);
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [syncing, setSyncing] = useState(false);
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );

  const getStore = useCallback((): OutboxStore => {
    store.current ??= typeof indexedDB === 'undefined' ? memoryStore() : idbStore;
    return store.current;
  }, []);

  const reload = useCallback(async () => {
    try {
      setEntries(await getStore().list());
    } catch {
      // IndexedDB unavailable (a locked-down browser): keep entries in memory for this visit.
      store.current = memoryStore();
    }
  }, [getStore]);

  const runDrain = useCallback(
    async (background = true) => {
      setSyncing(true);
      try {
        const report = await exclusively(() => drain(getStore(), userId, send));
        // A form that sent its own entry moves on by itself; a background sync refreshes the page.
        if (background && report.sent.length) {
          announce(
            report.sent.length === 1
              ? 'An entry saved on this tablet has been sent.'
              : `${report.sent.length} entries saved on this tablet have been sent.`,
          );
          router.refresh();
        }
        return report;
      } finally {
        setSyncing(false);
        setEntries(await getStore().list());
      }
    },
    [getStore, router, userId],
  );

  const submit = useCallback(
    async (entry: NewEntry): Promise<SubmitOutcome> => {
      const full: OutboxEntry = { ...entry, userId, createdAt: Date.now(), state: 'waiting', attempts: 0 };
      try {
        await enqueue(getStore(), full);
      } catch {
        store.current = memoryStore();
        await enqueue(store.current, full);
      }
      const report = await runDrain(false);
      const answer = report.answers[entry.clientId];
      if (answer?.ok) return { status: 'sent', answer };
      if (answer && !answer.ok && !answer.retry) {
        // The tutor is on the form: show the refusal there rather than in the list.
        await getStore().remove(entry.clientId);
        setEntries(await getStore().list());
        return { status: 'rejected', answer };
      }
      return { status: 'queued', signedOut: report.signedOut === true };
    },
    [getStore, runDrain, userId],
  );

  const syncNow = useCallback(async () => {
    await runDrain();
  }, [runDrain]);

  const discard = useCallback(
    async (clientId: string) => {
      await getStore().remove(clientId);
      setEntries(await getStore().list());
    },
    [getStore],
  );

  const sendAgain = useCallback(
    async (clientId: string) => {
      const entry = (await getStore().list()).find((e) => e.clientId === clientId);
      if (entry) await getStore().put(retry(entry));
      await runDrain();
    },
    [getStore, runDrain],
  );

  // Load the list, follow other tabs' changes, and send when the connection returns.
  useEffect(() => {
    void reload();
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
    if (channel) channel.onmessage = () => void getStore().list().then(setEntries);
    return () => channel?.close();
  }, [reload, getStore]);

  // Sends whenever something waits and the tablet is online: at once, every 20 s, and on return to the tab.
  const anyWaiting = entries.some((e) => e.userId === userId && e.state === 'waiting');
  useEffect(() => {
    if (!online || !anyWaiting) return;
    // Sending is the effect's work (the network is the outside system); it marks itself as syncing.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void runDrain();
    const timer = setInterval(() => void runDrain(), RETRY_EVERY_MS);
    const onVisible = () => document.visibilityState === 'visible' && void runDrain();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [online, anyWaiting, runDrain]);

  const api = useMemo<OutboxApi>(
    () => ({ userId, entries, online, syncing, submit, syncNow, discard, sendAgain }),
    [userId, entries, online, syncing, submit, syncNow, discard, sendAgain],
  );
  return <OutboxContext.Provider value={api}>{children}</OutboxContext.Provider>;
}

const timeFormat = new Intl.DateTimeFormat('en-US', {
  hour: 'numeric',
  minute: '2-digit',
  month: 'short',
  day: 'numeric',
});

/** What is waiting on this tablet and what needs the tutor; nothing when all is sent. */
export function OutboxPanel() {
  const { userId, entries, online, syncing, syncNow, discard, sendAgain } = useOutbox();
  const [confirming, setConfirming] = useState<string | null>(null);
  const mine = entries.filter((e) => e.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
  const waiting = mine.filter((e) => e.state === 'waiting');
  const rejected = mine.filter((e) => e.state === 'rejected');
  const others = entries.length - mine.length;
  if (online && mine.length === 0 && others === 0) return null;
  return (
    <section aria-label="Saved on this tablet" className="mb-6 flex flex-col gap-3">
      {!online ? (
        <p className="rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 font-medium text-slate-900">
          You are offline. What you log is kept on this tablet and sent when the connection returns.
        </p>
      ) : null}
      {waiting.length ? (
        <div className="rounded-lg border border-primary-200 bg-primary-50 p-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold text-primary-900">
              {waiting.length === 1 ? '1 entry waiting to sync' : `${waiting.length} entries waiting to sync`}
            </h2>
            <Button variant="secondary" onClick={() => void syncNow()} disabled={syncing} aria-disabled={syncing}>
              {syncing ? 'Sending…' : 'Sync now'}
            </Button>
          </div>
          <ul className="mt-2 flex flex-col gap-1" aria-label="Waiting to sync">
            {waiting.map((e) => (
              <li key={e.clientId} className="text-slate-800">
                {e.label} <span className="text-sm text-slate-700">· saved {timeFormat.format(e.createdAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {rejected.length ? (
        <div className="rounded-lg border border-danger-200 bg-danger-50 p-4" role="alert">
          <h2 className="text-lg font-semibold text-danger-700">
            {rejected.length === 1 ? '1 entry was not accepted' : `${rejected.length} entries were not accepted`}
          </h2>
          <ul className="mt-2 flex flex-col gap-3" aria-label="Not accepted">
            {rejected.map((e) => (
              <li key={e.clientId} className="rounded-md border border-danger-200 bg-white p-3">
                <p className="font-semibold">{e.label}</p>
                <p className="text-slate-800">{e.error}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Link
                    href={`${e.href}${e.href.includes('?') ? '&' : '?'}entry=${e.clientId}`}
                    className={buttonClasses({ variant: 'primary' })}
                  >
                    Fix<span className="sr-only"> {e.label}</span>
                  </Link>
                  <Button variant="secondary" onClick={() => void sendAgain(e.clientId)} disabled={syncing}>
                    Send again<span className="sr-only"> {e.label}</span>
                  </Button>
                  {confirming === e.clientId ? (
                    <>
                      <Button variant="danger" onClick={() => void discard(e.clientId).then(() => setConfirming(null))}>
                        Yes, discard it
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        Keep it
                      </Button>
                    </>
                  ) : (
                    <Button variant="ghost" onClick={() => setConfirming(e.clientId)}>
                      Discard<span className="sr-only"> {e.label}</span>
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {others ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-slate-800">
          {others === 1 ? '1 entry' : `${others} entries`} by another tutor on this tablet will be sent when they sign
          in again.
        </p>
      ) : null}
    </section>
  );
}

/** Beside a session on Today: its log is on this tablet, not yet on the server. */
export function PendingLogMark({ sessionId }: { sessionId: string }) {
  const { userId, entries } = useOutbox();
  const entry = entries.find((e) => e.userId === userId && e.kind === 'session-log' && e.subject === sessionId);
  if (!entry) return null;
  return entry.state === 'waiting' ? (
    <span className="rounded-full bg-primary-100 px-3 py-1 text-sm font-semibold text-primary-900">
      Waiting to sync
    </span>
  ) : (
    <span className="rounded-full bg-danger-50 px-3 py-1 text-sm font-semibold text-danger-800">Not accepted</span>
  );
}
