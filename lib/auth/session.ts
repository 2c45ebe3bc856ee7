// Server-side sessions: the next-auth JWT names an auth_session row; that row,
// checked on every request, decides whether the person is still signed in.
import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { SESSION_COOKIE_NAMES, SESSION_POLICY, authSecret } from './config';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Sites a coordinator (or tutor) belongs to; district roles see every site. */
  siteIds: string[];
  sessionId: string;
}

export async function createAuthSession(
  userId: string,
  method: string,
  client: { ipAddress?: string; userAgent?: string } = {},
): Promise<string> {
  const now = Date.now();
  const session = await db.authSession.create({
    data: {
      userId,
      method,
      ipAddress: client.ipAddress?.slice(0, 100),
      userAgent: client.userAgent?.slice(0, 300),
      expiresAt: new Date(now + SESSION_POLICY.maxMinutes * 60_000),
    },
    select: { id: true },
  });
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date(now) } });
  return session.id;
}

export async function revokeAuthSession(sessionId: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every open session of a user at once (deactivation, password reset). */
export async function revokeUserSessions(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const { count } = await tx.authSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** The person behind an auth_session id, or null when that session is over. */
export async function loadSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db.authSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: {
        select: { id: true, name: true, email: true, role: true, active: true, sites: { select: { siteId: true } } },
      },
    },
  });
  if (!session || session.revokedAt || !session.user.active) return null;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  if (session.expiresAt <= now || idleSince > SESSION_POLICY.idleMinutes * 60_000) return null;
  if (idleSince > SESSION_POLICY.touchEverySeconds * 1000) {
    await db.authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    siteIds: user.sites.map((s) => s.siteId).sort(),
    sessionId: session.id,
  };
}

async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const token = await decode({ token: value, secret: authSecret() }).catch(() => null);
    if (typeof token?.sid === 'string') return token.sid;
  }
  return null;
}

/** The signed-in person for this request, or null. Cached for the request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const sessionId = await sessionIdFromCookie();
  return sessionId ? loadSessionUser(sessionId) : null;
});
