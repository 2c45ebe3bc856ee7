'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { updateSettingsAction } from '@/lib/settings/actions';
import { DISTRICT_NAME_HINT, SETTINGS_SECTIONS, TIME_ZONE_HINT, type SettingsValues } from '@/lib/settings/fields';

export interface SettingsFormProps {
  values: SettingsValues;
  /** ISO time of the last save, or null before the first. */
  updatedAt: string | null;
  timeZones: string[];
}

export function SettingsForm({ values, updatedAt, timeZones }: SettingsFormProps) {
  const form = useFormAction(updateSettingsAction, { keepValuesOnSuccess: true });
  const { result } = form.state;
  const loadedUpdatedAt = result?.ok ? result.data.updatedAt : updatedAt;
  const saved = result?.ok
    ? result.data.changed.length === 0
      ? 'Nothing had changed, so nothing was saved.'
      : `Saved. ${result.data.changed.length} ${result.data.changed.length === 1 ? 'setting' : 'settings'} changed; the change is in the audit log.`
    : null;
  return (
    <div className="flex flex-col gap-4">
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="flex flex-col gap-8"
        aria-label="District settings"
      >
        <input type="hidden" name="loadedUpdatedAt" value={loadedUpdatedAt ?? ''} />
        <section aria-labelledby="settings-district" className="flex flex-col gap-4">
          <h2 id="settings-district" className="text-lg font-semibold">
            District
          </h2>
          <div className="grid gap-5 md:grid-cols-2">
            <TextField
              label="District name"
              name="districtName"
              required
              maxLength={120}
              defaultValue={form.valueFor('districtName', values.districtName)}
              error={form.errorFor('districtName')}
              hint={DISTRICT_NAME_HINT}
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              defaultValue={form.valueFor('timeZone', values.timeZone)}
              error={form.errorFor('timeZone')}
              hint={TIME_ZONE_HINT}
            >
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </SelectField>
          </div>
        </section>
        {SETTINGS_SECTIONS.map((section) => (
          <section
            key={section.title}
            aria-labelledby={`settings-${section.fields[0]!.name}`}
            className="flex flex-col gap-4"
          >
            <div>
              <h2 id={`settings-${section.fields[0]!.name}`} className="text-lg font-semibold">
                {section.title}
              </h2>
              <p className="text-sm text-slate-600">{section.description}</p>
            </div>
            <div className="grid gap-5 md:grid-cols-2">
              {section.fields.map((field) => (
                <TextField
                  key={field.name}
                  label={`${field.label} (${field.unit})`}
                  name={field.name}
                  type="number"
                  inputMode="numeric"
                  required
                  min={field.min}
                  max={field.max}
                  step={1}
                  defaultValue={form.valueFor(field.name, String(values[field.name]))}
                  error={form.errorFor(field.name)}
                  hint={`${field.hint} Allowed: ${field.min}–${field.max}.`}
                />
              ))}
            </div>
          </section>
        ))}
        <div>
          <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={saved} />
    </div>
  );
}
