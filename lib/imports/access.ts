// Who may stage, see, apply or discard which import. A batch belongs to one site,
// or to the district (siteId null): the same scope rules as the guards, checked
// against the batch, so a crafted batch id never reaches another site's import.
import 'server-only';
import { authorize, hasSiteAccess } from '@/lib/auth/guards';
import { NotFoundError } from '@/lib/auth/errors';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ImportScope } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NOT_YOURS = 'That import does not exist or is not one of yours.';

/** Signed in and allowed to import for the district (no site) or for that site. */
export async function authorizeImport(siteId: string | null): Promise<{ user: SessionUser; scope: ImportScope }> {
  if (siteId === null) return { user: await authorize('roster.import'), scope: { kind: 'district' } };
  return { user: await authorize('site.roster.import', { siteId }), scope: { kind: 'site', siteId } };
}

export function batchScope(batch: { siteId: string | null }): ImportScope {
  return batch.siteId === null ? { kind: 'district' } : { kind: 'site', siteId: batch.siteId };
}

export function mayUseBatch(user: SessionUser, batch: { siteId: string | null }): boolean {
  if (batch.siteId === null) return can(user.role, 'roster.import');
  return can(user.role, 'site.roster.import') && hasSiteAccess(user, batch.siteId);
}

const batchRefSelect = { id: true, kind: true, status: true, siteId: true, errorCount: true, fileNames: true } as const;
export type BatchRef = Prisma.ImportBatchGetPayload<{ select: typeof batchRefSelect }>;

/** The batch, when it exists and is the person's; otherwise the same "not found" either way. */
export async function requireBatch(
  user: SessionUser,
  batchId: string,
  client: Prisma.TransactionClient = db,
): Promise<BatchRef> {
  if (!UUID.test(batchId)) throw new NotFoundError(NOT_YOURS);
  const batch = await client.importBatch.findUnique({ where: { id: batchId }, select: batchRefSelect });
  if (!batch || !mayUseBatch(user, batch)) throw new NotFoundError(NOT_YOURS);
  return batch;
}
