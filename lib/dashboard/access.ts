// Who may open which dashboard view: the district view for district admins and
// leaders; a site's views (site, its groups, its students) for whoever may view the
// site. A group or student named under a site that is not theirs looks like any
// unknown id: not found. Pages and the CSV route both come through here.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { ForbiddenError, NotFoundError, SignedOutError } from '@/lib/auth/errors';
import { authorize } from '@/lib/auth/guards';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';

export type DashboardTarget =
  | { level: 'district' }
  | { level: 'site'; siteId: string }
  | { level: 'group'; siteId: string; groupId: string }
  | { level: 'student'; siteId: string; studentId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function authorizeDashboard(target: DashboardTarget): Promise<SessionUser> {
  if (target.level === 'district') return authorize('district.view');
  const user = await authorize('site.view', { siteId: target.siteId });
  if (target.level === 'group') {
    const group = UUID.test(target.groupId)
      ? await db.group.findUnique({ where: { id: target.groupId }, select: { siteId: true } })
      : null;
    if (!group || group.siteId !== target.siteId) throw new NotFoundError('That group does not exist at this site.');
  }
  if (target.level === 'student') {
    // A student of the site, or placed in one of its groups.
    const student = UUID.test(target.studentId)
      ? await db.student.findFirst({
          where: {
            id: target.studentId,
            OR: [{ siteId: target.siteId }, { memberships: { some: { group: { siteId: target.siteId } } } }],
          },
          select: { id: true },
        })
      : null;
    if (!student) throw new NotFoundError('That student does not exist at this site.');
  }
  return user;
}

/** For pages: the signed-out go to sign in; anything else not allowed is a 404. */
export async function authorizeDashboardPage(target: DashboardTarget, returnTo: string): Promise<SessionUser> {
  try {
    return await authorizeDashboard(target);
  } catch (error) {
    if (error instanceof SignedOutError) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
    if (error instanceof ForbiddenError || error instanceof NotFoundError) notFound();
    throw error;
  }
}

export const dashboardPaths = {
  district: '/district',
  site: (siteId: string) => `/sites/${siteId}/dashboard`,
  group: (siteId: string, groupId: string) => `/sites/${siteId}/dashboard/groups/${groupId}`,
  student: (siteId: string, studentId: string) => `/sites/${siteId}/dashboard/students/${studentId}`,
};

/** The page a target is shown on. */
export function pathOf(target: DashboardTarget): string {
  switch (target.level) {
    case 'district':
      return dashboardPaths.district;
    case 'site':
      return dashboardPaths.site(target.siteId);
    case 'group':
      return dashboardPaths.group(target.siteId, target.groupId);
    case 'student':
      return dashboardPaths.student(target.siteId, target.studentId);
  }
}
