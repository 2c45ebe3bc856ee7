// CSV for the app's report downloads: RFC 4180 quoting; figures as plain numbers a
// spreadsheet can sum (the unit in the column header: "Dose rate (%)", "Tutor cost ($)");
// text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
// first) prefixed with an apostrophe so it stays text (OWASP's CSV injection advice);
// suppressed cells keep their code ("n<10", "suppressed", "≤5%"). Pure.

import type { ReportTable } from './table';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export type CsvValue = string | number;

/** One cell: a number as it is; text starting like a formula defused; quoted where needed. */
export function csvCell(value: CsvValue): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export type FigureUnit = '%' | 'min' | '$';

/**
 * A figure as the page prints it ("1,234", "169,285 min", "77%", "-2,229", "$1,234.50")
 * as a number and its unit; null for anything else (a suppression code, a dash, words).
 */
export function parseFigure(text: string): { value: number; unit: FigureUnit | '' } | null {
  let rest = text.trim();
  let unit: FigureUnit | '' = '';
  if (rest.endsWith('%')) {
    unit = '%';
    rest = rest.slice(0, -1);
  } else if (rest.endsWith(' min')) {
    unit = 'min';
    rest = rest.slice(0, -4);
  } else if (/^-?\$/.test(rest)) {
    unit = '$';
    rest = rest.replace('$', '');
  }
  rest = rest.replaceAll(',', '');
  return /^-?\d+(\.\d+)?$/.test(rest) ? { value: Number(rest), unit } : null;
}

/**
 * A table as the page shows it, for a spreadsheet: the same columns and the same
 * (already suppressed) cells, a numeric column's figures as numbers with their unit
 * moved into the header, an empty cell where the page shows a dash.
 */
export function tableCsv(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  const units = table.columns.map((column, j) => {
    if (!column.numeric) return '';
    if (column.unit) return column.unit;
    const found = new Set(table.rows.flatMap((r) => parseFigure(r.cells[j] ?? '')?.unit ?? []));
    return found.size === 1 ? [...found][0]! : '';
  });
  const header = table.columns.map((c, j) =>
    units[j] && !c.label.endsWith(`(${units[j]})`) ? `${c.label} (${units[j]})` : c.label,
  );
  const body = table.rows.map((row) =>
    row.cells.map((text, j): CsvValue => {
      const exact = row.values?.[j];
      if (exact !== undefined) return exact;
      if (!table.columns[j]?.numeric) return text;
      if (text === '—') return '';
      return parseFigure(text)?.value ?? text;
    }),
  );
  return toCsv([header, ...body]);
}

/** A safe file name: letters, digits and dashes only. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'table'}.csv`;
}

/**
 * A CSV file as a download: a byte-order mark first, so spreadsheet programs read
 * the UTF-8 (names, dashes) as such; never cached; never sniffed as anything else.
 */
export function csvDownload(csv: string, fileName: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    },
  });
}

/** A report table as its download: the table's CSV, named from `nameParts` (view, table, dates). */
export function tableDownload(table: Pick<ReportTable, 'columns' | 'rows'>, ...nameParts: string[]): Response {
  return csvDownload(tableCsv(table), csvFileName(...nameParts));
}
