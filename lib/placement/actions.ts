'use server';

// The group builder's writes: create a group, place a student, move one, end a
// placement. Each re-checks the rules of ./rules inside its transaction, after
// locking the group row, so what the screen explained is what the server enforces
// and two coordinators racing for the last seat are served one at a time.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { requireGroupAccess } from '@/lib/auth/guards';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import { createGroupInTx, placeInGroup, updateGroupInTx } from './build';
import { placementPolicy } from './policy';
import { addDays } from '@/lib/dates';
import {
  createGroupSchema,
  endPlacementSchema,
  movePlacementSchema,
  placeStudentSchema,
  updateGroupSchema,
} from './schemas';

type Tx = Prisma.TransactionClient;

function revalidateSite(siteId: string) {
  revalidatePath(`/sites/${siteId}`, 'layout');
}

export const createGroupAction = defineAction({
  name: 'groups.create',
  permission: 'site.groups.manage',
  input: createGroupSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, input, audit }) {
    const { groupId, tutorName, sessionsCreated } = await createGroupInTx(tx, input);
    const { confirm: _confirm, ...after } = input;
    await audit({
      entityType: 'group',
      entityId: groupId,
      siteId: input.siteId,
      after: { ...after, tutorName, sessionsCreated },
    });
    revalidateSite(input.siteId);
    return { groupId, sessionsCreated };
  },
});

export const updateGroupAction = defineAction({
  name: 'groups.update',
  permission: 'site.groups.manage',
  input: updateGroupSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    const { siteId, before, after, sessions } = await updateGroupInTx(tx, input);
    await audit({ entityType: 'group', entityId: input.groupId, siteId, before, after: { ...after, sessions } });
    revalidateSite(siteId);
    return { groupId: input.groupId, sessionsCreated: sessions.created, sessionsRemoved: sessions.removed };
  },
});

export const placeStudentAction = defineAction({
  name: 'placements.add',
  permission: 'site.groups.manage',
  input: placeStudentSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    const policy = await placementPolicy(tx);
    const placed = await placeInGroup(tx, input, policy);
    await audit({
      entityType: 'membership',
      entityId: placed.membershipId,
      siteId: placed.group.siteId,
      after: {
        student: placed.student.name,
        group: placed.group.name,
        startDate: input.startDate,
        goalScore: input.goalScore ?? null,
        overrodeWarnings: placed.warnings,
      },
    });
    revalidateSite(placed.group.siteId);
    return {
      membershipId: placed.membershipId,
      message: `${placed.student.name} was placed in ${placed.group.name} from ${input.startDate}.`,
    };
  },
});

async function loadMembership(tx: Tx, membershipId: string, groupId: string) {
  const membership = await tx.membership.findUnique({
    where: { id: membershipId },
    select: {
      id: true,
      groupId: true,
      studentId: true,
      startDate: true,
      endDate: true,
      endReason: true,
      student: { select: { firstName: true, lastName: true } },
      group: { select: { name: true, siteId: true } },
    },
  });
  if (!membership || membership.groupId !== groupId)
    throw new ActionError('That placement no longer exists. Reload the page.');
  return { ...membership, studentName: `${membership.student.firstName} ${membership.student.lastName}` };
}

export const endPlacementAction = defineAction({
  name: 'placements.end',
  permission: 'site.groups.manage',
  input: endPlacementSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    await tx.$queryRaw`SELECT id FROM tutoring_group WHERE id = ${input.groupId}::uuid FOR UPDATE`;
    const membership = await loadMembership(tx, input.membershipId, input.groupId);
    const start = toIsoDate(membership.startDate);
    if (membership.endDate && toIsoDate(membership.endDate) <= input.endDate) {
      throw new ActionError(
        `${membership.studentName} already left ${membership.group.name} on ${toIsoDate(membership.endDate)}.`,
      );
    }
    const before = {
      startDate: start,
      endDate: membership.endDate ? toIsoDate(membership.endDate) : null,
      endReason: membership.endReason,
    };
    if (input.endDate < start) {
      // A placement that never began leaves no history to keep: attended nothing, no probes.
      const [attended, probes] = await Promise.all([
        tx.attendance.count({
          where: {
            studentId: membership.studentId,
            session: { groupId: input.groupId, date: { gte: membership.startDate } },
          },
        }),
        tx.probe.count({ where: { membershipId: membership.id } }),
      ]);
      if (attended + probes > 0)
        throw new ActionError(`The last day cannot be before ${membership.studentName}'s first day (${start}).`, {
          endDate: ['Choose a later date.'],
        });
      await tx.membership.delete({ where: { id: membership.id } });
      await audit({
        entityType: 'membership',
        entityId: membership.id,
        siteId: membership.group.siteId,
        before: { ...before, student: membership.studentName },
        after: { cancelledBeforeStart: true, reason: input.reason },
      });
    } else {
      await tx.membership.update({
        where: { id: membership.id },
        data: { endDate: fromIsoDate(input.endDate), endReason: input.reason },
      });
      await audit({
        entityType: 'membership',
        entityId: membership.id,
        siteId: membership.group.siteId,
        before: { ...before, student: membership.studentName },
        after: { ...before, endDate: input.endDate, endReason: input.reason },
      });
    }
    revalidateSite(membership.group.siteId);
    return { message: `${membership.studentName} left ${membership.group.name} (last day ${input.endDate}).` };
  },
});

export const movePlacementAction = defineAction({
  name: 'placements.move',
  permission: 'site.groups.manage',
  input: movePlacementSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, user, input, audit }) {
    if (input.toGroupId === input.groupId)
      throw new ActionError('Choose a different group to move to.', { toGroupId: ['Choose a different group.'] });
    await requireGroupAccess(user, input.toGroupId, undefined, tx);
    const policy = await placementPolicy(tx);
    // Lock both groups in one order, so two moves in opposite directions cannot deadlock.
    for (const id of [input.groupId, input.toGroupId].sort())
      await tx.$queryRaw`SELECT id FROM tutoring_group WHERE id = ${id}::uuid FOR UPDATE`;
    const membership = await loadMembership(tx, input.membershipId, input.groupId);
    const start = toIsoDate(membership.startDate);
    if (membership.endDate && toIsoDate(membership.endDate) < input.startDate)
      throw new ActionError(`${membership.studentName} is no longer in ${membership.group.name}.`);
    if (input.startDate <= start) {
      throw new ActionError(
        `The move must start after ${membership.studentName}'s first day in ${membership.group.name} (${start}).`,
        { startDate: ['Choose a later date.'] },
      );
    }
    const lastDay = addDays(input.startDate, -1);
    await tx.membership.update({
      where: { id: membership.id },
      data: { endDate: fromIsoDate(lastDay), endReason: 'Moved to another group' },
    });
    const placed = await placeInGroup(
      tx,
      { groupId: input.toGroupId, studentId: membership.studentId, startDate: input.startDate, confirm: input.confirm },
      policy,
      {
        groupId: input.groupId,
        membershipId: membership.id,
      },
    );
    if (placed.group.siteId !== membership.group.siteId)
      throw new ActionError('A student can only move to a group at their own site.');
    await audit({
      entityType: 'membership',
      entityId: membership.id,
      siteId: membership.group.siteId,
      before: { group: membership.group.name, startDate: start, endDate: null },
      after: {
        group: membership.group.name,
        startDate: start,
        endDate: lastDay,
        movedTo: placed.group.name,
        newMembershipId: placed.membershipId,
        overrodeWarnings: placed.warnings,
      },
    });
    revalidateSite(membership.group.siteId);
    return {
      membershipId: placed.membershipId,
      message: `${membership.studentName} moved to ${placed.group.name} from ${input.startDate}.`,
    };
  },
});
