'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { recordAbsenceAction } from '@/lib/placement/absence-actions';

/** Records a tutor out: absent for a day (the last day left blank) or on leave for longer. */
export function AbsenceForm({
  siteId,
  tutors,
  today,
}: {
  siteId: string;
  tutors: { id: string; name: string }[];
  today: string;
}) {
  const form = useFormAction(recordAbsenceAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      aria-label="Record a tutor out"
      className="flex flex-col gap-4"
    >
      <input type="hidden" name="siteId" value={siteId} />
      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-56">
          <SelectField
            label="Tutor"
            name="tutorId"
            defaultValue={form.valueFor('tutorId')}
            error={form.errorFor('tutorId')}
          >
            <option value="">Choose a tutor…</option>
            {tutors.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="min-w-40">
          <SelectField
            label="Out because"
            name="kind"
            defaultValue={form.valueFor('kind')}
            error={form.errorFor('kind')}
          >
            <option value="">Choose…</option>
            <option value="ABSENT">Absent</option>
            <option value="LEAVE">On leave</option>
          </SelectField>
        </div>
        <div className="w-44">
          <TextField
            label="First day"
            name="startDate"
            type="date"
            defaultValue={form.valueFor('startDate', today)}
            error={form.errorFor('startDate')}
          />
        </div>
        <div className="w-44">
          <TextField
            label="Last day"
            name="endDate"
            type="date"
            defaultValue={form.valueFor('endDate')}
            error={form.errorFor('endDate')}
            hint="Blank: one day."
          />
        </div>
      </div>
      <div className="max-w-prose">
        <TextField
          label="Note (optional)"
          name="note"
          defaultValue={form.valueFor('note')}
          error={form.errorFor('note')}
        />
      </div>
      <div>
        <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Record'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
