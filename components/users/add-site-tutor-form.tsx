'use client';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { addSiteTutorAction } from '@/lib/users/actions';
import { OneTimeLink } from './one-time-link';
import { useFormAction } from './use-form-action';
import { TutorProfileFields, type ProviderOption } from './user-fields';

/** A coordinator's form: the tutor is added at this site only. */
export function AddSiteTutorForm({
  siteId,
  siteName,
  providers,
}: {
  siteId: string;
  siteName: string;
  providers: ProviderOption[];
}) {
  const form = useFormAction(addSiteTutorAction);
  const { result } = form.state;
  return (
    <div className="flex flex-col gap-6">
      {result?.ok ? (
        <OneTimeLink
          heading={`${result.data.name} was added as a tutor`}
          personName={result.data.name}
          url={result.data.inviteUrl}
          expiresAt={result.data.expiresAt}
        />
      ) : null}
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="grid gap-5"
        aria-label={`Add a tutor at ${siteName}`}
      >
        <input type="hidden" name="siteId" value={siteId} />
        <div className="grid gap-5 md:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            required
            maxLength={120}
            defaultValue={form.valueFor('name')}
            error={form.errorFor('name')}
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            maxLength={254}
            defaultValue={form.valueFor('email')}
            error={form.errorFor('email')}
            hint="They sign in with this address."
          />
        </div>
        <TutorProfileFields form={form} providers={providers} />
        <div>
          <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Adding…' : 'Add tutor and create invitation'}
          </Button>
        </div>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </div>
  );
}
