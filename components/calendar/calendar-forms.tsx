'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { addNoSchoolAction, createCycleAction, removeNoSchoolAction } from '@/lib/calendar/actions';
import { NO_SCHOOL_KINDS, noSchoolKindLabels } from '@/lib/calendar/labels';

export function CycleForm() {
  const form = useFormAction(createCycleAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Add a cycle"
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Cycle name"
          name="name"
          maxLength={60}
          defaultValue={form.valueFor('name')}
          error={form.errorFor('name')}
          hint='e.g. "Spring 2027".'
        />
        <TextField
          label="Cycle start"
          name="startDate"
          type="date"
          defaultValue={form.valueFor('startDate')}
          error={form.errorFor('startDate')}
        />
        <TextField
          label="Cycle end"
          name="endDate"
          type="date"
          defaultValue={form.valueFor('endDate')}
          error={form.errorFor('endDate')}
        />
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Adding…' : 'Add cycle'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

export function NoSchoolForm({ sites }: { sites: { id: string; name: string }[] }) {
  const form = useFormAction(addNoSchoolAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Add days off"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          label="First day off"
          name="startDate"
          type="date"
          defaultValue={form.valueFor('startDate')}
          error={form.errorFor('startDate')}
        />
        <TextField
          label="Last day off"
          name="endDate"
          type="date"
          defaultValue={form.valueFor('endDate')}
          error={form.errorFor('endDate')}
          hint="Leave blank for a single day."
        />
        <TextField
          label="Name"
          name="name"
          maxLength={80}
          defaultValue={form.valueFor('name')}
          error={form.errorFor('name')}
          hint='e.g. "Thanksgiving break".'
        />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={form.valueFor('kind', 'HOLIDAY')}
          error={form.errorFor('kind')}
        >
          {NO_SCHOOL_KINDS.map((k) => (
            <option key={k} value={k}>
              {noSchoolKindLabels[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Where" name="siteId" defaultValue={form.valueFor('siteId')} error={form.errorFor('siteId')}>
          <option value="">Every site</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} only
            </option>
          ))}
        </SelectField>
      </div>
      <p className="text-sm text-slate-600">
        Unlogged sessions on these days come off the calendar from today on; logged sessions stay as recorded.
      </p>
      <div>
        <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Updating every affected group…' : 'Add days off'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

export function RemoveNoSchoolButton({ id, label }: { id: string; label: string }) {
  const form = useFormAction(removeNoSchoolAction);
  const { result } = form.state;
  return (
    <form action={form.formAction} aria-label={`Make ${label} a school day`}>
      <input type="hidden" name="noSchoolDayId" value={id} />
      <Button type="submit" variant="ghost" size="sm" disabled={form.pending} aria-disabled={form.pending}>
        {form.pending ? 'Removing…' : 'Make it a school day'}
      </Button>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </form>
  );
}
