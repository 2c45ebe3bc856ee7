import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { ReviewRow, ReviewTable } from '@/lib/review/tables';

/** A plain download link named after its table; not on paper. */
export function CsvDownload({ href, caption }: { href: string; caption: string }) {
  return (
    <p data-print="hide">
      <a href={href} download className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
        Download CSV<span className="sr-only">: {caption}</span>
      </a>
    </p>
  );
}

/**
 * A review table from its text cells (lib/review/tables.ts), the same cells its CSV
 * holds; `render` may dress a cell (a link, badges) without changing what it says.
 */
export function ReviewTableView({
  table,
  csvHref,
  render,
}: {
  table: ReviewTable;
  csvHref: string;
  render?: (row: ReviewRow, column: number) => ReactNode | undefined;
}) {
  return (
    <div className="flex flex-col gap-2">
      <Table caption={table.caption}>
        <TableHead>
          <TableRow>
            {table.columns.map((c, j) => (
              <HeaderCell key={j} numeric={c.numeric}>
                {c.label}
              </HeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map((row) => (
            <TableRow key={row.key}>
              {row.cells.map((cell, j) => {
                const content = render?.(row, j) ?? cell;
                return j === 0 ? (
                  <HeaderCell
                    key={j}
                    scope="row"
                    className={`whitespace-normal ${row.total ? 'font-bold' : 'font-medium'}`}
                  >
                    {content}
                  </HeaderCell>
                ) : (
                  <Cell key={j} numeric={table.columns[j]?.numeric}>
                    {content}
                  </Cell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <CsvDownload href={csvHref} caption={table.caption} />
    </div>
  );
}
