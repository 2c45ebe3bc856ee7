'use client';

import { useState } from 'react';
import { HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import type { ReportRow, ReportTable } from '@/lib/reports/table';
import { ReportCell } from './report-cell';

type Direction = 'ascending' | 'descending';

/** A figure as the table shows it ("1,234", "77%", "$1,200") as a number; null for "—", "n<10" and the like. */
export function figureOf(cell: string): number | null {
  const text = cell.replace(/[,$%\s]|min$/g, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * Rows in a column's order: figures by value, words alphabetically (numbers in them
 * read as numbers); cells without a figure last whichever the direction. Stable.
 */
export function sortRows<Row extends ReportRow>(
  rows: readonly Row[],
  column: number,
  numeric: boolean,
  direction: Direction,
): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const [x, y] = [a.row.cells[column] ?? '', b.row.cells[column] ?? ''];
      if (numeric) {
        const [fx, fy] = [figureOf(x), figureOf(y)];
        if (fx === null || fy === null) return fx === fy ? a.i - b.i : fx === null ? 1 : -1;
        return (fx - fy) * sign || a.i - b.i;
      }
      return x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' }) * sign || a.i - b.i;
    })
    .map(({ row }) => row);
}

/**
 * A report table sorted from its headers: each header is a button; the column sorted
 * says so (aria-sort) and the order is announced by the caption. Figures sort largest
 * first on the first press, words A to Z; a second press reverses.
 */
export function SortableReportTable<Row extends ReportRow>({
  table,
  wrapHeaders,
}: {
  table: ReportTable<string, Row>;
  wrapHeaders: boolean;
}) {
  const [sort, setSort] = useState<{ column: number; direction: Direction } | null>(null);
  const rows = sort
    ? sortRows(table.rows, sort.column, table.columns[sort.column]?.numeric ?? false, sort.direction)
    : table.rows;
  const press = (column: number) => {
    const numeric = table.columns[column]?.numeric ?? false;
    const first: Direction = numeric ? 'descending' : 'ascending';
    setSort((current) =>
      current?.column === column
        ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: first },
    );
  };
  const caption = sort
    ? `${table.caption}, sorted by ${table.columns[sort.column]?.label} (${sort.direction})`
    : table.caption;
  return (
    <Table caption={caption}>
      <TableHead>
        <TableRow>
          {table.columns.map((c, j) => (
            <HeaderCell
              key={j}
              numeric={c.numeric}
              aria-sort={sort?.column === j ? sort.direction : 'none'}
              className={`p-0 ${wrapHeaders ? 'whitespace-normal' : ''}`}
            >
              <button
                type="button"
                onClick={() => press(j)}
                className={`flex min-h-11 w-full items-center gap-1 px-4 py-2 font-semibold ${c.numeric ? 'justify-end text-right' : 'text-left'} hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-primary-700`}
              >
                {c.label}
                <span aria-hidden="true" className="text-slate-600">
                  {sort?.column === j ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </HeaderCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <TableRow key={row.key ?? `${row.cells[0]}-${i}`}>
            {row.cells.map((cell, j) => (
              <ReportCell key={j} row={row} column={j} numeric={table.columns[j]?.numeric}>
                {cell}
              </ReportCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
