'use server';

// Accepting a suggested group: the group, its sessions and every placement in one
// transaction, each under the same rules as when done by hand. One refusal undoes all.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { createGroupInTx, placeInGroup } from './build';
import { placementPolicy } from './policy';
import { acceptSuggestionSchema } from './schemas';

export const acceptSuggestionAction = defineAction({
  name: 'suggestions.accept',
  permission: 'site.groups.manage',
  input: acceptSuggestionSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, input, audit }) {
    const policy = await placementPolicy(tx);
    if (input.studentIds.length > policy.maxGroupSize) {
      throw new ActionError(`A group holds at most ${policy.maxGroupSize} students.`, {
        studentIds: ['Choose fewer students.'],
      });
    }
    const { studentIds, confirm, ...groupInput } = input;
    const created = await createGroupInTx(tx, { ...groupInput, confirm });
    const startDate = input.startDate > policy.today ? input.startDate : policy.today;
    const placed: string[] = [];
    for (const studentId of studentIds) {
      const result = await placeInGroup(tx, { groupId: created.groupId, studentId, startDate, confirm }, policy);
      placed.push(result.student.name);
    }
    await audit({
      entityType: 'group',
      entityId: created.groupId,
      siteId: input.siteId,
      after: {
        ...groupInput,
        tutorName: created.tutorName,
        sessionsCreated: created.sessionsCreated,
        fromSuggestion: true,
        students: placed,
      },
    });
    revalidatePath(`/sites/${input.siteId}`, 'layout');
    return { groupId: created.groupId, message: `${input.name} was created with ${placed.join(', ')}.` };
  },
});
