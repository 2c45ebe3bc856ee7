// Upload → staged batch: a QUEUED batch row at once, then, when the district's one
// staging slot is this batch's (./queue.ts), unpack, parse, compare with the database
// and store the preview. Nothing outside import_batch is written here. The unpacking,
// parsing and planning run on a staging thread (./staging-thread.ts); this thread only
// asks the database and stores the result.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { cleanName, TooManyUploadsError, UploadError, type UploadedFile } from './files';
import { holdBatch, waitTurn } from './queue';
import { stagingSnapshot } from './snapshot';
import { pieces, type ImportKindInput, type StagedPreview } from './staging';
import { openStagingThread, type StagingSteps } from './staging-thread';
import type { ImportScope } from './types';

export type { ImportKindInput };
export { sortProblems } from './staging';

export interface StageInput {
  user: SessionUser;
  scope: ImportScope;
  kind: ImportKindInput;
  files: UploadedFile[];
}

/** The batch row an upload starts as: QUEUED, its heartbeat fresh, no preview yet. */
async function queueBatch(input: StageInput): Promise<string> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO import_batch (id, kind, "siteId", status, "fileNames", summary, problems, "problemCount", "errorCount", "createdById", "stagingHeartbeatAt", "updatedAt")
       VALUES ($1::uuid, $2::"ImportKind", $3::uuid, 'QUEUED', $4::text[], '{}'::jsonb, '[]'::jsonb, 0, 0, $5::uuid, now(), now())
       RETURNING id::text`,
      randomUUID(),
      input.kind === 'oneroster' ? 'ONEROSTER' : 'SUPPORTS',
      input.scope.kind === 'site' ? input.scope.siteId : null,
      input.files.map((f) => cleanName(f.name)),
      input.user.id,
    );
    return row!.id;
  });
}

/**
 * Stores the preview on the STAGING batch, its payload passed on as the JSON text it
 * came in as. The text goes to the database in pieces, one statement each, joined
 * there: Prisma handles a query's parameters on this thread in one go, about 150 ms
 * for the 10 MB of a 50,000-student roster and a few ms for a piece. A batch no longer
 * STAGING (given up as stale meanwhile) is left as it is.
 */
async function storePreview(batchId: string, preview: StagedPreview): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE import_payload_piece (n integer PRIMARY KEY, piece text NOT NULL) ON COMMIT DROP`,
      );
      const parts = pieces(preview.payloadJson, 512 * 1024);
      for (const [n, piece] of parts.entries())
        await tx.$executeRawUnsafe(`INSERT INTO import_payload_piece (n, piece) VALUES ($1, $2)`, n, piece);
      await tx.$executeRawUnsafe(
        `UPDATE import_batch SET status = 'PREVIEW', summary = $2::jsonb, problems = $3::jsonb, "problemCount" = $4, "errorCount" = $5,
                payload = (SELECT string_agg(piece, '' ORDER BY n) FROM import_payload_piece)::jsonb, "stagingHeartbeatAt" = NULL,
                "progressPhase" = NULL, "progressDone" = 0, "progressTotal" = 0, "updatedAt" = now()
          WHERE id = $1::uuid AND status = 'STAGING'`,
        batchId,
        JSON.stringify(preview.summary),
        JSON.stringify(preview.problems),
        preview.problemCount,
        preview.errorCount,
      );
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

const UNEXPECTED =
  'Something went wrong on our side while checking these files, and nothing was staged. Upload them again.';

async function markFailed(batchId: string, failure: string): Promise<void> {
  await db.$transaction((tx) =>
    tx.$executeRawUnsafe(
      `UPDATE import_batch SET status = 'FAILED', failure = $2, payload = NULL, "stagingHeartbeatAt" = NULL, "updatedAt" = now()
        WHERE id = $1::uuid AND status IN ('QUEUED', 'STAGING')`,
      batchId,
      failure,
    ),
  );
}

/**
 * Uploads this process holds at most at once, waiting or being checked: their files
 * stay in memory until staged (up to 50 MB each), and one staging thread runs at a
 * time (up to STAGING_HEAP_MB). More are refused (503) before their body is read.
 */
export const MAX_HELD_UPLOADS = 3;
const places = globalThis as { importUploadPlaces?: number };

/** Takes one of this process's upload places; the returned release (safe to call twice) gives it back. */
export function reserveUploadPlace(): () => void {
  if ((places.importUploadPlaces ?? 0) >= MAX_HELD_UPLOADS) throw new TooManyUploadsError(MAX_HELD_UPLOADS);
  places.importUploadPlaces = (places.importUploadPlaces ?? 0) + 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    places.importUploadPlaces = Math.max(0, (places.importUploadPlaces ?? 1) - 1);
  };
}

export interface QueuedImport {
  batchId: string;
  /** Settles (never rejects) once the batch is PREVIEW or FAILED. */
  staged: Promise<void>;
}

/**
 * Queues the upload as a batch and stages it in the background when its turn comes.
 * `place` is a reservation taken before the body was read (else one is taken here);
 * `steps` is for the benchmark's comparison: the app always stages on a worker thread.
 */
export async function queueImport(
  input: StageInput,
  options: { place?: () => void; steps?: () => StagingSteps; pollMs?: number } = {},
): Promise<QueuedImport> {
  const release = options.place ?? reserveUploadPlace();
  let batchId: string;
  try {
    batchId = await queueBatch(input);
  } catch (error) {
    release();
    throw error;
  }
  const letGo = holdBatch(batchId);
  const staged = stageInTurn(batchId, input, options.steps ?? openStagingThread, options.pollMs).finally(() => {
    letGo();
    release();
  });
  return { batchId, staged };
}

async function stageInTurn(
  batchId: string,
  input: StageInput,
  steps: () => StagingSteps,
  pollMs?: number,
): Promise<void> {
  try {
    if (!(await waitTurn(batchId, pollMs))) return; // given up as stale: already marked failed
    await storePreview(batchId, await stageAlone(batchId, input, steps));
  } catch (error) {
    if (!(error instanceof UploadError))
      console.error(
        `[imports] staging failed: ${String((error as Error)?.message ?? error)
          .split('\n')[0]
          ?.slice(0, 300)}`,
      );
    await markFailed(batchId, error instanceof UploadError ? error.message : UNEXPECTED).catch(() => {});
  }
}

/** Queues, waits its turn and stages in one call (the benchmark, tests): the batch id, or the refusal as an UploadError. */
export async function stageImport(
  input: StageInput,
  steps: () => StagingSteps = openStagingThread,
): Promise<{ batchId: string }> {
  const { batchId, staged } = await queueImport(input, { steps });
  await staged;
  const batch = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    select: { status: true, failure: true },
  });
  if (batch.status !== 'PREVIEW') throw new UploadError(batch.failure ?? UNEXPECTED);
  return { batchId };
}

/** Where a staging stands, for the page's progress bar: one of STAGING_STEPS steps, with what it is doing. */
export const STAGING_STEPS = 3;

async function stagingStep(batchId: string, done: number, phase: string): Promise<void> {
  await db.importBatch.update({
    where: { id: batchId },
    data: { progressPhase: phase, progressDone: done, progressTotal: STAGING_STEPS },
  });
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

async function stageAlone(batchId: string, input: StageInput, steps: () => StagingSteps): Promise<StagedPreview> {
  const staging = steps();
  try {
    await stagingStep(batchId, 0, `Reading ${count(input.files.length, 'file')}`);
    const lookup = await staging.read(input.kind, input.files);
    const read = `${count(lookup.files, 'file')} read, ${count(lookup.rows, 'student row')}`;
    await stagingStep(batchId, 1, `${read}: looking the students up in the database`);
    const snapshot = await stagingSnapshot(db, lookup, input.scope);
    await stagingStep(batchId, 2, `${read}: checking each row against the roster`);
    const preview = await staging.preview(input.scope, snapshot);
    await staging.close(); // done with it: free its memory before the write
    return preview;
  } finally {
    await staging.close();
  }
}
