// The district's one staging slot, shared by every app process through the database.
// An upload is a QUEUED batch row at once; it becomes STAGING when it is the oldest
// live one and none is staging (a claim: one short transaction under an advisory
// lock), then PREVIEW or FAILED. The process holding a live batch's files keeps its
// heartbeat fresh; a stale one (the process died) is marked failed by the next claim.
// No transaction is held open while waiting: the embedded database has one connection.
import 'server-only';
import { db } from '@/lib/db';
import type { ImportStatus } from '@/lib/generated/prisma/enums';

export const HEARTBEAT_MS = 5_000;
/** A live batch whose heartbeat is older than this belongs to a process that has stopped. */
export const STALE_AFTER_SECONDS = 60;
export const CLAIM_POLL_MS = 500;

export const ABANDONED =
  'The server stopped while these files were waiting or being checked, so nothing was staged. Upload them again.';

const LIVE = `status IN ('QUEUED', 'STAGING')`;
const SLOT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('import_staging_slot'))`;

/** This process's live batches, whose heartbeats it keeps (on globalThis: one set if the module loads twice). */
const shared = globalThis as {
  importStagingHeld?: Set<string>;
  importStagingHeartbeat?: ReturnType<typeof setInterval>;
};
const held = (shared.importStagingHeld ??= new Set<string>());

export type Turn = { claimed: true } | { claimed: false; ahead: number } | { lost: true };

/**
 * One try at the slot for `batchId`: refreshes this process's heartbeats, fails the
 * stale batches of stopped processes, then takes the slot when the batch is first in line.
 */
export async function claimTurn(batchId: string): Promise<Turn> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(SLOT_LOCK);
    if (held.size > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE import_batch SET "stagingHeartbeatAt" = now() WHERE id = ANY($1::uuid[]) AND ${LIVE}`,
        [...held],
      );
    }
    await tx.$executeRawUnsafe(
      `UPDATE import_batch SET status = 'FAILED', failure = $1, payload = NULL, "stagingHeartbeatAt" = NULL, "updatedAt" = now()
        WHERE ${LIVE} AND ("stagingHeartbeatAt" IS NULL OR "stagingHeartbeatAt" < now() - $2::int * interval '1 second')`,
      ABANDONED,
      STALE_AFTER_SECONDS,
    );
    const live = await tx.$queryRawUnsafe<{ id: string; status: ImportStatus }[]>(
      `SELECT id::text, status::text AS status FROM import_batch WHERE ${LIVE} ORDER BY (status = 'STAGING') DESC, "createdAt", id`,
    );
    const at = live.findIndex((row) => row.id === batchId);
    if (at < 0) return { lost: true };
    if (at > 0) return { claimed: false, ahead: at };
    if (live[0]!.status === 'QUEUED') {
      await tx.$executeRawUnsafe(
        `UPDATE import_batch SET status = 'STAGING', "stagingHeartbeatAt" = now(), "updatedAt" = now() WHERE id = $1::uuid`,
        batchId,
      );
    }
    return { claimed: true };
  });
}

/** Waits for the slot with short claims; false when the batch was given up meanwhile (stale). */
export async function waitTurn(batchId: string, pollMs = CLAIM_POLL_MS): Promise<boolean> {
  for (;;) {
    const turn = await claimTurn(batchId);
    if ('lost' in turn) return false;
    if (turn.claimed) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function beat(): void {
  if (held.size === 0) {
    clearInterval(shared.importStagingHeartbeat);
    shared.importStagingHeartbeat = undefined;
    return;
  }
  db.$transaction((tx) =>
    tx.$executeRawUnsafe(
      `UPDATE import_batch SET "stagingHeartbeatAt" = now() WHERE id = ANY($1::uuid[]) AND ${LIVE}`,
      [...held],
    ),
  ).catch((error: unknown) =>
    console.error(`[imports] staging heartbeat failed: ${String((error as Error)?.message ?? error).split('\n')[0]}`),
  );
}

/** This process holds the batch's files: its heartbeat is kept until `release`. */
export function holdBatch(batchId: string): () => void {
  held.add(batchId);
  if (!shared.importStagingHeartbeat) {
    shared.importStagingHeartbeat = setInterval(beat, HEARTBEAT_MS);
    shared.importStagingHeartbeat.unref?.();
  }
  return () => void held.delete(batchId);
}

export interface StagingState {
  status: ImportStatus;
  /** Live batches before this one in line (the one staging included). */
  ahead: number;
  /** Live, but its process has stopped: it will be marked failed by the next claim. */
  abandoned: boolean;
  failure: string | null;
}

/** Where a batch stands in line, read only (a GET never writes). */
export async function stagingState(batchId: string): Promise<StagingState> {
  const [row] = await db.$queryRawUnsafe<
    { status: ImportStatus; failure: string | null; stale: boolean; ahead: number }[]
  >(
    `SELECT me.status::text AS status, me.failure,
            (me.${LIVE} AND (me."stagingHeartbeatAt" IS NULL OR me."stagingHeartbeatAt" < now() - $2::int * interval '1 second')) AS stale,
            (SELECT count(*)::int FROM import_batch b
              WHERE b.${LIVE} AND b.id <> me.id AND b."stagingHeartbeatAt" >= now() - $2::int * interval '1 second'
                AND (b.status = 'STAGING' OR (b."createdAt", b.id) < (me."createdAt", me.id))) AS ahead
       FROM import_batch me WHERE me.id = $1::uuid`,
    batchId,
    STALE_AFTER_SECONDS,
  );
  if (!row) throw new Error(`No import batch ${batchId}`);
  const live = row.status === 'QUEUED' || row.status === 'STAGING';
  return {
    status: row.status,
    ahead: live ? row.ahead : 0,
    abandoned: live && row.stale,
    failure: live && row.stale ? ABANDONED : row.failure,
  };
}
