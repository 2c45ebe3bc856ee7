import type { SessionUser } from './session';
import { homePathFor } from '@/lib/navigation';

/** Where a person lands after signing in: their role's home (a coordinator's first site). */
export function homeFor(user: Pick<SessionUser, 'role' | 'siteIds'>): string {
  return homePathFor(user.role, user.role === 'SITE_COORDINATOR' ? user.siteIds[0] : undefined);
}
