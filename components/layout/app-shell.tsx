import type { ReactNode } from 'react';
import type { Role } from '@/lib/generated/prisma/enums';
import { navigationFor, roleLabels, siteNavigationFor } from '@/lib/navigation';
import { NavLinks } from './nav-links';

export interface AppShellProps {
  districtName: string;
  user: { name: string; role: Role };
  /** A coordinator's sites, the one being viewed first. */
  siteIds?: string[];
  /** The site being viewed (an admin's menu then includes the site's workspace). */
  site?: { id: string; name: string };
  /** Extra header controls, e.g. a sign-out button. */
  headerActions?: ReactNode;
  children: ReactNode;
}

export function AppShell({ districtName, user, siteIds, site, headerActions, children }: AppShellProps) {
  const items = navigationFor(user.role, siteIds);
  const siteItems = siteNavigationFor(user.role, site?.id);
  const groups = siteItems.length ? [{ items }, { title: site!.name, items: siteItems }] : [{ items }];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <div className="min-w-0">
            <p className="text-xs font-semibold tracking-wide text-primary-700 uppercase">Tutoring Ops</p>
            <p className="truncate text-lg font-semibold text-slate-900">{districtName}</p>
          </div>
          <div className="flex items-center gap-4">
            <p className="text-right text-sm leading-tight">
              <span className="sr-only">Signed in as </span>
              <span className="block font-semibold text-slate-900">{user.name}</span>
              <span className="block text-slate-600">{roleLabels[user.role]}</span>
            </p>
            {headerActions}
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col lg:flex-row">
        <nav
          aria-label="Primary"
          className="overflow-x-auto border-b border-slate-200 bg-white px-2 py-1 sm:px-4 lg:w-56 lg:shrink-0 lg:overflow-visible lg:border-r lg:border-b-0 lg:px-3 lg:py-4"
        >
          <NavLinks groups={groups} />
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
