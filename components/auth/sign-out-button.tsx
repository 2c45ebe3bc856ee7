'use client';

import { signOut } from 'next-auth/react';
import { forgetOfflinePages } from '@/components/tutor/offline-pages';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        // Pages kept for offline use name students: forget them. Entries waiting to
        // sync stay (they belong to their tutor and go when that tutor signs in).
        void forgetOfflinePages().finally(() => signOut({ callbackUrl: '/login' }));
      }}
    >
      Sign out
    </Button>
  );
}
