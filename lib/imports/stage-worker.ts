// The staging thread's entry (a worker_threads Worker, one per upload; see
// ./staging-thread.ts). It keeps the parsed upload between the two requests so
// the rows never cross back to the request thread as objects.
import { platform, setPriority } from 'node:os';
import { parentPort, threadId } from 'node:worker_threads';
import { UploadError } from './files';
import { lookupOf, previewOf, readUpload, type StagingRead } from './staging';
import type { StagingReply, StagingRequest } from './staging-protocol';

// On Linux a nice value belongs to the thread that sets it: when the cores are
// busy, the request thread (everyone else's requests) gets them before this one.
// Elsewhere it would lower the whole server's priority, so it is left alone.
if (platform() === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here: run at the normal priority
  }
}

let read: StagingRead | null = null;

function answer(request: StagingRequest): unknown {
  if (request.op === 'read') {
    read = readUpload(request.kind, request.files);
    return lookupOf(read);
  }
  if (!read) throw new Error('The staging thread was asked for a preview before reading the upload.');
  return previewOf(read, request.scope, request.snapshot);
}

const port = parentPort;
if (port) {
  port.on('message', (request: StagingRequest) => {
    let reply: StagingReply;
    try {
      reply = { ok: true, value: answer(request), threadId };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { ok: false, uploadError: error instanceof UploadError, message };
    }
    port.postMessage(reply);
  });
}
