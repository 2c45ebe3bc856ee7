import Link from 'next/link';
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
  const [{ districtName }, site] = await Promise.all([
    readDistrictSettings(db),
    // An admin's menu includes the site being viewed (lib/navigation.ts, siteNavigationFor).
    user.role === 'DISTRICT_ADMIN' && currentSiteId
      ? db.site.findUnique({ where: { id: currentSiteId }, select: { id: true, name: true } })
      : null,
  ]);
  const siteIds = currentSiteId ? [currentSiteId, ...user.siteIds.filter((id) => id !== currentSiteId)] : user.siteIds;
  return (
    <AppShell
      districtName={districtName}
      user={{ name: user.name, role: user.role }}
      siteIds={user.role === 'SITE_COORDINATOR' ? siteIds : undefined}
      site={site ?? undefined}
      headerActions={
        <>
          <Link
            href="/account"
            className="inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium text-primary-700 underline underline-offset-2"
          >
            Your account
          </Link>
          <SignOutButton />
        </>
      }
    >
      {children}
      <Announcer />
    </AppShell>
  );
}
