// The one model of a report table: the district and site dashboards, the weekly review,
// the cost view and the equity view all build these, as text formatted (and suppressed)
// on the server. components/reports/report-table.tsx renders every one of them and
// ./csv.ts (tableCsv) writes every one as a download, so a page and its CSV cannot
// disagree. Pure.
import type { CsvValue, FigureUnit } from './csv';

export interface ReportColumn {
  label: string;
  numeric?: boolean;
  /** The figures' unit, for the CSV header, where the cells alone may not say it ("Tutor cost ($)"). */
  unit?: FigureUnit;
}

export interface ReportRow {
  /** React's key; the first cell (and the row's place) when absent. */
  key?: string;
  /** The cells as the page shows them; the first is the row's header. */
  cells: string[];
  /** Exact figures for the CSV where the page rounds (hours, dollars); same columns as cells. */
  values?: (CsvValue | undefined)[];
  /** A drill-down link on the first cell. */
  href?: string;
  /** A row set apart: a total (the cost tables' last row) or the reference the others are compared with. */
  emphasis?: 'total' | 'reference';
  /** Per cell: a figure notably worse than the reference, said in its words and marked. */
  notable?: boolean[];
}

export interface ReportTable<Id extends string = string, Row extends ReportRow = ReportRow> {
  id: Id;
  caption: string;
  columns: readonly ReportColumn[];
  rows: Row[];
}
