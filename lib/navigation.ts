// Navigation by role as plain data, so the shell, tests and later redirects agree on
// where each person lands and what they may reach from the menu.

import type { Role } from '@/lib/generated/prisma/enums';

export interface NavigationItem {
  label: string;
  href: string;
}

export const roleLabels: Record<Role, string> = {
  DISTRICT_ADMIN: 'District admin',
  DISTRICT_LEADER: 'District leader',
  SITE_COORDINATOR: 'Site coordinator',
  TUTOR: 'Tutor',
};

const districtAdminItems: NavigationItem[] = [
  { label: 'Dashboard', href: '/district' },
  { label: 'To do', href: '/district/todo' },
  { label: 'Equity', href: '/district/equity' },
  { label: 'Weekly review', href: '/district/weekly-review' },
  { label: 'Costs', href: '/district/costs' },
  { label: 'Exports', href: '/district/exports' },
  { label: 'Sites', href: '/sites' },
  { label: 'Users', href: '/district/users' },
  { label: 'Calendar', href: '/district/calendar' },
  { label: 'Imports', href: '/district/imports' },
  { label: 'Measures', href: '/district/measures' },
  { label: 'Settings', href: '/district/settings' },
  { label: 'Audit log', href: '/district/audit-log' },
];

const districtLeaderItems: NavigationItem[] = [
  { label: 'Dashboard', href: '/district' },
  { label: 'Equity', href: '/district/equity' },
  { label: 'Weekly review', href: '/district/weekly-review' },
  { label: 'Costs', href: '/district/costs' },
  { label: 'Exports', href: '/district/exports' },
  { label: 'Measures', href: '/district/measures' },
  { label: 'Settings', href: '/district/settings' },
];

const tutorItems: NavigationItem[] = [
  { label: 'Today', href: '/tutor' },
  { label: 'This week', href: '/tutor/week' },
  { label: 'My students', href: '/tutor/students' },
];

/** Where a coordinator without a chosen site picks one of theirs. */
export const coordinatorSitesPath = '/sites';

export function sitePath(siteId: string): string {
  return `/sites/${encodeURIComponent(siteId)}`;
}

function siteItems(siteId: string): NavigationItem[] {
  const site = sitePath(siteId);
  return [
    { label: 'Overview', href: site },
    { label: 'Weekly dashboard', href: `${site}/dashboard` },
    { label: 'Students', href: `${site}/students` },
    { label: 'Waitlist', href: `${site}/waitlist` },
    { label: 'Groups', href: `${site}/groups` },
    { label: 'Schedule', href: `${site}/schedule` },
    { label: 'Tutors', href: `${site}/tutors` },
    { label: 'Follow-up', href: `${site}/follow-up` },
    { label: 'Weekly review', href: `${site}/weekly-review` },
    { label: 'Exports', href: `${site}/exports` },
    { label: 'Imports', href: `${site}/imports` },
  ];
}

/**
 * A coordinator's links point at the first of `siteIds` (callers put the site being
 * viewed first); one covering several sites also gets a link to switch between them.
 */
export function navigationFor(role: Role, siteIds: string[] = []): NavigationItem[] {
  switch (role) {
    case 'DISTRICT_ADMIN':
      return districtAdminItems.map((item) => ({ ...item }));
    case 'DISTRICT_LEADER':
      return districtLeaderItems.map((item) => ({ ...item }));
    case 'TUTOR':
      return tutorItems.map((item) => ({ ...item }));
    case 'SITE_COORDINATOR': {
      const [currentSite] = siteIds;
      if (currentSite === undefined) return [{ label: 'My sites', href: coordinatorSitesPath }];
      const items = siteItems(currentSite);
      return siteIds.length > 1 ? [...items, { label: 'My sites', href: coordinatorSitesPath }] : items;
    }
  }
}

/**
 * The site's own menu for a district admin viewing one of its pages (a coordinator's
 * menu already is the site's): every site workspace is reachable from the menu.
 */
export function siteNavigationFor(role: Role, siteId: string | undefined): NavigationItem[] {
  return role === 'DISTRICT_ADMIN' && siteId !== undefined ? siteItems(siteId) : [];
}

export function homePathFor(role: Role, siteId?: string): string {
  switch (role) {
    case 'DISTRICT_ADMIN':
    case 'DISTRICT_LEADER':
      return '/district';
    case 'TUTOR':
      return '/tutor';
    case 'SITE_COORDINATOR':
      return siteId === undefined ? coordinatorSitesPath : sitePath(siteId);
  }
}

/**
 * The item to mark as current: the exact match, else the longest link that is a
 * parent of the path (so /district/equity/grade-3 marks "Equity", not "Dashboard").
 */
export function activeHrefFor(pathname: string, items: readonly NavigationItem[]): string | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: string | undefined;
  for (const { href } of items) {
    const matches = path === href || path.startsWith(`${href}/`);
    if (matches && (best === undefined || href.length > best.length)) best = href;
  }
  return best;
}
