'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { announce } from '@/components/ui/announcer';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { recordProbesAction } from '@/lib/logging/probe-actions';

/** Scores for the whole group at once; leave a student blank to skip them. */
export function ProbeForm({ groupId, measure, today, students }: { groupId: string; measure: string; today: string; students: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<'PRE' | 'PROGRESS' | 'POST'>('PROGRESS');
  const [date, setDate] = useState(today);
  const [maxScore, setMaxScore] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label={`Enter ${measure} scores`}
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await recordProbesAction(null, {
            groupId,
            clientId,
            kind,
            administeredOn: date,
            maxScore,
            scores: students.map((s) => ({ studentId: s.id, score: scores[s.id] ?? '' })),
          });
          if (result.ok) {
            announce(result.data.message);
            setScores({});
            setClientId(crypto.randomUUID());
            router.refresh();
          } else {
            setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].filter((m, i, all) => all.indexOf(m) === i).join(' '));
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
        <TextField label="Out of (optional)" type="number" inputMode="decimal" min={1} value={maxScore} onChange={(e) => setMaxScore(e.target.value)} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {students.map((s) => (
          <TextField key={s.id} label={`Score for ${s.name}`} type="number" inputMode="decimal" min={0} step="any" value={scores[s.id] ?? ''} onChange={(e) => setScores({ ...scores, [s.id]: e.target.value })} />
        ))}
      </div>
      <FormMessage tone="error" message={error} />
      <div>
        <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
          {pending ? 'Saving…' : 'Save scores'}
        </Button>
      </div>
    </form>
  );
}
