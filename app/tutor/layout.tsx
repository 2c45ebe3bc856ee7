import type { ReactNode } from 'react';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { authorizePage } from '@/lib/auth/guards';

export default async function TutorLayout({ children }: { children: ReactNode }) {
  const user = await authorizePage('tutor.view', undefined, '/tutor');
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
