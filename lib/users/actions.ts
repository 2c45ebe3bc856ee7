'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { revokeUserSessions } from '@/lib/auth/session';
import {
  assertProviderExists,
  assertSitesExist,
  changedValues,
  createUserWithInvitation,
  userAuditSelect,
  userAuditValues,
} from './accounts';
import { addSiteTutorSchema, createUserSchema, updateUserSchema, userRefSchema } from './schemas';
import { issuePasswordLink } from './tokens';

const GONE = 'That user no longer exists. Reload the list and try again.';

export const createUserAction = defineAction({
  name: 'users.create',
  permission: 'users.manage',
  input: createUserSchema,
  async run(context) {
    const invitation = await createUserWithInvitation(context, context.input);
    revalidatePath('/district/users', 'layout');
    return invitation;
  },
});

export const updateUserAction = defineAction({
  name: 'users.update',
  permission: 'users.manage',
  input: updateUserSchema,
  async run({ tx, user, input, audit }) {
    const current = await tx.user.findUnique({ where: { id: input.userId }, select: userAuditSelect });
    if (!current) throw new ActionError(GONE);
    if (current.id === user.id && current.role === 'DISTRICT_ADMIN' && input.role !== 'DISTRICT_ADMIN') {
      const message = 'You cannot remove your own district admin role. Ask another district admin to do it.';
      throw new ActionError(message, { role: [message] });
    }
    await assertSitesExist(tx, input.siteIds);
    await assertProviderExists(tx, input.tutorProfile);
    if (current.role === 'TUTOR') {
      // Groups must always have a primary tutor who can reach them.
      const keepsRole = input.role === 'TUTOR';
      const stranded = await tx.group.count({
        where: {
          primaryTutorId: current.id,
          status: 'ACTIVE',
          ...(keepsRole ? { siteId: { notIn: input.siteIds } } : {}),
        },
      });
      if (stranded > 0) {
        const message = keepsRole
          ? `This tutor leads ${stranded} active group(s) at a site you unticked. Give those groups another tutor first.`
          : `This tutor leads ${stranded} active group(s). Give those groups another tutor before changing the role.`;
        throw new ActionError(message, { [keepsRole ? 'siteIds' : 'role']: [message] });
      }
    }

    await tx.user.update({
      where: { id: current.id },
      data: { name: input.name, role: input.role },
      select: { id: true },
    });
    await tx.userSite.deleteMany({ where: { userId: current.id, siteId: { notIn: input.siteIds } } });
    if (input.siteIds.length > 0) {
      await tx.userSite.createMany({
        data: input.siteIds.map((siteId) => ({ userId: current.id, siteId })),
        skipDuplicates: true,
      });
    }
    if (input.tutorProfile) {
      await tx.tutorProfile.upsert({
        where: { userId: current.id },
        create: { userId: current.id, ...input.tutorProfile },
        update: input.tutorProfile,
        select: { userId: true },
      });
    }
    const updated = await tx.user.findUniqueOrThrow({ where: { id: current.id }, select: userAuditSelect });
    const change = changedValues(userAuditValues(current), userAuditValues(updated));
    if (change) await audit({ entityType: 'user', entityId: current.id, before: change.before, after: change.after });
    revalidatePath('/district/users', 'layout');
    return { changed: change !== null };
  },
});

export const deactivateUserAction = defineAction({
  name: 'users.deactivate',
  permission: 'users.manage',
  input: userRefSchema,
  async run({ tx, user, input, audit }) {
    if (input.userId === user.id)
      throw new ActionError('You cannot deactivate your own account. Ask another district admin to do it.');
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, active: true } });
    if (!target) throw new ActionError(GONE);
    if (!target.active) throw new ActionError('This account is already deactivated.');
    const now = new Date();
    await tx.user.update({
      where: { id: target.id },
      data: { active: false, deactivatedAt: now },
      select: { id: true },
    });
    const sessionsEnded = await revokeUserSessions(tx, target.id);
    // An unused invitation must not come back to life if the account is reactivated.
    await tx.passwordToken.updateMany({
      where: { userId: target.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await audit({
      entityType: 'user',
      entityId: target.id,
      before: { active: true, deactivatedAt: null },
      after: { active: false, deactivatedAt: now.toISOString(), sessionsEnded },
    });
    revalidatePath('/district/users', 'layout');
    return { sessionsEnded };
  },
});

export const reactivateUserAction = defineAction({
  name: 'users.reactivate',
  permission: 'users.manage',
  input: userRefSchema,
  async run({ tx, input, audit }) {
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, active: true, deactivatedAt: true },
    });
    if (!target) throw new ActionError(GONE);
    if (target.active) throw new ActionError('This account is already active.');
    await tx.user.update({
      where: { id: target.id },
      data: { active: true, deactivatedAt: null },
      select: { id: true },
    });
    await audit({
      entityType: 'user',
      entityId: target.id,
      before: { active: false, deactivatedAt: target.deactivatedAt?.toISOString() ?? null },
      after: { active: true, deactivatedAt: null },
    });
    revalidatePath('/district/users', 'layout');
    return { active: true };
  },
});

/** A new one-time link; the old password stops working and every open session ends. */
export const resetPasswordAction = defineAction({
  name: 'users.resetPassword',
  permission: 'users.manage',
  input: userRefSchema,
  async run({ tx, user, input, audit }) {
    if (input.userId === user.id) {
      throw new ActionError(
        'You cannot reset your own password here: it would sign you out. Ask another district admin to do it.',
      );
    }
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, name: true, active: true },
    });
    if (!target) throw new ActionError(GONE);
    if (!target.active) throw new ActionError('Reactivate this account before issuing a password link.');
    const hadPassword = (await tx.user.count({ where: { id: target.id, passwordHash: { not: null } } })) > 0;
    await tx.user.update({ where: { id: target.id }, data: { passwordHash: null }, select: { id: true } });
    const sessionsEnded = await revokeUserSessions(tx, target.id);
    const link = await issuePasswordLink(tx, { userId: target.id, purpose: 'reset', issuedById: user.id });
    await audit({
      entityType: 'user',
      entityId: target.id,
      before: { passwordSet: hadPassword },
      after: { passwordSet: false, sessionsEnded },
    });
    await audit({
      entityType: 'password_token',
      entityId: link.tokenId,
      after: { userId: target.id, purpose: 'reset', expiresAt: link.expiresAt.toISOString() },
    });
    revalidatePath('/district/users', 'layout');
    return { name: target.name, resetUrl: link.url, expiresAt: link.expiresAt.toISOString() };
  },
});

/** A coordinator adds a tutor at one of their sites: role TUTOR, that site only. */
export const addSiteTutorAction = defineAction({
  name: 'site.tutors.add',
  permission: 'site.tutors.add',
  input: addSiteTutorSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run(context) {
    const invitation = await createUserWithInvitation(context, context.input);
    revalidatePath(`/sites/${context.input.siteId}/tutors`);
    return invitation;
  },
});
