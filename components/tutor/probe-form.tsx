'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, useTransition } from 'react';
import { announce } from '@/components/ui/announcer';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useOutbox } from '@/components/tutor/outbox';
import type { ProbeResult } from '@/lib/entries/probe-actions';
import type { EntryOf, OutboxPayloads } from '@/lib/offline/outbox';

type Kind = 'PRE' | 'PROGRESS' | 'POST';

/** What this form sends: the probe action's input (the compiler checks it against the schema), fields as typed. */
type ProbePayload = OutboxPayloads['probes'] & {
  maxScore: string;
  scores: { studentId: string; score: string }[];
};

/** A kept entry's field as the form shows it (the entry was written by this form, as text). */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * Scores for the whole group at once; leave a student blank to skip them. Entries go
 * through the tablet's outbox, like session logs.
 */
export function ProbeForm({
  groupId,
  groupName,
  measure,
  today,
  students,
}: {
  groupId: string;
  groupName: string;
  measure: string;
  today: string;
  students: { id: string; name: string }[];
}) {
  const router = useRouter();
  const outbox = useOutbox();
  const fixing = useSearchParams().get('entry');
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<Kind>('PROGRESS');
  const [date, setDate] = useState(today);
  const [maxScore, setMaxScore] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  // A refused entry the tutor came to fix: open it with what they entered.
  const fixEntry = outbox.entries.find(
    (e): e is EntryOf<'probes'> =>
      e.clientId === fixing && e.kind === 'probes' && e.subject === groupId && e.state === 'rejected',
  );
  // Read once, while rendering: the entry can arrive after the first render, when the outbox has read IndexedDB.
  const [loaded, setLoaded] = useState(false);
  if (!loaded && fixEntry) {
    setLoaded(true);
    const p = fixEntry.payload;
    setKind(p.kind);
    setDate(p.administeredOn);
    setMaxScore(asText(p.maxScore));
    setScores(Object.fromEntries(p.scores.map((s) => [s.studentId, asText(s.score)])));
    setError(fixEntry.error ?? 'These scores were not accepted.');
  }
  const waiting = outbox.entries.filter(
    (e) => e.userId === outbox.userId && e.kind === 'probes' && e.subject === groupId && e.state === 'waiting',
  ).length;

  return (
    <form
      aria-label={`Enter ${measure} scores`}
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setKept(null);
        const payload: ProbePayload = {
          groupId,
          clientId,
          kind,
          administeredOn: date,
          maxScore,
          scores: students.map((s) => ({ studentId: s.id, score: scores[s.id] ?? '' })),
        };
        const entered = students.filter((s) => (scores[s.id] ?? '').trim() !== '').length;
        startTransition(async () => {
          const replacing = fixEntry?.clientId ?? null;
          const outcome = await outbox.submit({
            clientId,
            kind: 'probes',
            subject: groupId,
            payload,
            label: `${entered} ${kind.toLowerCase()} score${entered === 1 ? '' : 's'} · ${groupName} · ${date}`,
            href: `/tutor/groups/${groupId}/probes`,
          });
          if (outcome.status === 'rejected') {
            const { message, fieldErrors } = outcome.answer;
            setError(
              [message, ...Object.values(fieldErrors ?? {}).flat()]
                .filter((m, i, all) => all.indexOf(m) === i)
                .join(' '),
            );
            return;
          }
          if (replacing) await outbox.discard(replacing);
          setScores({});
          setClientId(crypto.randomUUID());
          if (outcome.status === 'sent') {
            announce((outcome.answer.data as ProbeResult).message);
            router.refresh();
          } else {
            const message = outcome.signedOut
              ? 'Scores saved on this tablet. Sign in again to send them.'
              : 'Scores saved on this tablet. They will be sent when the connection returns.';
            setKept(message);
            announce(message);
          }
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="PRE">Pre</option>
          <option value="PROGRESS">Progress</option>
          <option value="POST">Post</option>
        </SelectField>
        <TextField label="Date" type="date" value={date} max={today} onChange={(e) => setDate(e.target.value)} />
        <TextField
          label="Out of (optional)"
          type="number"
          inputMode="decimal"
          min={1}
          value={maxScore}
          onChange={(e) => setMaxScore(e.target.value)}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {students.map((s) => (
          <TextField
            key={s.id}
            label={`Score for ${s.name}`}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={scores[s.id] ?? ''}
            onChange={(e) => setScores({ ...scores, [s.id]: e.target.value })}
          />
        ))}
      </div>
      <FormMessage tone="error" message={error} />
      {kept && waiting ? (
        <p className="rounded-md border border-primary-200 bg-primary-50 px-4 py-3 font-medium text-primary-900">
          {kept}
        </p>
      ) : null}
      <div>
        <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
          {pending ? 'Saving…' : 'Save scores'}
        </Button>
      </div>
    </form>
  );
}
