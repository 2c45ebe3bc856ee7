import { ReviewTableView } from '@/components/review/review-table';
import type { ReviewTable } from '@/lib/review/tables';

/** Cost by site or by provider, with the total as the last row, and its CSV download. */
export function CostTable({ table, csvHref }: { table: ReviewTable; csvHref: string }) {
  return <ReviewTableView table={table} csvHref={csvHref} />;
}
