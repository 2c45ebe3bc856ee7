import type { Metadata } from 'next';
import Link from 'next/link';
import { ReportTableView } from '@/components/reports/report-table';
import { PrintButton } from '@/components/review/print-button';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { metricsPolicy } from '@/lib/metrics/scope';
import { SnapshotNotice } from '@/components/dashboard/snapshot-notice';
import { servedCostView, resolveCostWindow } from '@/lib/review/costs';
import { costTables, reviewCsvHref } from '@/lib/review/tables';

export const metadata: Metadata = { title: 'Costs' };

const path = '/district/costs';

export default async function CostsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await authorizePage('district.view', undefined, path);
  const policy = await metricsPolicy(db);
  const range = await resolveCostWindow(await searchParams, policy.today);
  const title = 'Tutoring costs';
  if (!range.cycle) {
    return (
      <>
        <PageHeader title={title} />
        <EmptyState title="No tutoring cycle yet" description="Costs appear once a cycle has held sessions." />
      </>
    );
  }
  const served = await servedCostView({ cycleId: range.cycle.id, from: range.from, to: range.to, policy });
  const view = served.value;
  const missing = view.total.partial;
  const linkUsers = can(user.role, 'users.manage');
  const tables = new Map(costTables(view).map((t) => [t.id, t]));
  const csvQuery = { view: 'costs', cycle: range.cycle.id, from: range.from, to: range.to };
  const bySite = tables.get('by-site');
  const byProvider = tables.get('by-provider');
  return (
    <>
      <PageHeader
        title={title}
        description={`Cost per delivered hour and per student meeting goal, ${range.cycle.name}: sessions from ${range.from} to ${range.to}.`}
        actions={<PrintButton />}
      />
      <SnapshotNotice current={served.current} ageSeconds={served.ageSeconds} />
      {range.ignored.length ? (
        <p
          role="status"
          data-print="hide"
          className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm font-medium text-warning-800"
        >
          Not understood or outside the cycle, so left out: {range.ignored.join(', ')}. The page shows the default
          instead.
        </p>
      ) : null}
      <form
        method="get"
        action={path}
        aria-label="Choose the cycle and dates"
        data-print="hide"
        className="mb-6 grid items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      >
        <SelectField label="Cycle" name="cycle" defaultValue={range.cycle.id}>
          {range.cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="From"
          name="from"
          type="date"
          defaultValue={range.from}
          min={range.cycle.startDate}
          max={range.cycle.endDate}
        />
        <TextField
          label="To"
          name="to"
          type="date"
          defaultValue={range.to}
          min={range.cycle.startDate}
          max={range.cycle.endDate}
        />
        <div>
          <Button type="submit">Show costs</Button>
        </div>
      </form>

      <div className="flex flex-col gap-8 print:**:bg-white print:**:text-black print:**:shadow-none print:**:whitespace-normal">
        <section aria-labelledby="how-heading" className="max-w-prose text-slate-700">
          <h2 id="how-heading" className="mb-2 text-xl font-semibold">
            How these are counted
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              Tutor cost = each held session’s actual minutes × the hourly cost of the tutor who delivered it (else the
              substitute assigned, else the primary tutor). Cancelled sessions cost nothing here.
            </li>
            <li>
              A delivered hour is an hour of held tutoring for one group, whatever its size; student-hours add up each
              student’s attended minutes.
            </li>
            <li>
              Students meeting goal: students with at least one judged placement (not under-dosed, with a goal, a pre
              score and a later score, up to {range.to}) who met the goal in every judged placement, counted at the
              sites and providers of those placements’ groups. Sites and providers are how the program runs, not groups
              of students by background, so every count here is exact.
            </li>
            <li>
              Providers are those of each group’s primary tutor; a substitute’s hours cost at the substitute’s own rate.
            </li>
          </ul>
        </section>

        {missing ? (
          <section
            aria-labelledby="missing-heading"
            className="rounded-lg border border-warning-200 bg-warning-50 p-4 text-warning-800"
          >
            <h2 id="missing-heading" className="text-lg font-semibold">
              Costs missing for {view.uncostedTutors.length} {view.uncostedTutors.length === 1 ? 'tutor' : 'tutors'}
            </h2>
            <p className="mt-1">
              {Math.round(((view.total.heldMinutes - view.total.costedMinutes) / 60) * 10) / 10} of{' '}
              {Math.round((view.total.heldMinutes / 60) * 10) / 10} delivered hours were by tutors without an hourly
              cost. Cost per delivered hour (marked *) is over the hours with a cost only; cost per student meeting goal
              is left out (“Costs missing”) wherever any hour lacks a cost, since the total would be too low.
              {linkUsers ? ' Enter a cost on each tutor’s account.' : ''}
            </p>
            <ul className="mt-2 flex flex-wrap gap-x-4">
              {view.uncostedTutors.map((t) => (
                <li key={t.id}>
                  {linkUsers ? (
                    <Link
                      href={`/district/users/${t.id}`}
                      className="inline-flex min-h-11 items-center text-warning-800 underline underline-offset-2"
                    >
                      {t.name}
                    </Link>
                  ) : (
                    <span className="inline-flex min-h-11 items-center">{t.name}</span>
                  )}
                  {t.providerName ? <span className="text-sm"> ({t.providerName})</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="site-heading" className="flex flex-col gap-3">
          <h2 id="site-heading" className="text-xl font-semibold">
            By site
          </h2>
          {bySite ? (
            <ReportTableView table={bySite} csvHref={reviewCsvHref(csvQuery, bySite.id)} />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4">
              No session was held in these dates.
            </p>
          )}
        </section>
        <section aria-labelledby="provider-heading" className="flex flex-col gap-3">
          <h2 id="provider-heading" className="text-xl font-semibold">
            By provider
          </h2>
          {byProvider ? (
            <ReportTableView table={byProvider} csvHref={reviewCsvHref(csvQuery, byProvider.id)} />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4">
              No session was held in these dates.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
