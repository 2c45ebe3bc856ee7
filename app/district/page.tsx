import type { Metadata } from 'next';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { ScopeDashboard } from '@/components/dashboard/scope-dashboard';
import { WindowNotice } from '@/components/dashboard/window-notice';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizeDashboardPage } from '@/lib/dashboard/access';
import type { SearchParams } from '@/lib/dashboard/filters';
import { dashboardContext, servedScopeView } from '@/lib/dashboard/queries';
import { SnapshotNotice } from '@/components/dashboard/snapshot-notice';

export const metadata: Metadata = { title: 'District dashboard' };

const target = { level: 'district' } as const;

export default async function DistrictDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await authorizeDashboardPage(target, '/district');
  const context = await dashboardContext(target, await searchParams);
  const { filters } = context;
  const title = 'District dashboard';
  if (!filters) {
    return (
      <>
        <PageHeader title={title} />
        <EmptyState
          title="No tutoring cycle yet"
          description="The dashboard fills in once a cycle has groups and sessions."
        />
      </>
    );
  }
  const served = await servedScopeView(target, { ...context, filters });
  const view = served.value;
  return (
    <>
      <PageHeader
        title={title}
        description="Weekly dose, attendance, growth and placement for every site. Choose a site below to see its groups and students."
      />
      <WindowNotice filters={filters} ignored={context.ignored} />
      <SnapshotNotice current={served.current} ageSeconds={served.ageSeconds} />
      <DashboardFiltersForm
        filters={filters}
        options={context.options}
        fields={['site', 'subject', 'grade', 'provider']}
        clearHref="/district"
      />
      <ScopeDashboard view={view} target={target} filters={filters} breakdownTitle="Sites" />
    </>
  );
}
