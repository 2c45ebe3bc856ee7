import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { DashboardTable } from '@/lib/dashboard/tables';

/** A dashboard table as the server built it (cells already suppressed), with its CSV download. */
export function DataTable({
  table,
  csvHref,
  empty = 'Nothing to show for these filters.',
}: {
  table: DashboardTable;
  csvHref: string;
  empty?: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      {table.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-slate-700">
          <span className="font-semibold">{table.caption}:</span> {empty}
        </p>
      ) : (
        <Table caption={table.caption}>
          <TableHead>
            <TableRow>
              {table.columns.map((c) => (
                <HeaderCell key={c.label} numeric={c.numeric}>
                  {c.label}
                </HeaderCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row, i) => (
              <TableRow key={`${row.cells[0]}-${i}`}>
                {row.cells.map((cell, j) =>
                  j === 0 ? (
                    <HeaderCell key={j} scope="row" className="font-medium whitespace-normal">
                      {row.href ? (
                        <Link
                          href={row.href}
                          className="inline-flex min-h-11 items-center text-primary-700 underline underline-offset-2"
                        >
                          {cell}
                        </Link>
                      ) : (
                        cell
                      )}
                    </HeaderCell>
                  ) : (
                    <Cell key={j} numeric={table.columns[j]?.numeric}>
                      {cell}
                    </Cell>
                  ),
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CsvLink href={csvHref} caption={table.caption} />
    </div>
  );
}

/** A download link named after its table, so each link on the page says which one it is. */
export function CsvLink({ href, caption }: { href: string; caption: string }) {
  return (
    <p>
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
