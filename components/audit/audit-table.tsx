import Link from 'next/link';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { auditChanges, formatAuditValue, type AuditFormat } from '@/lib/audit/diff';
import type { AuditEventRow } from '@/lib/audit/queries';
import { formatDateTime } from '@/lib/settings/time-zone';

const entityLabels: Record<string, string> = {
  user: 'User',
  district_settings: 'District settings',
  password_token: 'Password link',
};

function Entity({ event, names }: { event: AuditEventRow; names: ReadonlyMap<string, string> }) {
  const label = entityLabels[event.entityType] ?? event.entityType;
  const name = names.get(event.entityId.toLowerCase());
  const text = name
    ? `${label}: ${name}`
    : event.entityType === 'district_settings'
      ? label
      : `${label} ${event.entityId}`;
  return event.entityType === 'user' ? <Link href={`/district/users/${event.entityId}`}>{text}</Link> : <>{text}</>;
}

function Changes({ event, format }: { event: AuditEventRow; format: AuditFormat }) {
  const changes = auditChanges(event.before, event.after);
  if (changes.length === 0) return <span className="text-slate-600">No values recorded</span>;
  return (
    <dl className="flex flex-col gap-1.5">
      {changes.map((change) => {
        const before = formatAuditValue(change.before, format);
        return (
          <div key={change.key}>
            <dt className="font-mono text-xs text-slate-600">{change.key}</dt>
            <dd className="wrap-anywhere">
              {before === '—' ? (
                <span className="text-slate-600">—</span>
              ) : (
                <del className="text-slate-600 decoration-slate-400">{before}</del>
              )}
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> changed to </span>
              <ins className="font-medium text-slate-900 no-underline">{formatAuditValue(change.after, format)}</ins>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function AuditTable({
  events,
  names,
  timeZone,
}: {
  events: AuditEventRow[];
  names: ReadonlyMap<string, string>;
  timeZone: string;
}) {
  return (
    <Table caption="Audit events, newest first" captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell>When</HeaderCell>
          <HeaderCell>Who</HeaderCell>
          <HeaderCell>Action</HeaderCell>
          <HeaderCell>Record</HeaderCell>
          <HeaderCell>Change (before → after)</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <Cell className="min-w-32">
              <time dateTime={event.at.toISOString()}>{formatDateTime(event.at, timeZone)}</time>
            </Cell>
            <Cell className="min-w-36">
              {event.actor ? (
                <>
                  <span className="block font-medium">{event.actor.name}</span>
                  <span className="block text-xs wrap-anywhere text-slate-600">{event.actor.email}</span>
                </>
              ) : (
                <span className="text-slate-600">System</span>
              )}
            </Cell>
            <Cell className="font-mono text-xs whitespace-nowrap">{event.action}</Cell>
            <Cell className="wrap-anywhere">
              <Entity event={event} names={names} />
            </Cell>
            <Cell className="min-w-80">
              <Changes event={event} format={{ names, timeZone }} />
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
