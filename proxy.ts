// Runs before every page: sends the signed-out to sign in (nothing more: pages and
// actions check permissions and scope themselves) and sets the security headers,
// with a fresh CSP nonce per request so no inline script runs without one.
import { NextResponse, type NextRequest } from 'next/server';
import { DATE_RANGE_MESSAGE, refusedAddressDate } from './lib/dates';
import { applySecurityHeaders, servedOverHttps } from './lib/security-headers';

// /sw.js: the browser re-checks the tutor pages' service worker without asking anyone to sign in.
const PUBLIC_PATHS = ['/', '/login', '/styleguide', '/api/health', '/sw.js'];
const PUBLIC_PREFIXES = ['/api/auth/', '/invite/', '/api/calendar/'];
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.includes(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // React and chart libraries set style attributes; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `worker-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(dev ? [] : ['upgrade-insecure-requests']),
  ].join('; ');
}

/**
 * Whether the browser reached the app over https: the request itself, or a trusted
 * proxy's X-Forwarded-Proto (believed only when TRUSTED_PROXIES or TRUSTED_PROXY_HOPS is set).
 */
function requestIsHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === 'https:') return true;
  const behindProxy = Boolean(process.env.TRUSTED_PROXIES?.trim() || process.env.TRUSTED_PROXY_HOPS?.trim());
  return behindProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page asked for with a date it does not accept (?week=0000-01-01, ?from=2026-11-31):
 * 400 before the page runs, one rule for every page (lib/dates' PAGE_DATE_PARAMS). The
 * export forms come back to their page with the refused values (?invalid=1) and show
 * them beside the fields, so they are left to the page; routes answer for themselves.
 */
function refusedPageDate(request: NextRequest): { key: string; message: string } | null {
  const { pathname, searchParams } = request.nextUrl;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (pathname.startsWith('/api/') || pathname.startsWith('/_next/')) return null;
  if (pathname.endsWith('/exports') && searchParams.has('invalid')) return null;
  return refusedAddressDate(searchParams);
}

function dateRefusalPage(pathname: string, refusal: { key: string; message: string }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Date not accepted · Tutoring Ops</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #0f172a">
<main>
<h1 style="font-size: 1.5rem">This date is not accepted</h1>
<p role="alert">${escapeHtml(refusal.message)}</p>
<p>Dates in the address are written YYYY-MM-DD and must be real calendar dates ${DATE_RANGE_MESSAGE}.</p>
<p><a href="${escapeHtml(pathname)}" style="color: #1d4ed8">Open this page with its usual dates</a></p>
</main>
</body>
</html>`;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const secure = (response: NextResponse) => {
    applySecurityHeaders(response.headers, { csp, https: servedOverHttps(process.env, requestIsHttps(request)) });
    return response;
  };

  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !isPublic(pathname)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return secure(NextResponse.redirect(login));
  }

  const refusal = refusedPageDate(request);
  if (refusal) {
    const page = new NextResponse(request.method === 'HEAD' ? null : dateRefusalPage(pathname, refusal), {
      status: 400,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
    return secure(page);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|icon.svg|favicon.ico).*)' }],
};
