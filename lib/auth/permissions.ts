// Who may do what: one table, checked by one function. A permission also says
// what scope it needs; the guards in ./guards.ts check that scope against the data.
import type { Role } from '@/lib/generated/prisma/enums';

export type Scope = 'district' | 'site' | 'group';

export const PERMISSIONS = {
  'district.view': { scope: 'district', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER'] },
  'users.manage': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  'settings.view': { scope: 'district', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER'] },
  'settings.update': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  'audit.view': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  'district.todo': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  // The district's list of probe measures (coordinators pick from it in the group form); admins keep it.
  'measures.view': { scope: 'district', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER'] },
  'measures.manage': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  'calendar.manage': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  'site.view': { scope: 'site', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER', 'SITE_COORDINATOR'] },
  'site.tutors.add': { scope: 'site', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'site.students.manage': { scope: 'site', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'site.groups.manage': { scope: 'site', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'site.followup.record': { scope: 'site', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'site.roster.import': { scope: 'site', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'roster.import': { scope: 'district', roles: ['DISTRICT_ADMIN'] },
  // Apply or discard a staged import: the batch names its site (or the district), and
  // lib/imports/access.ts checks that against the person, as the guards do for a site.
  'roster.batch.manage': { scope: 'district', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR'] },
  'tutor.view': { scope: 'district', roles: ['TUTOR'] },
  'group.view': { scope: 'group', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER', 'SITE_COORDINATOR', 'TUTOR'] },
  // A tutor logs their own sessions; a coordinator or admin may log one for the tutor, saying why.
  'session.log': { scope: 'group', roles: ['DISTRICT_ADMIN', 'SITE_COORDINATOR', 'TUTOR'] },
  'probes.record': { scope: 'group', roles: ['SITE_COORDINATOR', 'TUTOR'] },
  'account.use': { scope: 'district', roles: ['DISTRICT_ADMIN', 'DISTRICT_LEADER', 'SITE_COORDINATOR', 'TUTOR'] },
} as const satisfies Record<string, { scope: Scope; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

export function scopeOf(permission: Permission): Scope {
  return PERMISSIONS[permission].scope;
}
