import Link from 'next/link';
import type { ReactNode } from 'react';
import { Cell, HeaderCell } from '@/components/ui/table';
import type { ReportRow } from '@/lib/reports/table';

/**
 * One cell of a report table: the first is the row's header (a link when the row drills
 * down); a total or reference row is bold; a notable cell is marked and bold, its words
 * saying why. Shared by the server-rendered and the sortable tables.
 */
export function ReportCell({
  row,
  column,
  numeric,
  children,
}: {
  row: ReportRow;
  column: number;
  numeric?: boolean;
  children: ReactNode;
}) {
  if (column === 0) {
    return (
      <HeaderCell scope="row" className={`whitespace-normal ${row.emphasis ? 'font-bold' : 'font-medium'}`}>
        {row.href ? (
          <Link
            href={row.href}
            className="inline-flex min-h-11 items-center text-primary-700 underline underline-offset-2"
          >
            {children}
          </Link>
        ) : (
          children
        )}
      </HeaderCell>
    );
  }
  const notable = row.notable?.[column] ?? false;
  return (
    <Cell
      numeric={numeric}
      className={notable ? 'font-bold text-danger-800' : row.emphasis === 'reference' ? 'font-semibold' : ''}
    >
      {notable ? (
        <>
          <span aria-hidden="true">▼ </span>
          {children}
        </>
      ) : (
        children
      )}
    </Cell>
  );
}
