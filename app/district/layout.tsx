import type { ReactNode } from 'react';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { authorizePage } from '@/lib/auth/guards';

export default async function DistrictLayout({ children }: { children: ReactNode }) {
  const user = await authorizePage('district.view', undefined, '/district');
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
