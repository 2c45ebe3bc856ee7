import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInPage } from '@/components/auth/sign-in-page';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { homeFor } from '@/lib/auth/home';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const error = typeof params.error === 'string' ? params.error : undefined;
  const user = await getCurrentUser();
  if (user) redirect(safeCallbackPath(callbackUrl) ?? homeFor(user));
  return <SignInPage callbackUrl={safeCallbackPath(callbackUrl) ?? undefined} error={error} />;
}
