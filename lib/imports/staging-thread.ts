// Runs ./staging's CPU-heavy steps on a worker thread, one per upload, so that
// unpacking and parsing a 50,000-row file (seconds of CPU) never holds up the
// requests of everyone else using the app. The request thread only moves bytes and
// JSON text between the worker and the database (see docs/bench-import.md).
import 'server-only';
import { Worker } from 'node:worker_threads';
import { UploadError, type UploadedFile } from './files';
import {
  lookupOf,
  previewOf,
  readUpload,
  type ImportKindInput,
  type StagedPreview,
  type StagingLookup,
  type StagingRead,
  type StagingSnapshot,
} from './staging';
import type { StagingReply, StagingRequest } from './staging-protocol';
import type { ImportScope } from './types';

export interface StagingSteps {
  /** Unpacks and parses the upload; answers what to ask the database. Throws UploadError for a refused upload. */
  read(kind: ImportKindInput, files: UploadedFile[]): Promise<StagingLookup>;
  /** Plans the read upload against the database's answer. */
  preview(scope: ImportScope, snapshot: StagingSnapshot): Promise<StagedPreview>;
  /** Frees the thread; safe to call more than once. */
  close(): Promise<void>;
  /** The worker thread's id once it has answered (null before, and for stageOnThisThread). */
  readonly threadId: number | null;
}

/**
 * Outside Next (Vitest, tsx scripts such as the benchmark) the worker's entry is
 * TypeScript source, which Node 20 does not load by itself and tsx's loader does
 * not reach in a worker thread: the thread registers tsx, then imports the entry.
 */
const FROM_SOURCE = `import('tsx/esm/api')
  .then(({ register }) => { register(); return import(require('node:worker_threads').workerData.entry); })
  .catch((error) => { console.error(error); process.exit(1); });`;

/**
 * The staging thread's JavaScript heap limit. Staging takes about 20 bytes per byte of
 * CSV, so the largest upload accepted (MAX_UNPACKED_BYTES, 32 MB) fits; a file built
 * to cost more (tiny values by the million) stops the thread at this limit, and the
 * upload is refused, instead of the server running out of memory.
 */
export const STAGING_HEAP_MB = 1024;
const resourceLimits = { maxOldGenerationSizeMb: STAGING_HEAP_MB };

const TOO_BIG =
  'These files take more memory to check than one import may use. Split the export (by school) and import the parts one after another.';

function startWorker(): Worker {
  if (process.env.NEXT_RUNTIME) {
    // Written as one expression on purpose: Turbopack (next dev, next build) finds
    // `new Worker(new URL('./x.ts', import.meta.url))` and bundles the worker's entry.
    return new Worker(new URL('./stage-worker.ts', import.meta.url), { name: 'import-staging', resourceLimits });
  }
  const entry = import.meta.url.replace(/[^/]+$/, 'stage-worker.ts');
  return new Worker(FROM_SOURCE, { eval: true, name: 'import-staging', workerData: { entry }, resourceLimits });
}

/** A new staging thread for one upload. Call close() when the upload is staged (or failed). */
export function openStagingThread(): StagingSteps {
  const worker = startWorker();
  let threadId: number | null = null;
  let stopped: Error | null = null;
  let waiting: { resolve: (reply: StagingReply) => void; reject: (error: Error) => void } | null = null;
  const fail = (error: Error) => {
    stopped ??= error;
    const pending = waiting;
    waiting = null;
    pending?.reject(error);
  };
  worker.on('message', (reply: StagingReply) => {
    const pending = waiting;
    waiting = null;
    pending?.resolve(reply);
  });
  worker.on('error', (error: unknown) => {
    if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return fail(new UploadError(TOO_BIG));
    fail(new Error(`The import staging thread failed: ${error instanceof Error ? error.message : String(error)}`));
  });
  worker.on('exit', (code) => fail(new Error(`The import staging thread stopped (exit code ${code}).`)));

  const ask = (request: StagingRequest): Promise<unknown> =>
    new Promise<StagingReply>((resolve, reject) => {
      if (stopped) return reject(stopped);
      if (waiting) return reject(new Error('The import staging thread is already busy.'));
      waiting = { resolve, reject };
      worker.postMessage(request);
    }).then((reply) => {
      if (!reply.ok) throw reply.uploadError ? new UploadError(reply.message) : new Error(reply.message);
      threadId = reply.threadId;
      return reply.value;
    });

  return {
    read: (kind, files) => ask({ op: 'read', kind, files }) as Promise<StagingLookup>,
    preview: (scope, snapshot) => ask({ op: 'preview', scope, snapshot }) as Promise<StagedPreview>,
    async close() {
      if (stopped) return;
      stopped = new Error('The import staging thread was closed.');
      await worker.terminate();
    },
    get threadId() {
      return threadId;
    },
  };
}

/** The same steps on the calling thread: blocks it while they run. For comparison in the benchmark. */
export function stageOnThisThread(): StagingSteps {
  let read: StagingRead | null = null;
  return {
    async read(kind, files) {
      read = readUpload(kind, files);
      return lookupOf(read);
    },
    async preview(scope, snapshot) {
      if (!read) throw new Error('preview before read');
      return previewOf(read, scope, snapshot);
    },
    async close() {},
    threadId: null,
  };
}
