import type { ReactNode } from 'react';
import type { DashboardTarget } from '@/lib/dashboard/access';
import type { DashboardFilters } from '@/lib/dashboard/filters';
import { csvHref } from '@/lib/dashboard/links';
import { NOTHING_TO_SHOW, type DashboardTable, type ScopeView, type TableId } from '@/lib/dashboard/tables';
import { CsvLink, ReportTableView } from '@/components/reports/report-table';
import { DoseChart } from './dose-chart';
import { SummaryFigures } from './summary-figures';

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {title}
      </h2>
      {description ? <p className="max-w-prose text-slate-700">{description}</p> : null}
      {children}
    </section>
  );
}

/** The same sections for the district, a site and a group. */
export function ScopeDashboard({
  view,
  target,
  filters,
  breakdownTitle,
}: {
  view: ScopeView;
  target: DashboardTarget;
  filters: DashboardFilters;
  breakdownTitle: string;
}) {
  const table = (id: TableId) => view.tables.find((t) => t.id === id);
  const show = (t: DashboardTable | undefined, empty?: string) =>
    t ? <ReportTableView table={t} csvHref={csvHref(target, filters, t.id)} empty={empty ?? NOTHING_TO_SHOW} /> : null;
  return (
    <div className="flex flex-col gap-8">
      <p className="max-w-prose text-sm text-slate-700">
        Operational figures for staff who may open the students behind them: exact, here and in downloads. Figures by
        demographic subgroup, which are suppressed where small, are on the equity page.
      </p>
      <Section id="summary" title="Headline figures">
        <SummaryFigures figures={view.summary} label="Headline figures" />
        <CsvLink href={csvHref(target, filters, 'summary')} caption="Headline figures" />
      </Section>
      {/* Right after the headline: where to look next. Sorted by any column from its header. */}
      <Section
        id="breakdown"
        title={breakdownTitle}
        description={
          target.level === 'group'
            ? undefined
            : 'Sort by any column from its header. Off track: a dose rate or a share of sessions held under the policy’s dose-rate line.'
        }
      >
        {(() => {
          const t = table('breakdown');
          return t ? (
            <ReportTableView
              table={t}
              csvHref={csvHref(target, filters, t.id)}
              empty="Nobody is placed in scope."
              sortable
            />
          ) : null;
        })()}
      </Section>
      <Section
        id="weekly"
        title="Dose by week"
        description="Minutes scheduled (every session of a student’s groups, whatever happened) and minutes delivered (attended in held sessions)."
      >
        {view.weeks.some((w) => w.scheduled !== null) ? (
          <DoseChart
            points={view.weeks}
            label="Dose scheduled and delivered by week, as bars; the table below lists the same figures"
          />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-slate-700">
            No week has minutes to chart in these dates.
          </p>
        )}
        {show(table('weekly'))}
      </Section>
      <Section id="dose" title="Dose rate and lost minutes">
        {show(table('bands'))}
        {show(table('lost'))}
      </Section>
      <Section
        id="growth"
        title="Growth"
        description="Growth is averaged only within one measure. Students below the dose line are shown as under-dosed, not judged as non-responders."
      >
        {show(table('growth-measures'), 'No scores on any measure yet.')}
        {show(table('growth-bands'))}
      </Section>
      {table('coverage') ? (
        <Section id="coverage" title="Placement coverage">
          {show(table('coverage'))}
        </Section>
      ) : null}
    </div>
  );
}
