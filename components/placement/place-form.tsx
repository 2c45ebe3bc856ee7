'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { placeStudentAction } from '@/lib/placement/actions';
import { RuleFeedback } from './rule-feedback';

export interface GroupOption {
  id: string;
  label: string;
}

/** Places one student: in a chosen group (waitlist) or in a fixed one (group page). */
export function PlaceForm({
  studentId,
  studentName,
  groups,
  groupId,
  defaultStartDate,
  issues = [],
}: {
  studentId: string;
  studentName: string;
  groups?: GroupOption[];
  groupId?: string;
  defaultStartDate: string;
  /** What the page already knows will block this placement, shown before any click. */
  issues?: string[];
}) {
  const form = useFormAction(placeStudentAction, { keepValuesOnSuccess: true });
  const { result } = form.state;
  const blocked = issues.length > 0;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-3"
      aria-label={`Place ${studentName}`}
    >
      <input type="hidden" name="studentId" value={studentId} />
      {groupId ? <input type="hidden" name="groupId" value={groupId} /> : null}
      <div className="flex flex-wrap items-end gap-3">
        {groups ? (
          <div className="min-w-56 flex-1">
            <SelectField
              label={`Group for ${studentName}`}
              name="groupId"
              defaultValue={form.valueFor('groupId')}
              error={form.errorFor('groupId')}
            >
              <option value="">Choose a group…</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.label}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
        <div className="w-44">
          <TextField
            label="First day"
            name="startDate"
            type="date"
            required
            defaultValue={form.valueFor('startDate', defaultStartDate)}
            error={form.errorFor('startDate')}
          />
        </div>
        <Button type="submit" disabled={form.pending || blocked} aria-disabled={form.pending || blocked}>
          {form.pending ? 'Placing…' : `Place ${studentName.split(' ')[0]}`}
        </Button>
      </div>
      {blocked ? (
        <ul className="list-disc pl-5 text-sm text-danger-800">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
      <RuleFeedback result={result} confirmLabel={`Place ${studentName} anyway`} />
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
