'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useOutboxForm } from '@/components/tutor/use-outbox-form';
import type { OutboxPayloads } from '@/lib/offline/outbox';

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
  maxScore: fixedMax,
  today,
  students,
}: {
  groupId: string;
  groupName: string;
  measure: string;
  /** The maximum the district's list sets for the measure; the tutor gives one only when it sets none. */
  maxScore: number | null;
  today: string;
  students: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>('PROGRESS');
  const [date, setDate] = useState(today);
  const [maxScore, setMaxScore] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const form = useOutboxForm({
    kind: 'probes',
    subject: groupId,
    // A refused entry the tutor came to fix opens with what they entered.
    load: ({ payload: p }) => {
      setKind(p.kind);
      setDate(p.administeredOn);
      setMaxScore(asText(p.maxScore));
      setScores(Object.fromEntries(p.scores.map((s) => [s.studentId, asText(s.score)])));
    },
    refusedMessage: 'These scores were not accepted.',
    keptMessages: {
      offline: 'Scores saved on this tablet. They will be sent when the connection returns.',
      signedOut: 'Scores saved on this tablet. Sign in again to send them.',
    },
  });
  // Scores are a list: the server's reasons are said together, under the form.
  const error = form.error
    ? [form.error, ...Object.values(form.fieldErrors).flat()].filter((m, i, all) => all.indexOf(m) === i).join(' ')
    : null;

  return (
    <form
      id={form.formId}
      aria-label={`Enter ${measure} scores`}
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const payload: ProbePayload = {
          groupId,
          clientId: form.clientId,
          kind,
          administeredOn: date,
          maxScore,
          scores: students.map((s) => ({ studentId: s.id, score: scores[s.id] ?? '' })),
        };
        const entered = students.filter((s) => (scores[s.id] ?? '').trim() !== '').length;
        form.send({
          payload,
          label: `${entered} ${kind.toLowerCase()} score${entered === 1 ? '' : 's'} · ${groupName} · ${date}`,
          href: `/tutor/groups/${groupId}/probes`,
          saved: () => setScores({}),
          sent: () => router.refresh(),
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
        {fixedMax === null ? (
          <TextField
            label="Out of (optional)"
            type="number"
            inputMode="decimal"
            min={1}
            value={maxScore}
            onChange={(e) => setMaxScore(e.target.value)}
          />
        ) : (
          <p className="self-end pb-3 text-slate-700">Out of {fixedMax}, as the district&apos;s measure sets.</p>
        )}
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
      {form.kept && form.waiting ? (
        <p className="rounded-md border border-primary-200 bg-primary-50 px-4 py-3 font-medium text-primary-900">
          {form.kept}
        </p>
      ) : null}
      <div>
        <Button type="submit" size="lg" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Save scores'}
        </Button>
      </div>
    </form>
  );
}
