// Where to go after signing in: only somewhere in this app. The callback is resolved
// the way a browser would (backslashes, tabs and newlines included) against the app's
// origin and kept only when the origin did not change. Pure: used by the sign-in form,
// the login page's already-signed-in redirect and next-auth's redirect callback.

const PLACEHOLDER_ORIGIN = 'https://app.invalid';

/**
 * The callback as a path of this app ('/sites/1?week=…'), or null when it would lead
 * elsewhere. `origin` is the app's own; absolute URLs on it are accepted too.
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || target.username || target.password) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // '//x' or '/\x' as a path would be read as another host by the next navigation.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  return path;
}

/** The callback's path, else `fallback`. */
export function callbackPathOr(raw: string | null | undefined, fallback: string, origin?: string): string {
  return safeCallbackPath(raw, origin) ?? fallback;
}
