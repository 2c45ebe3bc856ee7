'use client';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { remindTutorAction } from '@/lib/notify/remind-action';

/** Emails the tutor their sessions still to log, now. */
export function RemindButton({ siteId, tutorId, tutorName }: { siteId: string; tutorId: string; tutorName: string }) {
  const form = useFormAction(remindTutorAction);
  const { result } = form.state;
  return (
    <form id={form.formId} action={form.formAction} aria-label={`Remind ${tutorName}`} className="flex flex-col gap-1">
      <input type="hidden" name="siteId" value={siteId} />
      <input type="hidden" name="tutorId" value={tutorId} />
      <div>
        <Button type="submit" variant="secondary" size="sm" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Sending…' : `Remind ${tutorName.split(' ')[0]}`}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
