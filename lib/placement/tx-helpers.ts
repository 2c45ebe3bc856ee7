// Transaction steps the group builder's actions share (kept out of the 'use server'
// modules, which may only export actions).
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { RuleIssue, Verdict } from './rules';

type Tx = Prisma.TransactionClient;

/** Blocks refuse; warnings refuse until the person ticks "save anyway" (confirm). */
export function enforce(verdict: Verdict, confirmed: boolean): void {
  if (verdict.blocks.length > 0) {
    throw new ActionError(verdict.blocks.map((b) => b.message).join(' '), {
      rules: verdict.blocks.map((b) => b.message),
    });
  }
  if (verdict.warnings.length > 0 && !confirmed) {
    throw new ActionError('Check the warnings below, then confirm to save anyway.', {
      confirm: verdict.warnings.map((w: RuleIssue) => w.message),
    });
  }
}

/** Locks the group row for the rest of the transaction and returns what the rules need. */
export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT id FROM tutoring_group WHERE id = ${groupId}::uuid FOR UPDATE`;
  const group = await tx.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      siteId: true,
      subject: true,
      gradeMin: true,
      gradeMax: true,
      startDate: true,
      endDate: true,
      status: true,
      meetings: { select: { weekday: true, startMinute: true, plannedMinutes: true } },
    },
  });
  if (!group) throw new ActionError('That group no longer exists. Reload the page.');
  if (group.status !== 'ACTIVE')
    throw new ActionError(`${group.name} is closed: students can no longer be placed in it.`);
  return group;
}
