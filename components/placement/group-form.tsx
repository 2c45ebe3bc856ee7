'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import type { ActionResult } from '@/lib/actions/result';
import { createGroupAction, updateGroupAction } from '@/lib/placement/actions';
import { gradeLabel } from '@/lib/placement/rules';
import { RuleFeedback } from './rule-feedback';
import { WEEKDAY_NAMES } from '@/lib/dates';
import type { MeasureChoice } from '@/lib/measures/names';

export interface TutorOption {
  id: string;
  name: string;
  detail: string;
}

export interface CycleOption {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}

/** Every day the session generator accepts (ISO 1 = Monday … 7 = Sunday), so any group's schedule can be edited. */
const WEEKDAYS = WEEKDAY_NAMES.map((name, i) => [i + 1, name] as const);
const GRADES = Array.from({ length: 14 }, (_, i) => i - 1);
const MEETING_ROWS = 4;

export interface GroupPrefill {
  name?: string;
  subject?: string;
  gradeMin?: string;
  gradeMax?: string;
  tutorId?: string;
  days?: string[];
  start?: string;
}

/** An existing group being edited: its values, and what stays fixed. */
export interface GroupEditing {
  groupId: string;
  fixed: string;
  subject: string;
  startLocked: boolean;
  values: GroupPrefill & {
    targetSkill: string;
    probeMeasure: string;
    modality: string;
    room: string;
    startDate: string;
    endDate: string;
    starts: string[];
    minutes: string[];
  };
}

type GroupAction = (
  previous: unknown,
  form: FormData,
) => Promise<ActionResult<{ groupId: string; sessionsCreated: number }>>;

export function GroupForm({
  siteId,
  tutors,
  cycles,
  measures,
  defaultStartDate,
  prefill = {},
  editing,
}: {
  siteId: string;
  tutors: TutorOption[];
  cycles: CycleOption[];
  /** The district's measures a group may pick (active ones, and the group's own). */
  measures: MeasureChoice[];
  defaultStartDate: string;
  /** A suggested group opened for editing. */
  prefill?: GroupPrefill;
  editing?: GroupEditing;
}) {
  const router = useRouter();
  const action: GroupAction = editing ? updateGroupAction : createGroupAction;
  const form = useFormAction(action);
  const { result } = form.state;
  useEffect(() => {
    if (result?.ok)
      router.push(
        `/sites/${siteId}/groups/${result.data.groupId}?${editing ? 'updated' : 'created'}=${result.data.sessionsCreated}`,
      );
  }, [result, router, siteId, editing]);
  const [chosenSubject, setChosenSubject] = useState(form.valueFor('subject', prefill.subject ?? 'MATH'));
  if (editing) prefill = editing.values;
  const ev = editing?.values;
  const subject = editing ? editing.subject : chosenSubject;
  const offered = measures.filter((m) => m.subject === subject);
  const cycle = cycles[0];
  const days = prefill.days?.length ? prefill.days : ['1', '3', '5'];
  const start = prefill.start ?? '14:30';
  const weekdays = form.listFor('meetingWeekday', [...days, '', '', '', ''].slice(0, MEETING_ROWS));
  const starts = form.listFor(
    'meetingStart',
    [...(ev?.starts ?? days.map(() => start)), '', '', '', ''].slice(0, MEETING_ROWS),
  );
  const minutes = form.listFor(
    'meetingMinutes',
    [...(ev?.minutes ?? []), '30', '30', '30', '30'].slice(0, MEETING_ROWS),
  );
  const meetingErrors = form.errorFor('meetings');
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-6"
      aria-label={editing ? 'Edit group' : 'New group'}
    >
      {editing ? (
        <input type="hidden" name="groupId" value={editing.groupId} />
      ) : (
        <input type="hidden" name="siteId" value={siteId} />
      )}
      {editing ? <p className="text-slate-700">{editing.fixed}</p> : null}
      <div className="grid gap-5 md:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={80}
          defaultValue={form.valueFor('name', prefill.name)}
          error={form.errorFor('name')}
          hint='For example "Math 3A · fractions".'
        />
        {editing ? null : (
          <SelectField
            label="Subject"
            name="subject"
            defaultValue={chosenSubject}
            onChange={(e) => setChosenSubject(e.target.value)}
            error={form.errorFor('subject')}
          >
            <option value="MATH">Math</option>
            <option value="ELA">ELA</option>
          </SelectField>
        )}
        <SelectField
          label="Lowest grade"
          name="gradeMin"
          defaultValue={form.valueFor('gradeMin', prefill.gradeMin ?? '3')}
          error={form.errorFor('gradeMin')}
        >
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {gradeLabel(g)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Highest grade"
          name="gradeMax"
          defaultValue={form.valueFor('gradeMax', prefill.gradeMax ?? '3')}
          error={form.errorFor('gradeMax')}
        >
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {gradeLabel(g)}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Target skill"
          name="targetSkill"
          required
          maxLength={200}
          defaultValue={form.valueFor('targetSkill', ev?.targetSkill)}
          error={form.errorFor('targetSkill')}
          hint="What the group works on, e.g. fraction equivalence."
        />
        <SelectField
          key={subject}
          label="Probe measure"
          name="probeMeasure"
          required
          defaultValue={form.valueFor('probeMeasure', ev?.probeMeasure)}
          error={form.errorFor('probeMeasure')}
          hint="The check aligned to the skill, from the district's list, so every group's scores on it add up."
        >
          <option value="">Choose a measure…</option>
          {offered.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
              {m.detail ? ` · ${m.detail}` : ''}
            </option>
          ))}
        </SelectField>
        {editing ? null : (
          <SelectField
            label="Tutor"
            name="tutorId"
            defaultValue={form.valueFor('tutorId', prefill.tutorId)}
            error={form.errorFor('tutorId')}
          >
            <option value="">Choose a tutor…</option>
            {tutors.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} · {t.detail}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label="Modality"
          name="modality"
          defaultValue={form.valueFor('modality', ev?.modality ?? 'IN_SCHOOL_PULL_OUT')}
          error={form.errorFor('modality')}
        >
          <option value="IN_SCHOOL_PULL_OUT">In-school pull-out</option>
          <option value="PUSH_IN">Push-in</option>
          <option value="AFTER_SCHOOL">After school</option>
          <option value="VIRTUAL">Virtual</option>
        </SelectField>
        <TextField
          label="Room"
          name="room"
          maxLength={40}
          defaultValue={form.valueFor('room', ev?.room)}
          error={form.errorFor('room')}
        />
        {editing ? null : (
          <SelectField
            label="Cycle"
            name="cycleId"
            defaultValue={form.valueFor('cycleId', cycle?.id ?? '')}
            error={form.errorFor('cycleId')}
          >
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.startDate} to {c.endDate})
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label="Start date"
          name="startDate"
          type="date"
          required
          defaultValue={form.valueFor('startDate', ev?.startDate ?? defaultStartDate)}
          readOnly={editing?.startLocked}
          hint={editing?.startLocked ? 'The group has begun: its start date stays.' : undefined}
          error={form.errorFor('startDate')}
        />
        <TextField
          label="End date"
          name="endDate"
          type="date"
          required
          defaultValue={form.valueFor('endDate', ev?.endDate ?? cycle?.endDate ?? '')}
          error={form.errorFor('endDate')}
        />
      </div>
      <fieldset className="flex flex-col gap-3" aria-describedby={meetingErrors ? 'meetings-error' : undefined}>
        <legend className="mb-1 font-medium">Weekly meetings</legend>
        <p className="text-sm text-slate-600">
          The program standard is at least 3 meetings of 30 minutes a week. Leave a row&apos;s day blank to skip it.
        </p>
        {meetingErrors ? (
          <p id="meetings-error" className="text-sm font-medium text-danger-700">
            <span className="sr-only">Error: </span>
            {meetingErrors.join(' ')}
          </p>
        ) : null}
        {Array.from({ length: MEETING_ROWS }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-3">
            <SelectField label={`Meeting ${i + 1} day`} name="meetingWeekday" defaultValue={weekdays[i] ?? ''}>
              <option value="">No meeting</option>
              {WEEKDAYS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <TextField
              label={`Meeting ${i + 1} start`}
              name="meetingStart"
              type="time"
              step={300}
              defaultValue={starts[i] ?? ''}
            />
            <TextField
              label={`Meeting ${i + 1} minutes`}
              name="meetingMinutes"
              type="number"
              min={10}
              max={120}
              inputMode="numeric"
              defaultValue={minutes[i] ?? '30'}
            />
          </div>
        ))}
      </fieldset>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      {result && !result.ok && result.fieldErrors?.rules ? (
        <ul className="list-disc pl-5 text-sm text-danger-800">
          {result.fieldErrors.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <RuleFeedback result={result} confirmLabel={editing ? 'Save anyway' : 'Create the group anyway'} />
      <div>
        <Button type="submit" size="lg" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending
            ? editing
              ? 'Saving and updating sessions…'
              : 'Creating the group and its sessions…'
            : editing
              ? 'Save changes'
              : 'Create group'}
        </Button>
      </div>
    </form>
  );
}
