// CSV for the dashboard's downloads: RFC 4180 quoting, and text a spreadsheet would
// run as a formula (=, +, -, @, or a tab or carriage return first) prefixed with an
// apostrophe so it stays text (OWASP's CSV injection advice). Pure.
import type { DashboardTable } from './tables';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?%?$/;

/** One cell: a negative number stays a number; any other text starting like a formula is defused. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A table as shown on the page: the same header and the same (already suppressed) cells. */
export function tableCsv(table: DashboardTable): string {
  return toCsv([table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells)]);
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
