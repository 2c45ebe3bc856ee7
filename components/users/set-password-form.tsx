'use client';

import { Button, ButtonLink } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { setPasswordAction } from '@/lib/users/set-password-action';
import { useFormAction } from './use-form-action';

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const form = useFormAction(setPasswordAction);
  const { result } = form.state;
  if (result?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage
          tone="success"
          message={`Your password is set. Sign in with ${result.data.email} and your new password.`}
        />
        <div>
          <ButtonLink href="/login">Go to sign in</ButtonLink>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <form
        key={form.state.version}
        id={form.formId}
        action={form.formAction}
        noValidate
        className="flex flex-col gap-5"
        aria-label="Set your password"
      >
        <input type="hidden" name="token" value={token} />
        {/* Lets password managers save the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          error={form.errorFor('password')}
          hint="At least 10 characters. A short sentence is easy to remember and hard to guess."
        />
        <TextField
          label="Type it again"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          error={form.errorFor('confirmPassword')}
        />
        <div>
          <Button type="submit" size="lg" disabled={form.pending} aria-disabled={form.pending}>
            {form.pending ? 'Saving…' : 'Set password'}
          </Button>
        </div>
      </form>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </div>
  );
}
