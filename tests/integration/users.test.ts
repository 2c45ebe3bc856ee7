// User administration, a coordinator adding tutors, and one-time set-password links,
// called as the server actions are, by a signed-in person against the real database.
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../lib/auth/password';
import { loadSessionUser } from '../../lib/auth/session';
import { db } from '../../lib/db';
import {
  addSiteTutorAction,
  createUserAction,
  deactivateUserAction,
  reactivateUserAction,
  resetPasswordAction,
  updateUserAction,
} from '../../lib/users/actions';
import { setPasswordAction } from '../../lib/users/set-password-action';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

let siteA: { id: string };
let siteB: { id: string };
let providerId: string;
let coordinatorId: string;

beforeEach(async () => {
  await truncateAll(pool);
  siteA = await db.site.create({ data: { code: 'A', name: 'Adams Elementary', gradeMin: 0, gradeMax: 5 } });
  siteB = await db.site.create({ data: { code: 'B', name: 'Baker Elementary', gradeMin: 0, gradeMax: 5 } });
  providerId = (await db.provider.create({ data: { name: 'District Tutoring Corps', kind: 'DISTRICT_STAFF' } })).id;
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada Admin', role: 'DISTRICT_ADMIN' } });
  await db.user.create({ data: { email: 'leader@test.example', name: 'Lee Leader', role: 'DISTRICT_LEADER' } });
  coordinatorId = (
    await db.user.create({
      data: {
        email: 'coord@test.example',
        name: 'Cora Coordinator',
        role: 'SITE_COORDINATOR',
        sites: { create: [{ siteId: siteA.id }] },
      },
    })
  ).id;
});

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const tutorFields = {
  providerId: '',
  subjects: ['MATH'],
  gradeMin: '3',
  gradeMax: '5',
  capacityGroups: '3',
  hourlyCost: '32.50',
  credentialStatus: 'CLEARED',
};

async function rowCounts() {
  const [users, userSites, profiles, tokens, audit] = await Promise.all([
    db.user.count(),
    db.userSite.count(),
    db.tutorProfile.count(),
    db.passwordToken.count(),
    db.auditEvent.count(),
  ]);
  return { users, userSites, profiles, tokens, audit };
}

function tokenOf(url: string): string {
  return url.split('/invite/')[1]!;
}

async function createCoordinator(email = 'new.coord@test.example') {
  await signInAs('admin@test.example');
  const result = await createUserAction(
    null,
    form({ name: 'Nia New', email, role: 'SITE_COORDINATOR', siteIds: [siteA.id, siteB.id] }),
  );
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

describe('a district admin creates users', () => {
  it('creates a coordinator with sites, an invitation link, and an audit event without secrets', async () => {
    await signInAs('admin@test.example');
    const result = await createUserAction(
      null,
      form({
        name: '  Nia New ',
        email: ' Nia.New@Test.Example ',
        role: 'SITE_COORDINATOR',
        siteIds: [siteA.id, siteB.id],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const user = await db.user.findUniqueOrThrow({
      where: { email: 'nia.new@test.example' },
      include: { sites: true },
    });
    expect(user).toMatchObject({ name: 'Nia New', role: 'SITE_COORDINATOR', active: true, passwordHash: null });
    expect(user.sites.map((s) => s.siteId).sort()).toEqual([siteA.id, siteB.id].sort());

    const token = tokenOf(result.data.inviteUrl);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.passwordToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.purpose).toBe('invite');
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const days = (stored.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.create', entityId: user.id } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@test.example' } });
    expect(event).toMatchObject({ actorId: admin.id, entityType: 'user', before: null });
    expect(event.after).toMatchObject({
      name: 'Nia New',
      email: 'nia.new@test.example',
      role: 'SITE_COORDINATOR',
      active: true,
    });
    expect((event.after as { siteIds: string[] }).siteIds.sort()).toEqual([siteA.id, siteB.id].sort());

    const everything = JSON.stringify(await db.auditEvent.findMany({ select: { before: true, after: true } }));
    expect(everything).not.toMatch(/passwordHash|tokenHash/);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(stored.tokenHash);
  });

  it('creates a tutor with a tutor profile', async () => {
    await signInAs('admin@test.example');
    const result = await createUserAction(null, {
      name: 'Tam Tutor',
      email: 'tam@test.example',
      role: 'TUTOR',
      siteIds: [siteA.id],
      ...tutorFields,
      providerId,
      subjects: ['MATH', 'ELA'],
    });
    expect(result.ok).toBe(true);
    const profile = await db.tutorProfile.findFirstOrThrow({ where: { user: { email: 'tam@test.example' } } });
    expect(profile).toMatchObject({
      providerId,
      gradeMin: 3,
      gradeMax: 5,
      capacityGroups: 3,
      hourlyCostCents: 3250,
      credentialStatus: 'CLEARED',
    });
    expect(profile.subjects.sort()).toEqual(['ELA', 'MATH']);
  });

  it('requires sites and a profile for the roles that need them, and refuses sites for district roles', async () => {
    await signInAs('admin@test.example');
    const before = await rowCounts();
    const tutor = await createUserAction(null, form({ name: 'Tam', email: 'tam@test.example', role: 'TUTOR' }));
    expect(tutor.ok).toBe(false);
    if (!tutor.ok)
      expect(Object.keys(tutor.fieldErrors ?? {}).sort()).toEqual([
        'gradeMax',
        'gradeMin',
        'providerId',
        'siteIds',
        'subjects',
      ]);
    // Every problem at once, not the format errors first and the role's needs on the next try.
    const both = await createUserAction(
      null,
      form({ name: 'Tam', email: 'not-an-email', role: 'TUTOR', capacityGroups: 'many' }),
    );
    expect(both.ok).toBe(false);
    if (!both.ok)
      expect(Object.keys(both.fieldErrors ?? {}).sort()).toEqual([
        'capacityGroups',
        'email',
        'gradeMax',
        'gradeMin',
        'providerId',
        'siteIds',
        'subjects',
      ]);
    const leader = await createUserAction(
      null,
      form({ name: 'Lin', email: 'lin@test.example', role: 'DISTRICT_LEADER', siteIds: siteA.id }),
    );
    expect(leader.ok).toBe(false);
    if (!leader.ok) expect(leader.fieldErrors?.siteIds?.[0]).toMatch(/every site/);
    const band = await createUserAction(null, {
      name: 'Tam',
      email: 'tam@test.example',
      role: 'TUTOR',
      siteIds: [siteA.id],
      ...tutorFields,
      providerId,
      gradeMin: '5',
      gradeMax: '2',
    });
    expect(band.ok).toBe(false);
    if (!band.ok) expect(band.fieldErrors?.gradeMax?.[0]).toMatch(/below the lowest/);
    expect(await rowCounts()).toEqual(before);
  });

  it('gives a field error for an email already in use, whatever its case, and writes nothing', async () => {
    await signInAs('admin@test.example');
    const before = await rowCounts();
    const result = await createUserAction(
      null,
      form({ name: 'Second Cora', email: ' COORD@test.example', role: 'SITE_COORDINATOR', siteIds: siteA.id }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.email?.[0]).toMatch(/already has an account/);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an unknown role', { role: 'SUPERUSER' }, 'role'],
    ['a 10,000-character name', { name: 'x'.repeat(10_000) }, 'name'],
    ['a site id that is not a uuid', { siteIds: ['site-a'] }, 'siteIds'],
    ['a site that does not exist', { siteIds: ['6f1c2a8e-7d3b-4c5a-9e2f-0a1b2c3d4e5f'] }, 'siteIds'],
  ])('refuses %s with a clear field error and writes nothing', async (_label, override, field) => {
    await signInAs('admin@test.example');
    const before = await rowCounts();
    const result = await createUserAction(
      null,
      form({ name: 'Nia New', email: 'nia@test.example', role: 'SITE_COORDINATOR', siteIds: [siteA.id], ...override }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
      expect(result.message).toMatch(/attention/);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('a district admin edits and deactivates accounts', () => {
  it('updates name, role and sites, and audits only what changed', async () => {
    const { userId } = await createCoordinator();
    const result = await updateUserAction(
      null,
      form({ userId, name: 'Nia Newer', role: 'SITE_COORDINATOR', siteIds: siteB.id }),
    );
    expect(result).toEqual({ ok: true, data: { changed: true } });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { sites: true } });
    expect(user.name).toBe('Nia Newer');
    expect(user.sites.map((s) => s.siteId)).toEqual([siteB.id]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.update', entityId: userId } });
    expect(event.before).toEqual({ name: 'Nia New', siteIds: [siteA.id, siteB.id].sort() });
    expect(event.after).toEqual({ name: 'Nia Newer', siteIds: [siteB.id] });
  });

  it("deactivating ends the person's open sessions at once and is audited; reactivating lets them back", async () => {
    const { sessionId } = await signInAs('coord@test.example');
    expect(await loadSessionUser(sessionId)).not.toBeNull();
    await signInAs('admin@test.example');
    const result = await deactivateUserAction(null, form({ userId: coordinatorId }));
    expect(result).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    expect(await loadSessionUser(sessionId)).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: coordinatorId } });
    expect(user.active).toBe(false);
    expect(user.deactivatedAt).toBeInstanceOf(Date);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'users.deactivate', entityId: coordinatorId },
    });
    expect(event.before).toMatchObject({ active: true });
    expect(event.after).toMatchObject({ active: false, sessionsEnded: 1 });

    expect((await deactivateUserAction(null, { userId: coordinatorId })).ok).toBe(false);
    expect((await reactivateUserAction(null, { userId: coordinatorId })).ok).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: coordinatorId } })).toMatchObject({
      active: true,
      deactivatedAt: null,
    });
    expect(await db.auditEvent.count({ where: { action: 'users.reactivate', entityId: coordinatorId } })).toBe(1);
  });

  it('an admin cannot deactivate themselves or remove their own admin role', async () => {
    const { userId } = await signInAs('admin@test.example');
    const before = await rowCounts();
    const deactivate = await deactivateUserAction(null, { userId });
    expect(deactivate).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cannot deactivate your own account/),
    });
    const demote = await updateUserAction(null, { userId, name: 'Ada Admin', role: 'DISTRICT_LEADER' });
    expect(demote.ok).toBe(false);
    if (!demote.ok) expect(demote.fieldErrors?.role?.[0]).toMatch(/own district admin role/);
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      active: true,
      role: 'DISTRICT_ADMIN',
    });
    expect(await rowCounts()).toEqual(before);
  });

  it.each(['leader@test.example', 'coord@test.example'])(
    'refuses the admin actions to %s and changes nothing',
    async (email) => {
      const target = await db.user.create({
        data: {
          email: 'target@test.example',
          name: 'Tia Target',
          role: 'SITE_COORDINATOR',
          sites: { create: [{ siteId: siteA.id }] },
        },
      });
      const { sessionId: targetSession } = await signInAs('target@test.example');
      await signInAs(email);
      const before = await rowCounts();
      const attempts = await Promise.all([
        createUserAction(null, { name: 'Eve', email: 'eve@test.example', role: 'DISTRICT_ADMIN' }),
        updateUserAction(null, { userId: target.id, name: 'Renamed', role: 'DISTRICT_ADMIN' }),
        deactivateUserAction(null, { userId: target.id }),
        reactivateUserAction(null, { userId: target.id }),
        resetPasswordAction(null, { userId: target.id }),
      ]);
      for (const attempt of attempts) expect(attempt).toEqual({ ok: false, message: 'Your role does not allow that.' });
      expect(await rowCounts()).toEqual(before);
      expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
        name: 'Tia Target',
        role: 'SITE_COORDINATOR',
        active: true,
      });
      expect(await loadSessionUser(targetSession)).not.toBeNull();
    },
  );
});

describe('a coordinator adds tutors', () => {
  it('adds a tutor at their own site: always a tutor, always that site', async () => {
    await signInAs('coord@test.example');
    const result = await addSiteTutorAction(
      null,
      // role and siteIds are not fields of this action: they are ignored, not obeyed.
      form({
        siteId: siteA.id,
        name: 'Tam Tutor',
        email: 'tam@test.example',
        role: 'DISTRICT_ADMIN',
        siteIds: siteB.id,
        ...tutorFields,
        providerId,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(tokenOf(result.data.inviteUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const tutor = await db.user.findUniqueOrThrow({
      where: { email: 'tam@test.example' },
      include: { sites: true, tutorProfile: true },
    });
    expect(tutor.role).toBe('TUTOR');
    expect(tutor.sites.map((s) => s.siteId)).toEqual([siteA.id]);
    expect(tutor.tutorProfile).toMatchObject({ providerId, subjects: ['MATH'], capacityGroups: 3 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'site.tutors.add', entityType: 'user' } });
    expect(event).toMatchObject({ actorId: coordinatorId, entityId: tutor.id, siteId: siteA.id, before: null });
  });

  it('is refused at another site, and nothing is written', async () => {
    await signInAs('coord@test.example');
    const before = await rowCounts();
    const result = await addSiteTutorAction(null, {
      siteId: siteB.id,
      name: 'Tam Tutor',
      email: 'tam@test.example',
      ...tutorFields,
      providerId,
    });
    expect(result).toEqual({ ok: false, message: 'That site does not exist or is not one of yours.' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a leader may not add tutors', async () => {
    await signInAs('leader@test.example');
    const result = await addSiteTutorAction(null, {
      siteId: siteA.id,
      name: 'Tam Tutor',
      email: 'tam@test.example',
      ...tutorFields,
      providerId,
    });
    expect(result.ok).toBe(false);
    expect(await db.user.count({ where: { email: 'tam@test.example' } })).toBe(0);
  });
});

describe('one-time set-password links', () => {
  const password = 'correct horse battery';

  it('an invitation sets a password exactly once', async () => {
    const { userId, inviteUrl } = await createCoordinator();
    signOut();
    const token = tokenOf(inviteUrl);
    const first = await setPasswordAction(null, form({ token, password, confirmPassword: password }));
    expect(first).toMatchObject({ ok: true, data: { email: 'new.coord@test.example' } });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.setPassword', entityId: userId } });
    expect(event.actorId).toBe(userId);
    expect(JSON.stringify([event.before, event.after])).not.toMatch(/hash|\$argon/i);

    const second = await setPasswordAction(null, {
      token,
      password: 'another password 2',
      confirmPassword: 'another password 2',
    });
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/does not work any more/) });
    expect(
      await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash, password),
    ).toBe(true);
  });

  it('checks the password fields without using up the link', async () => {
    const { inviteUrl } = await createCoordinator();
    const token = tokenOf(inviteUrl);
    const short = await setPasswordAction(null, { token, password: 'short', confirmPassword: 'short' });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.fieldErrors?.password?.[0]).toMatch(/at least 10/);
    const mismatch = await setPasswordAction(null, { token, password, confirmPassword: `${password}!` });
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok) expect(mismatch.fieldErrors?.confirmPassword?.[0]).toMatch(/do not match/);
    expect((await setPasswordAction(null, { token, password, confirmPassword: password })).ok).toBe(true);
  });

  it("refuses an expired link, a made-up link and a deactivated person's link with the same message", async () => {
    const { userId, inviteUrl } = await createCoordinator();
    const token = tokenOf(inviteUrl);
    await db.passwordToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await setPasswordAction(null, { token, password, confirmPassword: password });
    const madeUp = await setPasswordAction(null, { token: 'A'.repeat(43), password, confirmPassword: password });
    const garbage = await setPasswordAction(null, { token: '../../etc', password, confirmPassword: password });
    for (const result of [expired, madeUp, garbage])
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/does not work any more/) });

    const other = await createCoordinator('other@test.example');
    await deactivateUserAction(null, { userId: other.userId });
    const deactivated = await setPasswordAction(null, {
      token: tokenOf(other.inviteUrl),
      password,
      confirmPassword: password,
    });
    expect(deactivated).toMatchObject({ ok: false, message: expect.stringMatching(/does not work any more/) });
    expect(await db.user.count({ where: { passwordHash: { not: null } } })).toBe(0);
  });

  it('a reset ends sessions, stops the old password and the old link, and issues a link that works once', async () => {
    const { userId, inviteUrl } = await createCoordinator();
    await setPasswordAction(null, { token: tokenOf(inviteUrl), password, confirmPassword: password });
    const { sessionId } = await signInAs('new.coord@test.example');

    await signInAs('admin@test.example');
    const reset = await resetPasswordAction(null, form({ userId }));
    expect(reset.ok).toBe(true);
    if (!reset.ok) return;
    expect(await loadSessionUser(sessionId)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
    const resetToken = tokenOf(reset.data.resetUrl);
    const stored = await db.passwordToken.findUniqueOrThrow({
      where: { tokenHash: createHash('sha256').update(resetToken).digest('hex') },
    });
    expect(stored.purpose).toBe('reset');
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'users.resetPassword', entityType: 'user' },
    });
    expect(event).toMatchObject({
      entityId: userId,
      before: { passwordSet: true },
      after: { passwordSet: false, sessionsEnded: 1 },
    });

    const newPassword = 'a brand new passphrase';
    expect(
      (await setPasswordAction(null, { token: resetToken, password: newPassword, confirmPassword: newPassword })).ok,
    ).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash, newPassword)).toBe(true);
    expect(await verifyPassword(user.passwordHash, password)).toBe(false);
    expect((await setPasswordAction(null, { token: resetToken, password, confirmPassword: password })).ok).toBe(false);
  });

  it('a new link replaces an unused earlier one', async () => {
    const { userId, inviteUrl } = await createCoordinator();
    const reset = await resetPasswordAction(null, { userId });
    expect(reset.ok).toBe(true);
    expect((await setPasswordAction(null, { token: tokenOf(inviteUrl), password, confirmPassword: password })).ok).toBe(
      false,
    );
  });

  it('an admin cannot reset their own password from here', async () => {
    const { userId } = await signInAs('admin@test.example');
    const result = await resetPasswordAction(null, { userId });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/own password/) });
    expect(await db.passwordToken.count()).toBe(0);
  });
});
