import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { BatchListItem } from '@/lib/imports/queries';
import { formatDateTime } from '@/lib/settings/time-zone';
import { STATUS_DISPLAY } from './batch-preview';

export function BatchesTable({
  batches,
  basePath,
  timeZone,
  showSite,
}: {
  batches: BatchListItem[];
  basePath: string;
  timeZone: string;
  showSite: boolean;
}) {
  if (batches.length === 0)
    return (
      <EmptyState
        headingLevel={3}
        title="No imports yet"
        description="Uploaded files appear here, with their preview, until applied or discarded."
      />
    );
  return (
    <Table caption="Recent imports" captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell>Uploaded</HeaderCell>
          <HeaderCell>Files</HeaderCell>
          {showSite ? <HeaderCell>For</HeaderCell> : null}
          <HeaderCell>Status</HeaderCell>
          <HeaderCell numeric>Problems</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {batches.map((b) => (
          <TableRow key={b.id}>
            <Cell>
              <Link
                href={`${basePath}?batch=${b.id}`}
                className="inline-flex min-h-11 items-center font-medium text-primary-700 underline"
              >
                {formatDateTime(b.createdAt, timeZone)}
              </Link>
              <span className="block text-sm text-slate-600">by {b.createdBy}</span>
            </Cell>
            <Cell className="max-w-72 break-words">
              {b.kind === 'ONEROSTER' ? 'Roster' : 'Supports'}: {b.fileNames.join(', ')}
            </Cell>
            {showSite ? <Cell>{b.siteName ?? 'District'}</Cell> : null}
            <Cell>
              <Badge tone={STATUS_DISPLAY[b.status].tone}>{STATUS_DISPLAY[b.status].label}</Badge>
            </Cell>
            <Cell numeric>
              {b.status === 'QUEUED' || b.status === 'STAGING' ? (
                'not checked yet'
              ) : (
                <>
                  {b.errorCount > 0 ? `${b.errorCount} errors, ` : ''}
                  {b.problemCount - b.errorCount} warnings
                </>
              )}
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
