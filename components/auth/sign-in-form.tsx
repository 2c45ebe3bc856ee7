'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { callbackPathOr } from '@/lib/auth/callback-url';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export interface SignInFormProps {
  callbackUrl: string;
  ssoProviders: { id: string; name: string }[];
  initialError?: string | null;
}

/** Only this app's paths: a crafted callbackUrl must not send anyone elsewhere. */
function safePath(url: string): string {
  return callbackPathOr(url, '/', window.location.origin);
}

/** Nothing changes after hydration: the server snapshot (false) says "not hydrated yet". */
const subscribeToNothing = () => () => {};

export function SignInForm({ callbackUrl, ssoProviders, initialError = null }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a tap would post the bare form and reload the page,
  // losing what was typed: the button waits (a slow tablet shows it greyed briefly).
  const ready = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    }).catch(() => undefined);
    setPending(false);
    if (!result || result.error || !result.ok) {
      setError(
        result?.error && result.error !== 'CredentialsSignin'
          ? result.error
          : 'Sign-in failed. Check your connection and try again.',
      );
      return;
    }
    router.replace(safePath(callbackUrl));
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-5">
      <form
        method="post"
        onSubmit={handleSubmit}
        className="flex flex-col gap-5"
        aria-labelledby="sign-in-heading"
        noValidate
      >
        <h2 id="sign-in-heading" className="text-xl font-semibold">
          Sign in
        </h2>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          maxLength={254}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
        />
        <div className="pt-1">
          <FormMessage tone="error" message={error} className="mb-4" />
          <Button type="submit" size="lg" className="w-full" disabled={pending || !ready}>
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </div>
      </form>
      {ssoProviders.length > 0 && (
        <div className="flex flex-col gap-3 border-t border-slate-200 pt-5">
          {ssoProviders.map((provider) => (
            <Button
              key={provider.id}
              variant="secondary"
              size="lg"
              disabled={!ready}
              onClick={() => void signIn(provider.id, { callbackUrl: safePath(callbackUrl) })}
            >
              Sign in with {provider.name}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
