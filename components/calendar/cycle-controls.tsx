'use client';

import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { deleteCycleAction, updateCycleAction } from '@/lib/calendar/actions';

export interface CycleRow {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  groups: number;
}

export function EditCycleForm({ cycle }: { cycle: CycleRow }) {
  const form = useFormAction(updateCycleAction);
  const { result } = form.state;
  return (
    // A disclosure, not a hover control: the summary is a real button for keyboard and touch.
    <details>
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-md px-3 text-sm font-semibold text-primary-700 hover:bg-primary-50">
        Edit<span className="sr-only"> {cycle.name}</span>
      </summary>
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="mt-3 flex min-w-64 flex-col gap-3"
        aria-label={`Edit ${cycle.name}`}
      >
        <input type="hidden" name="cycleId" value={cycle.id} />
        <TextField
          label="Cycle name"
          name="name"
          maxLength={60}
          defaultValue={form.valueFor('name', cycle.name)}
          error={form.errorFor('name')}
        />
        <TextField
          label="Cycle start"
          name="startDate"
          type="date"
          defaultValue={form.valueFor('startDate', cycle.startDate)}
          error={form.errorFor('startDate')}
        />
        <TextField
          label="Cycle end"
          name="endDate"
          type="date"
          defaultValue={form.valueFor('endDate', cycle.endDate)}
          error={form.errorFor('endDate')}
        />
        {cycle.groups > 0 ? (
          <p className="text-sm text-slate-600">Every group&rsquo;s dates and sessions must stay inside the cycle.</p>
        ) : null}
        <div>
          <Button type="submit" variant="secondary" size="sm" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Saving…' : 'Save cycle'}
          </Button>
        </div>
        <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
        <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
      </form>
    </details>
  );
}

export function DeleteCycleButton({ cycle }: { cycle: CycleRow }) {
  const form = useFormAction(deleteCycleAction);
  const { result } = form.state;
  const reasonId = useId();
  const inUse = cycle.groups > 0;
  const confirmFirst = (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(`Delete ${cycle.name}? Days off on the calendar stay as they are.`)) event.preventDefault();
  };
  return (
    <form action={form.formAction} onSubmit={confirmFirst} aria-label={`Delete ${cycle.name}`}>
      <input type="hidden" name="cycleId" value={cycle.id} />
      <Button
        type="submit"
        variant="ghost"
        size="sm"
        disabled={inUse || form.pending}
        aria-disabled={inUse || form.pending}
        aria-describedby={inUse ? reasonId : undefined}
      >
        {form.pending ? 'Deleting…' : 'Delete'}
        <span className="sr-only"> {cycle.name}</span>
      </Button>
      {inUse ? (
        <p id={reasonId} className="text-sm text-slate-600">
          {cycle.groups === 1 ? '1 group uses' : `${cycle.groups} groups use`} this cycle, so it cannot be deleted.
        </p>
      ) : null}
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </form>
  );
}
