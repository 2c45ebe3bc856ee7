import { addDays } from '@/lib/dates';
import type { DashboardFilters } from '@/lib/dashboard/filters';
import { shortDate } from '@/lib/dashboard/tables';

/** What the page covers, and any filter in the address that was ignored. */
export function WindowNotice({ filters, ignored }: { filters: DashboardFilters; ignored: string[] }) {
  return (
    <>
      {ignored.length ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm font-medium text-warning-800"
        >
          Not understood, so left out: {ignored.join(', ')}. The page shows the default instead.
        </p>
      ) : null}
      <p className="mb-4 text-slate-700">
        {filters.cycle.name}: sessions from {shortDate(filters.fromWeek)} to {shortDate(addDays(filters.toWeek, 6))}.
      </p>
    </>
  );
}
