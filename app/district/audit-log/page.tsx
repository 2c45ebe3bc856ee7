import { db } from '@/lib/db';
import type { Metadata } from 'next';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { auditLogPage } from '@/lib/audit/queries';
import { parseAuditSearch, type AuditFilters as Filters } from '@/lib/audit/schemas';
import { authorizePage } from '@/lib/auth/guards';
import { districtTimeZone } from '@/lib/settings/district';

export const metadata: Metadata = { title: 'Audit log' };

function pageHref(filters: Filters, cursor: { older?: string; newer?: string }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor.older) params.set('older', cursor.older);
  if (cursor.newer) params.set('newer', cursor.newer);
  return `/district/audit-log?${params.toString()}`;
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await authorizePage('audit.view', undefined, '/district/audit-log');
  const { filters, cursor, ignored } = parseAuditSearch(await searchParams);
  const timeZone = await districtTimeZone(db);
  const { events, names, newerCursor, olderCursor } = await auditLogPage(filters, cursor, timeZone);
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what, when, and from what to what. Times are in the district's time zone (${timeZone}).`}
      />
      <AuditFilters filters={filters} />
      {ignored.length > 0 ? (
        <div
          role="note"
          className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm text-warning-800"
        >
          <p className="font-medium">Some filters were not applied:</p>
          <ul className="mt-1 list-disc pl-5">
            {ignored.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {events.length === 0 ? (
        <EmptyState
          title={filtered ? 'No events match these filters' : 'No events yet'}
          description={filtered ? 'Widen the dates or clear a filter.' : 'Changes people make appear here.'}
        />
      ) : (
        <AuditTable events={events} names={names} timeZone={timeZone} />
      )}
      {newerCursor || olderCursor ? (
        <nav aria-label="Pages of the audit log" className="mt-4 flex flex-wrap gap-3">
          {newerCursor ? (
            <ButtonLink href={pageHref(filters, { newer: newerCursor })} variant="secondary">
              ← Newer events
            </ButtonLink>
          ) : null}
          {newerCursor ? (
            <ButtonLink href={pageHref(filters, {})} variant="ghost">
              Newest
            </ButtonLink>
          ) : null}
          {olderCursor ? (
            <ButtonLink href={pageHref(filters, { older: olderCursor })} variant="secondary">
              Older events →
            </ButtonLink>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
