'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { assignSubstituteAction, reassignTutorAction } from '@/lib/placement/staffing-actions';
import { RuleFeedback } from './rule-feedback';

export interface StaffOption {
  id: string;
  name: string;
}

/** A substitute for one date (first = last) or a range; blank hands the sessions back. */
export function SubstituteForm({
  groupId,
  tutors,
  defaultDate,
}: {
  groupId: string;
  tutors: StaffOption[];
  defaultDate: string;
}) {
  const form = useFormAction(assignSubstituteAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-3"
      aria-label="Assign a substitute"
    >
      <input type="hidden" name="groupId" value={groupId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Substitute"
          name="tutorId"
          defaultValue={form.valueFor('tutorId')}
          error={form.errorFor('tutorId')}
        >
          <option value="">No substitute (the group&apos;s tutor)</option>
          {tutors.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="From"
          name="fromDate"
          type="date"
          defaultValue={form.valueFor('fromDate', defaultDate)}
          error={form.errorFor('fromDate')}
        />
        <TextField
          label="To"
          name="toDate"
          type="date"
          defaultValue={form.valueFor('toDate')}
          error={form.errorFor('toDate')}
          hint="Leave empty for one day."
        />
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Assign substitute'}
        </Button>
      </div>
      <RuleFeedback result={result} confirmLabel="Assign the substitute anyway" />
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

/** Hands the whole group to another tutor (a tutor who leaves, a rebalanced load). */
export function ReassignTutorForm({ groupId, tutors }: { groupId: string; tutors: StaffOption[] }) {
  const form = useFormAction(reassignTutorAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-3"
      aria-label="Change the group's tutor"
    >
      <input type="hidden" name="groupId" value={groupId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <SelectField
            label="New tutor for the group"
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
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Change tutor'}
        </Button>
      </div>
      <RuleFeedback result={result} confirmLabel="Change the tutor anyway" />
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
