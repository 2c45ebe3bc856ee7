// Upload → staged batch: unpack, parse, compare with the database, store the
// preview. Nothing outside import_batch is written here. The unpacking, parsing
// and planning run on a staging thread (./staging-thread.ts); this thread only
// asks the database and stores the result.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { cleanName, StagingBusyError, type UploadedFile } from './files';
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

/**
 * Stores the batch with its payload, passed on as the JSON text it came in as. The
 * text goes to the database in pieces, one statement each, joined there: Prisma
 * handles a query's parameters on this thread in one go, about 150 ms for the 10 MB
 * of a 50,000-student roster and a few ms for a piece.
 */
async function storeBatch(input: StageInput, preview: StagedPreview): Promise<string> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_payload_piece (n integer PRIMARY KEY, piece text NOT NULL) ON COMMIT DROP`);
      const parts = pieces(preview.payloadJson, 512 * 1024);
      for (const [n, piece] of parts.entries()) await tx.$executeRawUnsafe(`INSERT INTO import_payload_piece (n, piece) VALUES ($1, $2)`, n, piece);
      const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO import_batch (id, kind, "siteId", "fileNames", summary, problems, "problemCount", "errorCount", payload, "createdById", "updatedAt")
         VALUES ($1::uuid, $2::"ImportKind", $3::uuid, $4::text[], $5::jsonb, $6::jsonb, $7, $8,
                 (SELECT string_agg(piece, '' ORDER BY n) FROM import_payload_piece)::jsonb, $9::uuid, now())
         RETURNING id::text`,
        randomUUID(),
        input.kind === 'oneroster' ? 'ONEROSTER' : 'SUPPORTS',
        input.scope.kind === 'site' ? input.scope.siteId : null,
        input.files.map((f) => cleanName(f.name)),
        JSON.stringify(preview.summary),
        JSON.stringify(preview.problems),
        preview.problemCount,
        preview.errorCount,
        input.user.id,
      );
      return row!.id;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/**
 * One staging at a time in this server process (the district's one app): each takes
 * up to about 1 GB while it runs (docs/bench-import.md), and two or three at once took
 * the server down. A second upload meanwhile is refused with a sentence saying to try
 * again in a minute, rather than queued behind a request that may take that long.
 * On globalThis so that a module loaded twice (next dev) still shares it.
 */
const slot = globalThis as { importStagingBusy?: boolean };

/** Whether an upload would be refused now for another staging: the route asks before reading a large body. */
export const stagingBusy = () => slot.importStagingBusy === true;

/** `steps` is for the benchmark's comparison; the app always stages on a worker thread. */
export async function stageImport(input: StageInput, steps: () => StagingSteps = openStagingThread): Promise<{ batchId: string }> {
  if (slot.importStagingBusy) throw new StagingBusyError();
  slot.importStagingBusy = true;
  try {
    return await stageAlone(input, steps);
  } finally {
    slot.importStagingBusy = false;
  }
}

async function stageAlone(input: StageInput, steps: () => StagingSteps): Promise<{ batchId: string }> {
  const staging = steps();
  try {
    const lookup = await staging.read(input.kind, input.files);
    const snapshot = await stagingSnapshot(db, lookup, input.scope);
    const preview = await staging.preview(input.scope, snapshot);
    await staging.close(); // done with it: free its memory before the write
    return { batchId: await storeBatch(input, preview) };
  } finally {
    await staging.close();
  }
}
