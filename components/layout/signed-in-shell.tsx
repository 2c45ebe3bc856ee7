import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { Announcer } from '@/components/ui/announcer';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { readDistrictSettings } from '@/lib/settings/district';
import { AppShell } from './app-shell';

/** The app shell for a signed-in person: their name, role, navigation and sign-out. */
export async function SignedInShell({
  user,
  currentSiteId,
  children,
}: {
  user: SessionUser;
  currentSiteId?: string;
  children: ReactNode;
}) {
  const { districtName } = await readDistrictSettings(db);
  const siteIds = currentSiteId ? [currentSiteId, ...user.siteIds.filter((id) => id !== currentSiteId)] : user.siteIds;
  return (
    <AppShell
      districtName={districtName}
      user={{ name: user.name, role: user.role }}
      siteIds={user.role === 'SITE_COORDINATOR' ? siteIds : undefined}
      headerActions={<SignOutButton />}
    >
      {children}
      <Announcer />
    </AppShell>
  );
}
