'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { MeasureChoice } from '@/lib/measures/names';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { acceptSuggestionAction } from '@/lib/placement/suggestion-actions';
import { RuleFeedback } from './rule-feedback';

export interface SuggestionView {
  key: string;
  name: string;
  subject: 'MATH' | 'ELA';
  gradeMin: number;
  gradeMax: number;
  tutorId: string;
  tutorName: string;
  meetings: { weekday: number; startMinute: number; plannedMinutes: number }[];
  students: { id: string; name: string; detail: string }[];
  explanation: string;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** One suggestion: accept it as it stands, open it in the group form to edit, or set it aside. */
export function SuggestionCard({
  suggestion,
  siteId,
  cycleId,
  startDate,
  endDate,
  measures,
}: {
  suggestion: SuggestionView;
  siteId: string;
  cycleId: string;
  startDate: string;
  endDate: string;
  /** The district's active measures; the card offers its subject's. */
  measures: MeasureChoice[];
}) {
  const router = useRouter();
  const [discarded, setDiscarded] = useState(false);
  // Go to the new group from inside the action: once accepted, this suggestion leaves
  // the page (the refreshed list no longer has it), and an effect here would never run.
  const form = useFormAction(async (previous: unknown, data: FormData) => {
    const result = await acceptSuggestionAction(previous, data);
    if (result.ok) router.push(`/sites/${siteId}/groups/${result.data.groupId}`);
    return result;
  });
  const { result } = form.state;
  const headingId = `suggestion-${suggestion.key.slice(0, 8)}`;
  if (discarded) {
    return (
      <li className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700">
        <span>{suggestion.name} set aside.</span>
        <Button variant="ghost" onClick={() => setDiscarded(false)}>
          Undo
        </Button>
      </li>
    );
  }
  const edit = new URLSearchParams({
    name: suggestion.name,
    subject: suggestion.subject,
    gradeMin: String(suggestion.gradeMin),
    gradeMax: String(suggestion.gradeMax),
    tutorId: suggestion.tutorId,
    days: suggestion.meetings.map((m) => m.weekday).join(','),
    start: hhmm(suggestion.meetings[0]?.startMinute ?? 0),
  });
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">
        {suggestion.name}
      </h2>
      <p className="mt-1 text-slate-700">{suggestion.explanation}</p>
      <ul className="mt-3 flex flex-col gap-1">
        {suggestion.students.map((s) => (
          <li key={s.id}>
            <span className="font-medium">{s.name}</span> <span className="text-sm text-slate-600">{s.detail}</span>
          </li>
        ))}
      </ul>
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="mt-4 flex flex-col gap-3"
        aria-label={`Accept ${suggestion.name}`}
      >
        {Object.entries({
          siteId,
          cycleId,
          tutorId: suggestion.tutorId,
          name: suggestion.name,
          subject: suggestion.subject,
          gradeMin: suggestion.gradeMin,
          gradeMax: suggestion.gradeMax,
          modality: 'IN_SCHOOL_PULL_OUT',
          endDate,
        }).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={String(v)} />
        ))}
        {suggestion.meetings.map((m) => (
          <span key={m.weekday} hidden>
            <input type="hidden" name="meetingWeekday" value={m.weekday} />
            <input type="hidden" name="meetingStart" value={hhmm(m.startMinute)} />
            <input type="hidden" name="meetingMinutes" value={m.plannedMinutes} />
          </span>
        ))}
        {suggestion.students.map((s) => (
          <input key={s.id} type="hidden" name="studentIds" value={s.id} />
        ))}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextField
            label="Target skill"
            name="targetSkill"
            required
            maxLength={200}
            defaultValue={form.valueFor('targetSkill')}
            error={form.errorFor('targetSkill')}
          />
          <SelectField
            label="Probe measure"
            name="probeMeasure"
            required
            defaultValue={form.valueFor('probeMeasure')}
            error={form.errorFor('probeMeasure')}
          >
            <option value="">Choose a measure…</option>
            {measures
              .filter((m) => m.subject === suggestion.subject)
              .map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                  {m.detail ? ` · ${m.detail}` : ''}
                </option>
              ))}
          </SelectField>
          <TextField
            label="Room"
            name="room"
            maxLength={40}
            defaultValue={form.valueFor('room')}
            error={form.errorFor('room')}
          />
          <TextField
            label="First day"
            name="startDate"
            type="date"
            defaultValue={form.valueFor('startDate', startDate)}
            error={form.errorFor('startDate')}
          />
        </div>
        <RuleFeedback result={result} confirmLabel="Create it anyway" />
        <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Creating the group…' : 'Accept and place these students'}
          </Button>
          <ButtonLink href={`/sites/${siteId}/groups/new?${edit.toString()}`} variant="secondary">
            Edit in the group form
          </ButtonLink>
          <Button variant="ghost" onClick={() => setDiscarded(true)}>
            Set aside
          </Button>
        </div>
      </form>
    </li>
  );
}
