// Upload of roster or supports files: multipart, any size the server accepts (no
// server-action field limit). Authorizes before reading the body, queues a batch and
// answers 202 with its id at once; the batch is staged in the background when the
// district's staging slot is its turn (the page polls /api/imports/[batchId]).
// Nothing is imported until someone applies it.
import { ForbiddenError } from '@/lib/auth/errors';
import { authorizeImport } from '@/lib/imports/access';
import { cleanName, UploadError } from '@/lib/imports/files';
import { defineRoute, sameOrigin } from '@/lib/http/route';
import { uploadFieldsSchema } from '@/lib/imports/schemas';
import { queueImport, reserveUploadPlace } from '@/lib/imports/stage';

export const dynamic = 'force-dynamic';

/** Matches experimental.proxyClientMaxBodySize in next.config.ts. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const POST = defineRoute('import upload', async (request) => {
  if (!sameOrigin(request)) throw new ForbiddenError('Uploads are accepted only from this app’s own pages.');
  const query = new URL(request.url).searchParams;
  const fields = uploadFieldsSchema.safeParse({ kind: query.get('kind'), siteId: query.get('siteId') || null });
  if (!fields.success) throw new UploadError(fields.error.issues[0]?.message ?? 'The upload is not valid.');
  const { user, scope } = await authorizeImport(fields.data.siteId);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) {
    throw new UploadError('The upload is larger than 50 MB. Send the CSV files as one .zip instead.');
  }
  const place = reserveUploadPlace(); // before reading up to 50 MB of body: refused (503) when this server holds enough
  try {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new UploadError('The upload did not arrive whole. Try again, or upload the files as one .zip.');
    }
    const files = form.getAll('files').filter((value): value is File => typeof value !== 'string');
    const uploaded = await Promise.all(
      files.map(async (file) => ({ name: cleanName(file.name), bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    const { batchId } = await queueImport({ user, scope, kind: fields.data.kind, files: uploaded }, { place });
    return Response.json({ batchId }, { status: 202 });
  } catch (error) {
    place();
    throw error;
  }
});
