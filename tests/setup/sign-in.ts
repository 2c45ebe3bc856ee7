// Signs a test in as a user: a real auth_session row and a real signed cookie.
import { encode } from 'next-auth/jwt';
import { createAuthSession } from '../../lib/auth/session';
import { db } from '../../lib/db';
import { cookieJar } from './request-context';

export async function signInAs(email: string): Promise<{ userId: string; sessionId: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const sessionId = await createAuthSession(user.id, 'password');
  const token = await encode({ token: { sid: sessionId, sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
  cookieJar.clear();
  cookieJar.set('next-auth.session-token', token);
  return { userId: user.id, sessionId };
}

export function signOut(): void {
  cookieJar.clear();
}
