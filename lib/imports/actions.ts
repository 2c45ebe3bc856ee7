'use server';

// Applying or discarding a staged import. One transaction for the whole batch,
// one audit event with its counts (not one per row).
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { Prisma } from '@/lib/generated/prisma/client';
import { batchScope, requireBatch } from './access';
import { applyPayload, describeResult } from './apply';
import { endProgress } from './progress';
import { applyBatchSchema, batchRefSchema } from './schemas';
import type { ImportPayload, ImportSummary, RosterProblem } from './types';

type Tx = Prisma.TransactionClient;

const REFUSED: Record<string, string> = {
  QUEUED: 'These files are still waiting to be checked. Apply or discard them once the preview is ready.',
  STAGING: 'These files are still being checked. Apply or discard them once the preview is ready.',
  APPLIED: 'This import was already applied.',
  DISCARDED: 'This import was discarded. Upload the files again to import them.',
  FAILED: 'This import failed. Upload the files again to import them.',
};

/**
 * Serializes work on one batch: a second click waits, then sees it applied. An
 * advisory lock rather than a row lock, so progress updates from outside the
 * transaction can still write the batch row.
 */
async function lockBatch(tx: Tx, batchId: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `import_batch:${batchId}`);
}

function revalidateImports(siteId: string | null) {
  revalidatePath('/district/imports');
  if (siteId) revalidatePath(`/sites/${siteId}`, 'layout');
}

export const applyImportAction = defineAction({
  name: 'imports.apply',
  permission: 'roster.batch.manage',
  input: applyBatchSchema,
  async run({ tx, user, input, audit }) {
    const batch = await requireBatch(user, input.batchId, tx);
    await lockBatch(tx, batch.id);
    const current = await tx.importBatch.findUniqueOrThrow({
      where: { id: batch.id },
      select: { status: true, payload: true, summary: true, problems: true },
    });
    const refused = REFUSED[current.status];
    if (refused) throw new ActionError(refused);
    if (batch.errorCount > 0) {
      const errors = `${batch.errorCount} error${batch.errorCount === 1 ? '' : 's'}`;
      if (!input.skipInvalid)
        throw new ActionError(
          `The files have ${errors} (listed below). Fix them and upload the files again, or apply the rows without errors and leave those rows out.`,
        );
      // Whole-file errors come first in the stored list (sortProblems): such a file was not read at all.
      const unread = (current.problems as unknown as RosterProblem[]).find(
        (p) => p.severity === 'error' && p.line === null,
      );
      if (unread)
        throw new ActionError(
          `${unread.file} could not be read (${unread.reason}) Fix it and upload the files again: without it, the rows cannot be told apart.`,
        );
    }
    const payload = current.payload as unknown as ImportPayload;
    let applied;
    try {
      applied = await applyPayload(tx, batch.id, payload, batchScope(batch), user.id, {
        confirmWithdrawals: input.confirmWithdrawals,
        skipInvalid: input.skipInvalid && batch.errorCount > 0,
      });
    } finally {
      endProgress(batch.id);
    }
    const { result, total } = applied;
    await tx.importBatch.update({
      where: { id: batch.id },
      data: {
        status: 'APPLIED',
        appliedAt: new Date(),
        appliedById: user.id,
        result: result as unknown as Prisma.InputJsonValue,
        payload: Prisma.DbNull,
        progressPhase: 'Done',
        progressDone: total,
        progressTotal: total,
      },
    });
    const summary = current.summary as unknown as ImportSummary;
    await audit({
      entityType: 'ImportBatch',
      entityId: batch.id,
      siteId: batch.siteId,
      after: { files: batch.fileNames, preview: summary, written: result },
    });
    revalidateImports(batch.siteId);
    return { message: describeResult(result), result };
  },
});

export const discardImportAction = defineAction({
  name: 'imports.discard',
  permission: 'roster.batch.manage',
  input: batchRefSchema,
  async run({ tx, user, input, audit }) {
    const batch = await requireBatch(user, input.batchId, tx);
    await lockBatch(tx, batch.id);
    const current = await tx.importBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { status: true } });
    const refused = REFUSED[current.status];
    if (refused) throw new ActionError(refused);
    await tx.importBatch.update({
      where: { id: batch.id },
      data: { status: 'DISCARDED', discardedAt: new Date(), payload: Prisma.DbNull },
    });
    await audit({
      entityType: 'ImportBatch',
      entityId: batch.id,
      siteId: batch.siteId,
      before: { status: 'PREVIEW' },
      after: { status: 'DISCARDED', files: batch.fileNames },
    });
    revalidateImports(batch.siteId);
    return { message: 'Discarded: nothing from these files was written.' };
  },
});
