// The one place that decides whether the signed-in person may do a thing to a
// record. Pages, server actions, route handlers and exports all come through here.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ForbiddenError, NotFoundError, SignedOutError } from './errors';
import { can, scopeOf, type Permission } from './permissions';
import { getCurrentUser, type SessionUser } from './session';

export type ScopeTarget = { siteId: string } | { groupId: string } | { sessionId: string } | undefined;

const DISTRICT_WIDE = new Set(['DISTRICT_ADMIN', 'DISTRICT_LEADER']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (!UUID.test(siteId)) throw new NotFoundError('That site does not exist.');
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true } });
  if (!site || !hasSiteAccess(user, siteId)) throw new NotFoundError('That site does not exist or is not one of yours.');
}

/** Tutors: groups they teach, or cover as a substitute for at least one session. */
export async function requireGroupAccess(user: SessionUser, groupId: string, client: Prisma.TransactionClient = db): Promise<void> {
  if (!UUID.test(groupId)) throw new NotFoundError('That group does not exist.');
  const group = await client.group.findUnique({ where: { id: groupId }, select: { siteId: true, primaryTutorId: true } });
  if (!group) throw new NotFoundError('That group does not exist.');
  if (user.role === 'TUTOR') {
    if (group.primaryTutorId === user.id) return;
    const covers = await client.session.count({ where: { groupId, substituteTutorId: user.id } });
    if (covers > 0) return;
    throw new NotFoundError('That group does not exist or is not one of yours.');
  }
  if (!hasSiteAccess(user, group.siteId)) throw new NotFoundError('That group does not exist or is not one of yours.');
}

/** Tutors: sessions of groups they teach, or the single sessions they cover. */
export async function requireSessionAccess(user: SessionUser, sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) throw new NotFoundError('That session does not exist.');
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { substituteTutorId: true, group: { select: { siteId: true, primaryTutorId: true } } },
  });
  if (!session) throw new NotFoundError('That session does not exist.');
  const mine =
    user.role === 'TUTOR'
      ? session.group.primaryTutorId === user.id || session.substituteTutorId === user.id
      : hasSiteAccess(user, session.group.siteId);
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
    else if ('groupId' in target) await requireGroupAccess(user, target.groupId);
    else await requireSessionAccess(user, target.sessionId);
  }
  return user;
}

/**
 * For pages: the signed-out go to sign in; anything else not allowed is a 404,
 * so a page never confirms that a record outside someone's scope exists.
 */
export async function authorizePage(permission: Permission, target?: ScopeTarget, returnTo?: string): Promise<SessionUser> {
  try {
    return await authorize(permission, target);
  } catch (error) {
    if (error instanceof SignedOutError) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
    if (error instanceof ForbiddenError || error instanceof NotFoundError) notFound();
    throw error;
  }
}
