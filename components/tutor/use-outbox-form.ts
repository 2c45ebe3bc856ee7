'use client';

// What a tablet form that writes through the outbox needs, once: an entry id kept
// across double taps, the entry it reopens (refused and being fixed, or still waiting),
// sending through the outbox, and what the tutor is told — sent, kept on the tablet
// (offline or signed out), or refused with the server's reasons. The session-log and
// probe forms use it; each keeps only its own fields.

import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, useTransition } from 'react';
import { announce } from '@/components/ui/announcer';
import { useOutbox, type NewEntry } from '@/components/tutor/outbox';
import type { OutboxEntry, OutboxKind, OutboxPayloads, OutboxResults } from '@/lib/offline/outbox';

/** A kept entry of kind K (written so the compiler can see it is an OutboxEntry). */
export type KeptEntry<K extends OutboxKind> = Extract<OutboxEntry, { kind: K }>;

export interface OutboxFormOptions<K extends OutboxKind> {
  kind: K;
  /** The session or group the entry is about. */
  subject: string;
  /** Also reopen this subject's entry still waiting to sync (saving again replaces it). */
  reopenWaiting?: boolean;
  /** Fills the form from a kept entry: called once, while rendering, as soon as the outbox has read it. */
  load(entry: KeptEntry<K>): void;
  /** Said when an entry was refused without a reason of its own. */
  refusedMessage: string;
  /** Said when a reopened entry is still waiting. */
  waitingMessage?: string;
  /** Said when the entry stays on the tablet. */
  keptMessages: { offline: string; signedOut: string };
}

export interface OutboxSend<K extends OutboxKind> {
  payload: OutboxPayloads[K];
  label: string;
  href: string;
  /** After the entry is saved (sent or kept), e.g. to clear the form. */
  saved?(): void;
  /** After the server recorded it. */
  sent(result: OutboxResults[K]): void;
}

const newClientId = () => crypto.randomUUID();

export function useOutboxForm<K extends OutboxKind>(options: OutboxFormOptions<K>) {
  const { kind, subject, reopenWaiting = false } = options;
  const outbox = useOutbox();
  const fixing = useSearchParams().get('entry');
  const [pending, startTransition] = useTransition();
  // One id per entry: a second tap while the first is on its way is the same entry.
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [kept, setKept] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  // The form carries this id (<form id={formId}>): after a refusal, focus moves to its first invalid field.
  const formId = useId();
  useEffect(() => {
    if (error) document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, fieldErrors, formId]);

  const ofThisForm = (e: OutboxEntry): e is KeptEntry<K> =>
    e.userId === outbox.userId && e.kind === kind && e.subject === subject;
  const entry = outbox.entries.find(
    // The entry the tutor came to fix while it is refused (a waiting one only where waiting
    // entries reopen: saving would otherwise keep both, and send both).
    (e): e is KeptEntry<K> =>
      ofThisForm(e) &&
      ((e.clientId === fixing && (reopenWaiting || e.state === 'rejected')) ||
        (reopenWaiting && e.state === 'waiting')),
  );
  const waiting = outbox.entries.filter((e) => ofThisForm(e) && e.state === 'waiting').length;

  // Read once, while rendering (React's way to adjust state to new props): the entry
  // can arrive after the first render, when the outbox has read IndexedDB.
  if (!loaded && entry) {
    setLoaded(true);
    options.load(entry);
    if (entry.state === 'rejected') {
      setError(entry.error ?? options.refusedMessage);
      setFieldErrors(entry.fieldErrors ?? {});
    } else if (options.waitingMessage) {
      setKept(options.waitingMessage);
    }
  }

  function send(request: OutboxSend<K>) {
    setError(null);
    setKept(null);
    startTransition(async () => {
      const replacing = entry?.state === 'rejected' ? entry.clientId : null;
      // The compiler cannot narrow a generic kind to its member of the NewEntry union;
      // kind and payload come from the same K, so the pair is one of its members.
      const newEntry = { clientId, kind, subject, payload: request.payload, label: request.label, href: request.href };
      const outcome = await outbox.submit(newEntry as NewEntry);
      if (outcome.status === 'rejected') {
        setError(outcome.answer.message);
        setFieldErrors(outcome.answer.fieldErrors ?? {});
        return;
      }
      if (replacing) await outbox.discard(replacing);
      setClientId(newClientId());
      setFieldErrors({});
      request.saved?.();
      if (outcome.status === 'sent') {
        const result = outcome.answer.data as OutboxResults[K];
        announce(result.message);
        request.sent(result);
      } else {
        const message = outcome.signedOut ? options.keptMessages.signedOut : options.keptMessages.offline;
        setKept(message);
        announce(message);
      }
    });
  }

  return { clientId, formId, pending, error, fieldErrors, kept, waiting, entry, send };
}
