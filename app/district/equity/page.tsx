import type { Metadata } from 'next';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { ReportTableView } from '@/components/reports/report-table';
import { WindowNotice } from '@/components/dashboard/window-notice';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { filtersQuery, type SearchParams } from '@/lib/dashboard/filters';
import { NOTABLE_GAP_POINTS } from '@/lib/equity/cells';
import { dimensionLabels, equityContext, servedEquityView, type EquityTable } from '@/lib/equity/view';
import { SnapshotNotice } from '@/components/dashboard/snapshot-notice';

export const metadata: Metadata = { title: 'Equity' };

const PATH = '/district/equity';

export default async function EquityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await authorizePage('district.view', undefined, PATH);
  const context = await equityContext(await searchParams);
  const { filters } = context;
  const title = 'Equity';
  if (!filters) {
    return (
      <>
        <PageHeader title={title} />
        <EmptyState
          title="No tutoring cycle yet"
          description="The equity view fills in once a cycle has eligible students and groups."
        />
      </>
    );
  }
  const served = await servedEquityView({ ...context, filters });
  const view = served.value;
  const query = filtersQuery(filters);
  return (
    <>
      <PageHeader
        title={title}
        description="For each subgroup of students: who is eligible, who got a seat, the dose they received and whether they met their goals, beside all students."
      />
      <WindowNotice filters={filters} ignored={context.ignored} />
      <SnapshotNotice current={served.current} ageSeconds={served.ageSeconds} />
      <DashboardFiltersForm filters={filters} options={context.options} fields={['site', 'subject']} clearHref={PATH} />
      <section aria-labelledby="equity-reading" className="mb-6 max-w-prose text-slate-700">
        <h2 id="equity-reading" className="sr-only">
          How to read these tables
        </h2>
        <p>
          All students, each site and each grade are shown exactly, as on the dashboards. In the demographic subgroups,
          a cell counting fewer than {view.minN} students shows “n&lt;{view.minN}”; a cell that reads “suppressed”
          counts more, and is hidden because, with a total here, the district’s figures or another site’s, it would give
          a smaller hidden cell back. Shares at or below 5% or at or above 95% show as “≤5%” or “≥95%”, and the count
          beside them is not printed. A gap is in percentage points against all students; a gap of {NOTABLE_GAP_POINTS}{' '}
          points or more below is marked “notable gap” and set in bold.
        </p>
      </section>
      <nav aria-label="Equity tables" className="mb-6">
        <ul className="flex flex-wrap gap-x-4">
          {view.tables.map((t) => (
            <li key={t.id}>
              <a
                href={`#equity-${t.id}`}
                className="inline-flex min-h-11 items-center text-primary-700 underline underline-offset-2"
              >
                {dimensionLabels[t.id]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex flex-col gap-10">
        {view.tables.map((t) => (
          <EquitySection key={t.id} table={t} csvHref={`/api/equity/csv?${query}&table=${t.id}`} />
        ))}
      </div>
    </>
  );
}

function EquitySection({ table, csvHref }: { table: EquityTable; csvHref: string }) {
  return (
    <section
      id={`equity-${table.id}`}
      aria-labelledby={`equity-${table.id}-heading`}
      className="flex scroll-mt-4 flex-col gap-2"
    >
      <h2 id={`equity-${table.id}-heading`} className="text-xl font-semibold">
        {dimensionLabels[table.id]}
      </h2>
      <ReportTableView table={table} csvHref={csvHref} wrapHeaders />
    </section>
  );
}
