import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { ReportRow, ReportTable } from '@/lib/reports/table';
import { ReportCell } from './report-cell';
import { SortableReportTable } from './sortable-report-table';

/** A download link named after its table, so each link on the page says which one it is; not on paper. */
export function CsvLink({ href, caption }: { href: string; caption: string }) {
  return (
    <p data-print="hide">
      <a
        href={href}
        download
        aria-label={`Download CSV: ${caption}`}
        className={buttonClasses({ variant: 'secondary', size: 'sm' })}
      >
        Download CSV
      </a>
    </p>
  );
}

/**
 * Any report table as the server built it (lib/reports/table.ts: cells already
 * formatted and suppressed), with its CSV download, which holds the same cells. The
 * first cell is the row's header, a link when the row drills down; a total or
 * reference row is set in bold; a notable cell is marked and bold, its words saying
 * why. `render` may dress a cell (a link, badges) without changing what it says.
 */
export function ReportTableView<Row extends ReportRow>({
  table,
  csvHref,
  empty,
  wrapHeaders = false,
  sortable = false,
  render,
}: {
  table: ReportTable<string, Row>;
  csvHref: string;
  /** Said instead of an empty table; without it an empty table shows its header alone. */
  empty?: string;
  /** Let long column labels wrap (wide tables of figures). */
  wrapHeaders?: boolean;
  /** Sort by any column from its header (in the browser; the server's order first). */
  sortable?: boolean;
  render?: (row: Row, column: number) => ReactNode | undefined;
}) {
  return (
    <div className="flex flex-col gap-2">
      {empty !== undefined && table.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-slate-700">
          <span className="font-semibold">{table.caption}:</span> {empty}
        </p>
      ) : sortable && !render ? (
        <SortableReportTable table={table} wrapHeaders={wrapHeaders} />
      ) : (
        <Table caption={table.caption}>
          <TableHead>
            <TableRow>
              {table.columns.map((c, j) => (
                <HeaderCell key={j} numeric={c.numeric} className={wrapHeaders ? 'whitespace-normal' : ''}>
                  {c.label}
                </HeaderCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row, i) => (
              <TableRow key={row.key ?? `${row.cells[0]}-${i}`}>
                {row.cells.map((cell, j) => (
                  <ReportCell key={j} row={row} column={j} numeric={table.columns[j]?.numeric}>
                    {render?.(row, j) ?? cell}
                  </ReportCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CsvLink href={csvHref} caption={table.caption} />
    </div>
  );
}
