'use client';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { createUserAction } from '@/lib/users/actions';
import { OneTimeLink } from './one-time-link';
import { useFormAction } from './use-form-action';
import { RoleFields, type ProviderOption, type SiteOption } from './user-fields';

export function CreateUserForm({
  sites,
  providers,
  prefill,
}: {
  sites: SiteOption[];
  providers: ProviderOption[];
  /** A tutor candidate from the roster: their name, email and school, to add as a tutor. */
  prefill?: { name: string; email: string; siteId: string | null };
}) {
  const form = useFormAction(createUserAction);
  const { result } = form.state;
  return (
    <div className="flex flex-col gap-6">
      {result?.ok ? (
        <OneTimeLink
          heading={`${result.data.name} was added`}
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
        aria-label="New user"
      >
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          required
          maxLength={120}
          defaultValue={form.valueFor('name', prefill?.name)}
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
          defaultValue={form.valueFor('email', prefill?.email)}
          error={form.errorFor('email')}
          hint="They sign in with this address; it cannot be changed later."
        />
        <RoleFields
          form={form}
          sites={sites}
          providers={providers}
          initialRole={prefill ? 'TUTOR' : 'SITE_COORDINATOR'}
          initialSiteIds={prefill?.siteId ? [prefill.siteId] : []}
        />
        <div>
          <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Adding…' : 'Add user and create invitation'}
          </Button>
        </div>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </div>
  );
}
