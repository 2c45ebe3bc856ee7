import type { ReactNode } from 'react';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { authorizePage } from '@/lib/auth/guards';

export default async function SiteLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ siteId: string }>;
}) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}`);
  return (
    <SignedInShell user={user} currentSiteId={siteId}>
      {children}
    </SignedInShell>
  );
}
