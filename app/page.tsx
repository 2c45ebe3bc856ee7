import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInPage } from '@/components/auth/sign-in-page';
import { homeFor } from '@/lib/auth/home';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: { absolute: 'Tutoring Ops' } };

export default async function HomePage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user));
  return <SignInPage />;
}
