'use client';

import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { deactivateUserAction, reactivateUserAction, resetPasswordAction } from '@/lib/users/actions';
import { OneTimeLink } from './one-time-link';
import { useFormAction } from './use-form-action';

export interface AccountActionsProps {
  user: { id: string; name: string; active: boolean };
  isSelf: boolean;
}

function confirmFirst(question: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(question)) event.preventDefault();
  };
}

function ActiveToggle({ user, isSelf }: AccountActionsProps) {
  const deactivate = useFormAction(deactivateUserAction);
  const reactivate = useFormAction(reactivateUserAction);
  const form = user.active ? deactivate : reactivate;
  const { result } = form.state;
  if (user.active && isSelf) {
    return (
      <p className="text-sm text-slate-700">You cannot deactivate your own account. Another district admin can.</p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        {user.active
          ? 'Deactivating signs them out everywhere at once and stops them signing in. Their records and history stay.'
          : 'This account is deactivated. Reactivating lets them sign in again with their password.'}
      </p>
      <form
        action={form.formAction}
        onSubmit={user.active ? confirmFirst(`Deactivate ${user.name}? They are signed out at once.`) : undefined}
      >
        <input type="hidden" name="userId" value={user.id} />
        <Button
          type="submit"
          variant={user.active ? 'danger' : 'secondary'}
          disabled={form.pending}
          aria-disabled={form.pending}
        >
          {user.active ? 'Deactivate account' : 'Reactivate account'}
        </Button>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage
        tone="success"
        message={
          !user.active && deactivate.state.result?.ok
            ? `${user.name} is deactivated and signed out.`
            : user.active && reactivate.state.result?.ok
              ? `${user.name} can sign in again.`
              : null
        }
      />
    </div>
  );
}

function ResetPassword({ user, isSelf }: AccountActionsProps) {
  const form = useFormAction(resetPasswordAction);
  const { result } = form.state;
  if (isSelf) return <p className="text-sm text-slate-700">To reset your own password, ask another district admin.</p>;
  if (!user.active)
    return <p className="text-sm text-slate-700">Reactivate the account before issuing a password link.</p>;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        Creates a one-time link to set a new password. Their current password stops working and they are signed out
        everywhere.
      </p>
      <form
        action={form.formAction}
        onSubmit={confirmFirst(`Reset ${user.name}'s password? Their current password stops working at once.`)}
      >
        <input type="hidden" name="userId" value={user.id} />
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          Reset password
        </Button>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      {result?.ok ? (
        <OneTimeLink
          heading="Password reset link"
          personName={result.data.name}
          url={result.data.resetUrl}
          expiresAt={result.data.expiresAt}
        />
      ) : null}
    </div>
  );
}

export function AccountActions(props: AccountActionsProps) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="account-status-heading" className="flex flex-col gap-2">
        <h3 id="account-status-heading" className="font-semibold">
          {props.user.active ? 'Deactivate' : 'Reactivate'}
        </h3>
        <ActiveToggle {...props} />
      </section>
      <section aria-labelledby="reset-password-heading" className="flex flex-col gap-2">
        <h3 id="reset-password-heading" className="font-semibold">
          Password
        </h3>
        <ResetPassword {...props} />
      </section>
    </div>
  );
}
