// The one place that decides whether the signed-in person may do a thing to a
// record. Pages, server actions, route handlers and exports all come through here.
import 'server-only';
import { districtToday } from '@/lib/settings/district';
import { notFound, redirect } from 'next/navigation';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { addDays, type IsoDate } from '@/lib/dates';
import { fromIsoDate } from '@/lib/sessions/schedule';
import { ForbiddenError, NotFoundError, SignedOutError } from './errors';
import { can, scopeOf, type Permission } from './permissions';
import { getCurrentUser, type SessionUser } from './session';
import { isUuid } from '@/lib/codes';

/** `on`: the date an entry for the group is dated (probes), checked against a substitute's window. */
export type ScopeTarget = { siteId: string } | { groupId: string; on?: string } | { sessionId: string } | undefined;

const DISTRICT_WIDE = new Set(['DISTRICT_ADMIN', 'DISTRICT_LEADER']);

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new SignedOutError();
  return user;
}

export function hasSiteAccess(user: SessionUser, siteId: string): boolean {
  return DISTRICT_WIDE.has(user.role) || user.siteIds.includes(siteId);
}

/** A site the person may see; unknown ids and other sites look the same (not found). */
export async function requireSiteAccess(user: SessionUser, siteId: string): Promise<void> {
  if (!isUuid(siteId)) throw new NotFoundError('That site does not exist.');
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true } });
  if (!site || !hasSiteAccess(user, siteId))
    throw new NotFoundError('That site does not exist or is not one of yours.');
}

/**
 * A substitute's reach around each session they cover: from the day before it to the
 * late-entry window after it (7 days). Outside every such window they have nothing of
 * the group: not its roster, not its probes, not its sessions.
 */
export const SUBSTITUTE_WINDOW = { daysBefore: 1, daysAfter: 7 } as const;

export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** What a person may see of a group: all of it, or (a substitute) only inside these windows. */
export type GroupReach = { kind: 'whole' } | { kind: 'covering'; windows: DateWindow[] };

type Reader = Prisma.TransactionClient;

export const substituteWindow = (sessionDate: IsoDate): DateWindow => ({
  from: addDays(sessionDate, -SUBSTITUTE_WINDOW.daysBefore),
  to: addDays(sessionDate, SUBSTITUTE_WINDOW.daysAfter),
});

const inWindow = (date: string, w: DateWindow) => w.from <= date && date <= w.to;

/** Whether a substitute reaches the session they cover on `sessionDate` today. */
export const substituteReaches = (sessionDate: IsoDate, today: string) =>
  inWindow(today, substituteWindow(sessionDate));

/**
 * The one answer to "how much of this group may this person see today": its site's
 * staff and its primary tutor, all of it; a tutor covering some of its sessions, the
 * windows of the covered sessions that include today; anyone else, nothing (null).
 */
export async function groupReach(user: SessionUser, groupId: string, client: Reader = db): Promise<GroupReach | null> {
  if (!isUuid(groupId)) return null;
  const group = await client.group.findUnique({
    where: { id: groupId },
    select: { siteId: true, primaryTutorId: true },
  });
  if (!group) return null;
  if (user.role !== 'TUTOR') return hasSiteAccess(user, group.siteId) ? { kind: 'whole' } : null;
  if (group.primaryTutorId === user.id) return { kind: 'whole' };
  const today = await districtToday(client);
  // today ∈ [date − before, date + after]  ⇔  date ∈ [today − after, today + before]
  const covered = await client.session.findMany({
    where: {
      groupId,
      substituteTutorId: user.id,
      date: {
        gte: fromIsoDate(addDays(today, -SUBSTITUTE_WINDOW.daysAfter)),
        lte: fromIsoDate(addDays(today, SUBSTITUTE_WINDOW.daysBefore)),
      },
    },
    select: { date: true },
  });
  if (covered.length === 0) return null;
  return {
    kind: 'covering',
    windows: covered.map((s) => substituteWindow(s.date.toISOString().slice(0, 10) as IsoDate)),
  };
}

/**
 * Tutors: groups they teach, or cover around today (SUBSTITUTE_WINDOW). With `on`,
 * a substitute also needs that date inside the window of a session they cover.
 */
export async function requireGroupAccess(
  user: SessionUser,
  groupId: string,
  on?: string,
  client: Reader = db,
): Promise<GroupReach> {
  if (!isUuid(groupId)) throw new NotFoundError('That group does not exist.');
  const reach = await groupReach(user, groupId, client);
  if (!reach) throw new NotFoundError('That group does not exist or is not one of yours.');
  if (reach.kind === 'covering' && on !== undefined && !reach.windows.some((w) => inWindow(on, w))) {
    throw new ForbiddenError(
      `You cover this group only from the day before to ${SUBSTITUTE_WINDOW.daysAfter} days after the sessions ` +
        `you are assigned; ${on} is outside them.`,
    );
  }
  return reach;
}

/** Tutors: sessions of groups they teach, or the sessions they cover, around their date. */
export async function requireSessionAccess(user: SessionUser, sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) throw new NotFoundError('That session does not exist.');
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { date: true, substituteTutorId: true, group: { select: { siteId: true, primaryTutorId: true } } },
  });
  if (!session) throw new NotFoundError('That session does not exist.');
  let mine: boolean;
  if (user.role !== 'TUTOR') mine = hasSiteAccess(user, session.group.siteId);
  else if (session.group.primaryTutorId === user.id) mine = true;
  else if (session.substituteTutorId === user.id) {
    mine = substituteReaches(session.date.toISOString().slice(0, 10) as IsoDate, await districtToday(db));
  } else mine = false;
  if (!mine) throw new NotFoundError('That session does not exist or is not one of yours.');
}

/** Signed in, allowed by the permission table, and the target inside the person's scope. */
export async function authorize(permission: Permission, target?: ScopeTarget): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) throw new ForbiddenError();
  const scope = scopeOf(permission);
  if (scope === 'site' || scope === 'group') {
    if (!target) throw new ForbiddenError('No site or group was named.');
    if ('siteId' in target) await requireSiteAccess(user, target.siteId);
    else if ('groupId' in target) await requireGroupAccess(user, target.groupId, target.on);
    else await requireSessionAccess(user, target.sessionId);
  }
  return user;
}

/**
 * For pages: the signed-out go to sign in; anything else not allowed is a 404,
 * so a page never confirms that a record outside someone's scope exists.
 */
export async function authorizePage(
  permission: Permission,
  target?: ScopeTarget,
  returnTo?: string,
): Promise<SessionUser> {
  try {
    return await authorize(permission, target);
  } catch (error) {
    if (error instanceof SignedOutError)
      redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
    if (error instanceof ForbiddenError || error instanceof NotFoundError) notFound();
    throw error;
  }
}
