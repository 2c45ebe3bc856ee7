import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { startOfDayIn } from '@/lib/settings/time-zone';
import { idsIn } from './diff';
import { encodeAuditCursor, type AuditCursor, type AuditFilters } from './schemas';

export const AUDIT_PAGE_SIZE = 50;

function nextDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Dates are calendar days in the district's time zone; "to" includes its whole day. */
export function auditWhere(filters: AuditFilters, timeZone: string): Prisma.AuditEventWhereInput[] {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor) and.push({ actor: { email: { contains: filters.actor, mode: 'insensitive' } } });
  if (filters.action) and.push({ action: filters.action });
  if (filters.entityType) and.push({ entityType: filters.entityType });
  if (filters.entityId) and.push({ entityId: filters.entityId });
  if (filters.from) and.push({ at: { gte: startOfDayIn(filters.from, timeZone) } });
  if (filters.to) and.push({ at: { lt: startOfDayIn(nextDay(filters.to), timeZone) } });
  return and;
}

const eventSelect = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  siteId: true,
  before: true,
  after: true,
  actor: { select: { name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

async function fetchPage(and: Prisma.AuditEventWhereInput[], cursor: AuditCursor | null): Promise<EventRow[]> {
  const newer = cursor?.direction === 'newer';
  const keyset: Prisma.AuditEventWhereInput[] = cursor
    ? [
        newer
          ? { OR: [{ at: { gt: cursor.at } }, { at: cursor.at, id: { gt: cursor.id } }] }
          : { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] },
      ]
    : [];
  const order = newer ? 'asc' : 'desc';
  const rows = await db.auditEvent.findMany({
    where: { AND: [...and, ...keyset] },
    orderBy: [{ at: order }, { id: order }],
    take: AUDIT_PAGE_SIZE + 1,
    select: eventSelect,
  });
  return newer ? rows.reverse() : rows;
}

/** Names for the ids events mention (sites, providers, people), looked up once per page. */
async function namesFor(rows: EventRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) {
    idsIn(row.before, ids);
    idsIn(row.after, ids);
    idsIn(row.entityId, ids);
    if (row.siteId) ids.add(row.siteId);
  }
  if (ids.size === 0) return new Map();
  const list = [...ids];
  const [sites, providers, users] = await Promise.all([
    db.site.findMany({ where: { id: { in: list } }, select: { id: true, code: true, name: true } }),
    db.provider.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
  ]);
  return new Map([
    ...sites.map((s) => [s.id, `${s.name} (${s.code})`] as const),
    ...providers.map((p) => [p.id, p.name] as const),
    ...users.map((u) => [u.id, u.name] as const),
  ]);
}

/** One page of the log, newest first, with keyset cursors for the pages either side. */
export async function auditLogPage(filters: AuditFilters, cursor: AuditCursor | null, timeZone: string) {
  const and = auditWhere(filters, timeZone);
  let rows = await fetchPage(and, cursor);
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (cursor?.direction === 'newer') {
    hasNewer = rows.length > AUDIT_PAGE_SIZE;
    if (!hasNewer) {
      // Back at the top: show a full first page rather than a short one.
      rows = await fetchPage(and, null);
      hasOlder = rows.length > AUDIT_PAGE_SIZE;
      rows = rows.slice(0, AUDIT_PAGE_SIZE);
    } else {
      rows = rows.slice(1);
      hasOlder = true;
    }
  } else {
    hasOlder = rows.length > AUDIT_PAGE_SIZE;
    rows = rows.slice(0, AUDIT_PAGE_SIZE);
    hasNewer = cursor !== null;
  }
  const first = rows[0];
  const last = rows.at(-1);
  const names = await namesFor(rows);
  return {
    events: rows.map((row) => ({ ...row, id: row.id.toString() })),
    names,
    newerCursor: hasNewer && first ? encodeAuditCursor(first.at, first.id) : null,
    olderCursor: hasOlder && last ? encodeAuditCursor(last.at, last.id) : null,
  };
}

export type AuditEventRow = Awaited<ReturnType<typeof auditLogPage>>['events'][number];
