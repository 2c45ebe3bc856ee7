'use client';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { updateNotificationsAction } from '@/lib/notify/actions';
import { notificationChoices, type NotificationField } from '@/lib/notify/kinds';

/** The emails that concern the person, each on or off. */
export function NotificationsForm({
  fields,
  current,
}: {
  fields: NotificationField[];
  current: Record<NotificationField, boolean>;
}) {
  const form = useFormAction(updateNotificationsAction, { keepValuesOnSuccess: true });
  const { result } = form.state;
  const checked = (f: NotificationField) => (form.state.values ? form.listFor(f).includes('true') : current[f]);
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      aria-label="Emails"
      className="flex max-w-prose flex-col gap-4"
    >
      {fields.map((f) => (
        <input key={f} type="hidden" name="shown" value={f} />
      ))}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold">Emails you get</legend>
        {fields.map((f) => (
          <label key={f} className="flex min-h-11 items-start gap-3">
            <input type="checkbox" name={f} value="true" defaultChecked={checked(f)} className="mt-1 size-6" />
            <span>
              <span className="block font-medium text-slate-900">{notificationChoices[f].label}</span>
              <span className="block text-sm text-slate-700">{notificationChoices[f].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Save'}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
