// Messages between the request thread and the staging thread (structured clone).
import type { UploadedFile } from './files';
import type { ImportKindInput, StagingSnapshot } from './staging';
import type { ImportScope } from './types';

export type StagingRequest =
  | { op: 'read'; kind: ImportKindInput; files: UploadedFile[] }
  | { op: 'preview'; scope: ImportScope; snapshot: StagingSnapshot };

export type StagingReply =
  { ok: true; value: unknown; threadId: number } | { ok: false; uploadError: boolean; message: string };
