'use client';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { setFeedAction } from '@/lib/feed/actions';

/** Subscribe a phone or Google/Outlook calendar to the tutor's sessions. */
export function CalendarFeed({ activeSince }: { activeSince: string | null }) {
  const form = useFormAction(setFeedAction);
  const { result } = form.state;
  const url = result?.ok ? result.data.url : null;
  return (
    <form action={form.formAction} className="flex flex-col gap-3" aria-label="Calendar link">
      <p className="text-slate-700">
        {url
          ? 'Add this address as a subscribed calendar on your phone or in Google or Outlook Calendar. Anyone with it can see your sessions, so keep it private.'
          : activeSince
            ? `Your calendar link has worked since ${activeSince}. A new link replaces it; turning it off stops updates.`
            : 'A private address your phone or Google/Outlook calendar can subscribe to, listing your sessions.'}
      </p>
      {url ? (
        <TextField label="Your calendar address" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="create" variant="secondary" disabled={form.pending}>
          {activeSince || url ? 'Make a new link' : 'Create a calendar link'}
        </Button>
        {activeSince || url ? (
          <Button type="submit" name="intent" value="revoke" variant="ghost" disabled={form.pending}>
            Turn the link off
          </Button>
        ) : null}
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </form>
  );
}
