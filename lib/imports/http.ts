// Route handlers' answers: JSON with one sentence, the status telling what happened.
import 'server-only';
import { ForbiddenError, NotFoundError, SignedOutError } from '@/lib/auth/errors';
import { TooManyUploadsError, UploadError } from './files';

export function errorResponse(error: unknown): Response {
  const answer = (status: number, message: string, headers?: HeadersInit) =>
    Response.json({ message }, { status, headers });
  if (error instanceof SignedOutError) return answer(401, error.message);
  if (error instanceof ForbiddenError) return answer(403, error.message);
  if (error instanceof NotFoundError) return answer(404, error.message);
  if (error instanceof TooManyUploadsError) return answer(503, error.message, { 'Retry-After': '120' });
  if (error instanceof UploadError) return answer(400, error.message);
  console.error(
    `[imports] unexpected error: ${String((error as Error)?.message ?? error)
      .split('\n')[0]
      ?.slice(0, 300)}`,
  );
  return answer(500, 'Something went wrong on our side and nothing was saved. Try again in a moment.');
}

/**
 * Browsers send Origin on every POST; a different one is another site's page
 * posting with the person's cookie. Server actions check this themselves.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true; // not a browser (scripts, tests): the session cookie still decides
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
