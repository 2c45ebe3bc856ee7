'use client';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { Role } from '@/lib/generated/prisma/enums';
import { updateUserAction } from '@/lib/users/actions';
import { useFormAction } from './use-form-action';
import { RoleFields, type ProviderOption, type SiteOption, type TutorProfileDefaults } from './user-fields';

export interface EditableUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  siteIds: string[];
  tutorProfile: TutorProfileDefaults | null;
}

export function EditUserForm({
  user,
  sites,
  providers,
  isSelf,
}: {
  user: EditableUser;
  sites: SiteOption[];
  providers: ProviderOption[];
  isSelf: boolean;
}) {
  const form = useFormAction(updateUserAction, { keepValuesOnSuccess: true });
  const { result } = form.state;
  return (
    <div className="flex flex-col gap-4">
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="grid gap-5"
        aria-label={`Edit ${user.name}`}
      >
        <input type="hidden" name="userId" value={user.id} />
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          required
          maxLength={120}
          defaultValue={form.valueFor('name', user.name)}
          error={form.errorFor('name')}
        />
        <RoleFields
          form={form}
          sites={sites}
          providers={providers}
          initialRole={user.role}
          initialSiteIds={user.siteIds}
          profileDefaults={user.tutorProfile ?? undefined}
          roleHint={isSelf ? 'You cannot remove your own admin role.' : undefined}
        />
        <div>
          <Button type="submit" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Saving…' : 'Save changes'}
          </Button>
        </div>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage
        tone="success"
        message={
          result?.ok ? (result.data.changed ? 'Changes saved.' : 'Nothing had changed, so nothing was saved.') : null
        }
      />
    </div>
  );
}
