import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { RosterProblem } from '@/lib/imports/types';

const SHOWN = 200;

/** Row-by-row problems: errors first, then warnings, each with its file and line. */
export function ProblemsTable({ problems, total }: { problems: RosterProblem[]; total: number }) {
  if (total === 0)
    return <EmptyState headingLevel={3} title="No problems found" description="Every row was read cleanly." />;
  const shown = problems.slice(0, SHOWN);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        {shown.length < total
          ? `Showing the first ${shown.length} of ${total.toLocaleString('en-US')} problems, errors first.`
          : `${total} problem${total === 1 ? '' : 's'}, errors first.`}
      </p>
      <Table caption="Problems found in the files" captionHidden>
        <TableHead>
          <TableRow>
            <HeaderCell>Severity</HeaderCell>
            <HeaderCell>File</HeaderCell>
            <HeaderCell numeric>Line</HeaderCell>
            <HeaderCell>Reason</HeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((p, i) => (
            <TableRow key={`${p.file}-${p.line}-${i}`}>
              <Cell>
                {p.severity === 'error' ? <Badge tone="danger">Error</Badge> : <Badge tone="warning">Warning</Badge>}
              </Cell>
              <Cell>{p.file}</Cell>
              <Cell numeric>{p.line ?? '–'}</Cell>
              <Cell className="min-w-72">{p.reason}</Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
