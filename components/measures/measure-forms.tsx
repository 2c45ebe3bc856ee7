'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { createMeasureAction, mergeMeasureAction, updateMeasureAction } from '@/lib/measures/actions';

export interface MeasureValues {
  id: string;
  name: string;
  subject: string;
  maxScore: string;
  benchmark: string;
  direction: string;
  active: boolean;
}

/** Adds a measure to the list, or corrects one (its new name follows to its groups and scores). */
export function MeasureForm({ measure }: { measure?: MeasureValues }) {
  const form = useFormAction(measure ? updateMeasureAction : createMeasureAction, {
    keepValuesOnSuccess: Boolean(measure),
  });
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      aria-label={measure ? `Edit ${measure.name}` : 'Add a measure'}
      className="flex flex-col gap-4"
    >
      {measure ? <input type="hidden" name="measureId" value={measure.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={120}
          defaultValue={form.valueFor('name', measure?.name)}
          error={form.errorFor('name')}
          hint='As tutors will see it, e.g. "Fraction equivalence /10".'
        />
        <SelectField
          label="Subject"
          name="subject"
          defaultValue={form.valueFor('subject', measure?.subject)}
          error={form.errorFor('subject')}
        >
          <option value="">Choose…</option>
          <option value="MATH">Math</option>
          <option value="ELA">ELA</option>
        </SelectField>
        <TextField
          label="Maximum score (optional)"
          name="maxScore"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          defaultValue={form.valueFor('maxScore', measure?.maxScore)}
          error={form.errorFor('maxScore')}
          hint="Blank for a rate with no ceiling, like words correct per minute."
        />
        <TextField
          label="Benchmark (optional)"
          name="benchmark"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          defaultValue={form.valueFor('benchmark', measure?.benchmark)}
          error={form.errorFor('benchmark')}
          hint="The score a student on grade level reaches."
        />
        <SelectField
          label="Which way is better"
          name="direction"
          defaultValue={form.valueFor('direction', measure?.direction)}
          error={form.errorFor('direction')}
        >
          <option value="">Choose…</option>
          <option value="HIGHER_IS_BETTER">Higher scores are better</option>
          <option value="LOWER_IS_BETTER">Lower scores are better (errors, seconds)</option>
        </SelectField>
        {measure ? (
          <SelectField
            label="Offered for new groups"
            name="active"
            defaultValue={form.valueFor('active', measure.active ? 'true' : 'false')}
            error={form.errorFor('active')}
            hint="A retired measure stays on the groups that use it."
          >
            <option value="true">Yes: on the list</option>
            <option value="false">No: retired</option>
          </SelectField>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : measure ? 'Save measure' : 'Add measure'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

/** Folds a measure into another: its groups and scores move, and it leaves the list. */
export function MergeMeasureForm({
  measure,
  others,
}: {
  measure: { id: string; name: string };
  others: { id: string; name: string }[];
}) {
  const router = useRouter();
  // Go to the list from inside the action: once merged, this measure's page is gone.
  const form = useFormAction(async (previous: unknown, data: FormData) => {
    const result = await mergeMeasureAction(previous, data);
    if (result.ok) router.push('/district/measures?merged=1');
    return result;
  });
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      aria-label={`Merge ${measure.name} into another measure`}
      className="flex flex-col gap-4"
    >
      <input type="hidden" name="measureId" value={measure.id} />
      <div className="max-w-xl">
        <SelectField
          label="Merge into"
          name="intoId"
          defaultValue={form.valueFor('intoId')}
          error={form.errorFor('intoId')}
          hint={`Every group on ${measure.name} and every score recorded on it moves to the measure you choose; ${measure.name} leaves the list.`}
        >
          <option value="">Choose a measure…</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Merging…' : 'Merge'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </form>
  );
}
