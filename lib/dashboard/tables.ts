// What a dashboard page shows, as plain strings formatted on the server: the page, the
// chart and the CSV download (lib/reports/csv.ts, which turns figures back into numbers) all
// read these. Dashboards are operational: their figures are exact (DOMAIN.md, Policy).
import type { IsoDate } from '@/lib/dates';
import { parseFigure } from '@/lib/reports/csv';
import type { ReportRow, ReportTable } from '@/lib/reports/table';

export const TABLE_IDS = [
  'summary',
  'weekly',
  'bands',
  'lost',
  'growth-measures',
  'growth-bands',
  'coverage',
  'breakdown',
  'ledger',
  'scores',
  'flags',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** A dashboard table: the one report-table model (lib/reports/table.ts), named by its id. */
export type DashboardTable = ReportTable<TableId>;
export type DashboardRow = ReportRow;

/** What a dashboard table with no rows says instead. */
export const NOTHING_TO_SHOW = 'Nothing to show for these filters.';

/** One week of the dose chart; null where the week had nothing scheduled. */
export interface WeekPoint {
  week: IsoDate;
  label: string;
  scheduled: number | null;
  delivered: number | null;
  /** The dose rate as shown ("92%", "—"). */
  rate: string;
}

export interface SummaryFigure {
  label: string;
  value: string;
  basis: string;
}

export interface ScopeView {
  summary: SummaryFigure[];
  weeks: WeekPoint[];
  tables: DashboardTable[];
}

const number = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => number.format(n);
export const formatMinutes = (n: number) => `${number.format(n)} min`;
export const formatPercent = (share: number) => `${Math.round(share * 100)}%`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Sep 14" for 2026-09-14. */
export function shortDate(date: IsoDate): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/**
 * Headline figures as a table for the CSV: each value a plain number with its unit in
 * a column of its own ("169285", "min"), since one column holds minutes, shares and counts.
 */
export function summaryTable(caption: string, figures: readonly SummaryFigure[]): DashboardTable {
  return {
    id: 'summary',
    caption,
    columns: [{ label: 'Figure' }, { label: 'Value', numeric: true }, { label: 'Unit' }, { label: 'Basis' }],
    rows: figures.map((f) => {
      const figure = parseFigure(f.value);
      return {
        cells: [f.label, figure ? formatCount(figure.value) : f.value, figure ? figure.unit || 'count' : '', f.basis],
      };
    }),
  };
}
