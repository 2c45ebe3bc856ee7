// Every route handler goes through defineRoute, as every server action goes through
// defineAction: a write only from the app's own pages (same origin), and one map from
// what went wrong to a status and a sentence, never a stack trace or a 500 page.
// Authorization and input checks stay in the handler (each route's are its own).
import 'server-only';
import { ForbiddenError, NotFoundError, SignedOutError } from '@/lib/auth/errors';
import { RouteError } from './errors';

export { RouteError } from './errors';

const UNEXPECTED = 'Something went wrong on our side and nothing was saved. Try again in a moment.';

/** The answer to a failure: { message } with the status that says what happened. */
export function errorResponse(error: unknown, route: string): Response {
  const answer = (status: number, message: string, headers?: HeadersInit) =>
    Response.json({ message }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
  if (error instanceof SignedOutError) return answer(401, error.message);
  if (error instanceof ForbiddenError) return answer(403, error.message);
  if (error instanceof NotFoundError) return answer(404, error.message);
  if (error instanceof RouteError) return answer(error.status, error.message, error.headers);
  const first = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
  console.error(`[${route}] unexpected error: ${first.slice(0, 300)}`);
  return answer(500, UNEXPECTED);
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

interface RouteOptions {
  /** Refuse requests from another site's page (every write). */
  sameOriginOnly?: boolean;
}

/** A route handler with the shared checks and error map; `route` names it in the server's log. */
export function defineRoute<P extends Record<string, string> = Record<string, never>>(
  route: string,
  handle: (request: Request, params: P) => Promise<Response>,
  { sameOriginOnly = false }: RouteOptions = {},
): (request: Request, context?: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      if (sameOriginOnly && !sameOrigin(request))
        throw new RouteError(403, 'This can only be sent from the app’s own pages.');
      return await handle(request, ((await context?.params) ?? {}) as P);
    } catch (error) {
      return errorResponse(error, route);
    }
  };
}
