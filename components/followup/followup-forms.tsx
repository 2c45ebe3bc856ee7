'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { recordFollowUpAction, scheduleMakeupAction } from '@/lib/followup/actions';
import { FOLLOW_UP_ACTIONS, followUpActionLabels } from '@/lib/followup/labels';

/** What was done about one flag, for a student or a group. */
export function RecordFollowUpForm({
  siteId,
  studentId,
  groupId,
  flag,
  label,
}: {
  siteId: string;
  studentId?: string;
  groupId?: string;
  flag: string;
  label: string;
}) {
  const form = useFormAction(recordFollowUpAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-2"
      aria-label={`Record a follow-up for ${label}`}
    >
      <input type="hidden" name="siteId" value={siteId} />
      {studentId ? <input type="hidden" name="studentId" value={studentId} /> : null}
      {groupId ? <input type="hidden" name="groupId" value={groupId} /> : null}
      <input type="hidden" name="flag" value={flag} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48">
          <SelectField
            label="Follow-up taken"
            name="action"
            defaultValue={form.valueFor('action', '')}
            error={form.errorFor('action')}
          >
            {/* Nothing is recorded until the coordinator says what was done. */}
            <option value="">Choose what was done</option>
            {FOLLOW_UP_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {followUpActionLabels[a]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="min-w-48 flex-1">
          <TextField
            label="Note"
            name="note"
            maxLength={1000}
            defaultValue={form.valueFor('note')}
            error={form.errorFor('note')}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Record'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

export function MakeupForm({
  sessionId,
  label,
  defaultDate,
  defaultTime,
}: {
  sessionId: string;
  label: string;
  defaultDate: string;
  defaultTime: string;
}) {
  const form = useFormAction(scheduleMakeupAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-2"
      aria-label={`Schedule a make-up for ${label}`}
    >
      <input type="hidden" name="sessionId" value={sessionId} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-44">
          <TextField
            label="Make-up date"
            name="date"
            type="date"
            defaultValue={form.valueFor('date', defaultDate)}
            error={form.errorFor('date')}
          />
        </div>
        <div className="w-36">
          <TextField
            label="Start"
            name="startTime"
            type="time"
            step={300}
            defaultValue={form.valueFor('startTime', defaultTime)}
            error={form.errorFor('startTime')}
          />
        </div>
        <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Scheduling…' : 'Schedule make-up'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
