import type { ReactNode } from 'react';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { RegisterServiceWorker } from '@/components/tutor/offline-pages';
import { OutboxPanel, OutboxProvider } from '@/components/tutor/outbox';
import { authorizePage } from '@/lib/auth/guards';

export default async function TutorLayout({ children }: { children: ReactNode }) {
  const user = await authorizePage('tutor.view', undefined, '/tutor');
  return (
    <SignedInShell user={user}>
      <OutboxProvider userId={user.id}>
        <RegisterServiceWorker />
        <OutboxPanel />
        {children}
      </OutboxProvider>
    </SignedInShell>
  );
}
