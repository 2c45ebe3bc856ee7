// Sessions live in Postgres: ended at once on deactivation, expired after inactivity.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_POLICY } from '../../lib/auth/config';
import { requireUser } from '../../lib/auth/guards';
import { loadSessionUser, revokeUserSessions } from '../../lib/auth/session';
import { db } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({ data: { email: 'pat@test.example', name: 'Pat Tutor', role: 'TUTOR' } });
});

describe('server-side sessions', () => {
  it('knows who is signed in from the cookie, and nobody without one', async () => {
    await signInAs('pat@test.example');
    await expect(requireUser()).resolves.toMatchObject({ email: 'pat@test.example', role: 'TUTOR' });
    signOut();
    await expect(requireUser()).rejects.toThrow(/session has ended/);
  });

  it('ends every open session the moment a user is deactivated', async () => {
    const { userId, sessionId } = await signInAs('pat@test.example');
    expect(await loadSessionUser(sessionId)).not.toBeNull();
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { active: false, deactivatedAt: new Date() } });
      await revokeUserSessions(tx, userId);
    });
    expect(await loadSessionUser(sessionId)).toBeNull();
    await expect(requireUser()).rejects.toThrow(/session has ended/);
  });

  it('expires a session after the idle limit, and keeps an active one alive', async () => {
    const { sessionId } = await signInAs('pat@test.example');
    const idleMs = SESSION_POLICY.idleMinutes * 60_000;
    await db.authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - idleMs + 120_000) },
    });
    expect(await loadSessionUser(sessionId)).not.toBeNull();
    // That request touched lastSeenAt, so the session is fresh again.
    const touched = await db.authSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(10_000);
    await db.authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - idleMs - 1000) },
    });
    expect(await loadSessionUser(sessionId)).toBeNull();
  });

  it('refuses a forged cookie', async () => {
    await signInAs('pat@test.example');
    const { cookieJar } = await import('../setup/request-context');
    cookieJar.set('next-auth.session-token', 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged');
    await expect(requireUser()).rejects.toThrow(/session has ended/);
  });
});
