// The security headers every response carries: pages and redirects (proxy.ts, with
// the per-request CSP) and the files and 404s the proxy never sees (next.config.ts).
// No imports: next.config.ts loads this file.

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** For static files: nothing in them may run or be framed. */
export const STATIC_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** Whether the app is served over https: NEXTAUTH_URL says so, or this request came over https. */
export function servedOverHttps(env: Record<string, string | undefined>, requestHttps = false): boolean {
  return requestHttps || /^https:\/\//i.test(env.NEXTAUTH_URL?.trim() ?? '');
}

/** Sets the headers on a response (a redirect too); Strict-Transport-Security only over https. */
export function applySecurityHeaders(headers: Headers, options: { csp: string; https: boolean }): void {
  headers.set('Content-Security-Policy', options.csp);
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) headers.set(name, value);
  if (options.https) headers.set('Strict-Transport-Security', HSTS_VALUE);
}
