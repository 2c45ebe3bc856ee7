// An audit event's before/after as a list of changed keys, readable on screen.
// Pure: the page and the tests share it.
import { formatDateTime } from '@/lib/settings/time-zone';
import { isUuid } from '@/lib/codes';

export interface AuditChange {
  key: string;
  before: unknown;
  after: unknown;
}

// Defence in depth: writes never put secrets in audit values, and if one ever did
// it would still not be shown.
const SECRET_KEY = /hash|secret|(^|\.)(password|token)$/i;
export const HIDDEN = '(hidden)';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested objects become dotted keys ("tutorProfile.subjects"); arrays stay whole. */
function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (!isPlainObject(value)) {
    if (prefix) into.set(prefix, value);
    else if (value !== null && value !== undefined) into.set('value', value);
    return into;
  }
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner) && Object.keys(inner).length > 0) flatten(inner, path, into);
    else into.set(path, inner);
  }
  return into;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const was = flatten(before);
  const now = flatten(after);
  const keys = [...new Set([...now.keys(), ...was.keys()])];
  return keys
    .filter((key) => !same(was.get(key), now.get(key)))
    .map((key) =>
      SECRET_KEY.test(key)
        ? { key, before: HIDDEN, after: HIDDEN }
        : { key, before: was.get(key) ?? null, after: now.get(key) ?? null },
    );
}

/** Every id an audit value mentions, so the page can show names instead. */
export function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (isUuid(value)) into.add(value.toLowerCase());
  else if (Array.isArray(value)) value.forEach((inner) => idsIn(inner, into));
  else if (isPlainObject(value)) Object.values(value).forEach((inner) => idsIn(inner, into));
  return into;
}

const MAX_SHOWN = 300;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface AuditFormat {
  /** Names for ids, e.g. a site's name for its uuid. */
  names?: ReadonlyMap<string, string>;
  /** Instants are shown in this zone (the district's). */
  timeZone?: string;
}

/** One value as text: "—" for nothing, yes/no, lists joined, known ids as names, times in the district's zone. */
export function formatAuditValue(value: unknown, format: AuditFormat = {}): string {
  let text: string;
  if (value === null || value === undefined || value === '') text = '—';
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else if (isUuid(value)) text = format.names?.get(value.toLowerCase()) ?? value;
  else if (typeof value === 'string' && format.timeZone && ISO_INSTANT.test(value))
    text = formatDateTime(new Date(value), format.timeZone);
  else if (Array.isArray(value))
    text = value.length === 0 ? 'none' : value.map((inner) => formatAuditValue(inner, format)).join(', ');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
