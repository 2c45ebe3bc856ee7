// The audit log's filters come from the URL. Each is checked on its own: a bad
// one is dropped and named in a note, and the rest still apply.
import { z } from 'zod';
import { isoDateSchema } from '@/lib/dates';

export const AUDIT_FILTER_LABELS = {
  actor: 'Who (email contains)',
  action: 'Action',
  entityType: 'Record type',
  entityId: 'Record id',
  from: 'From date',
  to: 'To date',
} as const;

export type AuditFilterName = keyof typeof AUDIT_FILTER_LABELS;
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

const isoDate = isoDateSchema();

const filterSchemas: Record<AuditFilterName, z.ZodType<string>> = {
  actor: z.string().max(254),
  action: z
    .string()
    .max(100)
    .regex(/^[\w.:-]+$/),
  entityType: z
    .string()
    .max(60)
    .regex(/^[\w.:-]+$/),
  entityId: z.string().max(100),
  from: isoDate,
  to: isoDate,
};

export interface AuditCursor {
  direction: 'older' | 'newer';
  at: Date;
  id: bigint;
}

/** "<epoch ms>-<id>": where a page of the log ends, for the next page's keyset. */
export function encodeAuditCursor(at: Date, id: bigint | string): string {
  return `${at.getTime()}-${id}`;
}

const cursorSchema = z
  .string()
  .regex(/^\d{1,15}-\d{1,19}$/)
  .transform((value) => {
    const [ms, id] = value.split('-') as [string, string];
    return { at: new Date(Number(ms)), id: BigInt(id) };
  });

type SearchParams = Record<string, string | string[] | undefined>;

export interface AuditSearch {
  filters: AuditFilters;
  cursor: AuditCursor | null;
  /** Plain-language notes about filters that were not applied. */
  ignored: string[];
}

export function parseAuditSearch(params: SearchParams): AuditSearch {
  const filters: AuditFilters = {};
  const ignored: string[] = [];
  for (const name of Object.keys(filterSchemas) as AuditFilterName[]) {
    const raw = params[name];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? raw.trim() : undefined;
    if (value === '') continue;
    const parsed = value === undefined ? null : filterSchemas[name].safeParse(value);
    if (parsed?.success) filters[name] = parsed.data;
    else
      ignored.push(
        `${AUDIT_FILTER_LABELS[name]}: "${String(raw).slice(0, 40)}" is not a valid value${name === 'from' || name === 'to' ? ' (use a date like 2026-09-14)' : ''}.`,
      );
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    ignored.push(`The from date (${filters.from}) is after the to date (${filters.to}), so both dates were ignored.`);
    delete filters.from;
    delete filters.to;
  }
  let cursor: AuditCursor | null = null;
  for (const direction of ['older', 'newer'] as const) {
    const raw = params[direction];
    if (typeof raw !== 'string' || cursor) continue;
    const parsed = cursorSchema.safeParse(raw);
    if (parsed.success) cursor = { direction, ...parsed.data };
    else ignored.push('The page position in the address was not valid, so the newest events are shown.');
  }
  return { filters, cursor, ignored };
}
