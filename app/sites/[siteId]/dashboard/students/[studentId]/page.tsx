import type { Metadata } from 'next';
import { StudentClasses } from '@/components/classes/class-schedules';
import { Breadcrumbs } from '@/components/dashboard/breadcrumbs';
import { CsvLink, ReportTableView } from '@/components/reports/report-table';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { SummaryFigures } from '@/components/dashboard/summary-figures';
import { WindowNotice } from '@/components/dashboard/window-notice';
import { ProbeChart } from '@/components/tutor/probe-chart';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { classSchedules } from '@/lib/classes/queries';
import { authorizeDashboardPage, dashboardPaths } from '@/lib/dashboard/access';
import type { SearchParams } from '@/lib/dashboard/filters';
import { csvHref, withFilters } from '@/lib/dashboard/links';
import { dashboardContext } from '@/lib/dashboard/queries';
import { studentView } from '@/lib/dashboard/student';
import { NOTHING_TO_SHOW, type TableId } from '@/lib/dashboard/tables';
import { db } from '@/lib/db';
import { flagLabels } from '@/lib/flags/rules';

export const metadata: Metadata = { title: 'Student dashboard' };

export default async function StudentDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string; studentId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { siteId, studentId } = await params;
  const target = { level: 'student', siteId, studentId } as const;
  const user = await authorizeDashboardPage(target, dashboardPaths.student(siteId, studentId));
  const [site, context] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    dashboardContext(target, await searchParams),
  ]);
  const { filters } = context;
  if (!filters) {
    return (
      <>
        <PageHeader title="Student" />
        <EmptyState title="No tutoring cycle yet" />
      </>
    );
  }
  const [view, schedules] = await Promise.all([
    studentView(target, { ...context, filters }),
    classSchedules([studentId]),
  ]);
  const schedule = schedules.get(studentId);
  const table = (id: TableId) => view.tables.find((t) => t.id === id)!;
  const groupCrumbs = view.placements.filter((p, i, all) => all.findIndex((q) => q.groupId === p.groupId) === i);
  return (
    <>
      <Breadcrumbs
        items={[
          ...(can(user.role, 'district.view')
            ? [{ label: 'District', href: withFilters(dashboardPaths.district, filters) }]
            : []),
          { label: site.name, href: withFilters(dashboardPaths.site(siteId), filters) },
          ...groupCrumbs
            .slice(0, 1)
            .map((p) => ({ label: p.groupName, href: withFilters(dashboardPaths.group(siteId, p.groupId), filters) })),
          { label: view.student.name },
        ]}
      />
      <PageHeader
        title={view.student.name}
        description={`Grade ${view.student.grade} at ${view.student.siteName} · SIS ${view.student.sisId}. This student's own record: no figures are hidden here.`}
      />
      <WindowNotice filters={filters} ignored={context.ignored} />
      <DashboardFiltersForm
        filters={filters}
        options={context.options}
        fields={[]}
        clearHref={dashboardPaths.student(siteId, studentId)}
      />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="figures-heading" className="flex flex-col gap-3">
          <h2 id="figures-heading" className="text-xl font-semibold">
            Dose, attendance and growth
          </h2>
          <SummaryFigures figures={view.summary} label={`${view.student.name}: figures`} />
          <CsvLink href={csvHref(target, filters, 'summary')} caption="Dose and attendance" />
        </section>

        <section aria-labelledby="flags-heading" className="flex flex-col gap-3">
          <h2 id="flags-heading" className="text-xl font-semibold">
            Early-warning flags
          </h2>
          {view.flags.length === 0 ? (
            <p className="text-slate-700">No flags today.</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {view.flags.map((f) => (
                <li key={f.message} className="flex flex-wrap items-center gap-2">
                  <Badge tone="warning">{flagLabels[f.kind]}</Badge> <span>{f.message}</span>
                </li>
              ))}
            </ul>
          )}
          <CsvLink href={csvHref(target, filters, 'flags')} caption="Early-warning flags" />
        </section>

        <section aria-labelledby="scores-heading" className="flex flex-col gap-3">
          <h2 id="scores-heading" className="text-xl font-semibold">
            Scores against the aim line
          </h2>
          {view.placements.length === 0 ? (
            <EmptyState headingLevel={3} title="Not placed in a group in this window" />
          ) : (
            <ul className="grid gap-4 md:grid-cols-2">
              {view.placements.map((p) => {
                const pre = p.scores.find((s) => s.kind === 'PRE');
                const aim =
                  pre && p.goal !== null
                    ? { from: { date: p.placedOn, score: pre.score }, to: { date: p.goalDate, score: p.goal } }
                    : null;
                return (
                  <li key={p.membershipId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                    <h3 className="font-semibold">
                      {p.groupName}: {p.measure}
                    </h3>
                    <p className="text-sm text-slate-700">
                      Placed {p.placedOn}
                      {p.goal !== null ? ` · goal ${p.goal} by ${p.goalDate}` : ' · no goal set'}
                      {p.rateOfImprovement !== null
                        ? ` · ${Math.round(p.rateOfImprovement * 100) / 100} points a week`
                        : ''}
                      {p.aimSlopePerWeek !== null ? ` (aim ${Math.round(p.aimSlopePerWeek * 100) / 100})` : ''}
                    </p>
                    {p.scores.length ? (
                      <ProbeChart
                        scores={p.scores}
                        aim={aim}
                        goal={p.goal}
                        label={`${view.student.name}'s ${p.measure} scores against the aim line`}
                      />
                    ) : (
                      <p className="text-slate-700">No scores yet.</p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <ReportTableView
            table={table('scores')}
            csvHref={csvHref(target, filters, 'scores')}
            empty="No scores in this window."
          />
        </section>

        {schedule ? (
          <section aria-labelledby="classes-heading" className="flex flex-col gap-3">
            <h2 id="classes-heading" className="text-xl font-semibold">
              Homeroom and classes
            </h2>
            <StudentClasses schedule={schedule} />
          </section>
        ) : null}

        <section aria-labelledby="ledger-heading" className="flex flex-col gap-3">
          <h2 id="ledger-heading" className="text-xl font-semibold">
            Dose ledger
          </h2>
          <ReportTableView
            table={table('ledger')}
            csvHref={csvHref(target, filters, 'ledger')}
            empty="No sessions scheduled for this student in this window."
          />
          <ReportTableView table={table('lost')} csvHref={csvHref(target, filters, 'lost')} empty={NOTHING_TO_SHOW} />
        </section>
      </div>
    </>
  );
}
