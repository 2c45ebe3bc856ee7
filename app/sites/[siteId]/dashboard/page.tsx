import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/dashboard/breadcrumbs';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { ScopeDashboard } from '@/components/dashboard/scope-dashboard';
import { SnapshotNotice } from '@/components/dashboard/snapshot-notice';
import { WindowNotice } from '@/components/dashboard/window-notice';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { authorizeDashboardPage, dashboardPaths } from '@/lib/dashboard/access';
import type { SearchParams } from '@/lib/dashboard/filters';
import { withFilters } from '@/lib/dashboard/links';
import { dashboardContext, servedScopeView } from '@/lib/dashboard/queries';
import { db } from '@/lib/db';

export const metadata: Metadata = { title: 'Site dashboard' };

export default async function SiteDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { siteId } = await params;
  const target = { level: 'site', siteId } as const;
  const user = await authorizeDashboardPage(target, dashboardPaths.site(siteId));
  const [site, context] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    dashboardContext(target, await searchParams),
  ]);
  const { filters } = context;
  const title = `${site.name}: dashboard`;
  if (!filters) {
    return (
      <>
        <PageHeader title={title} />
        <EmptyState title="No tutoring cycle yet" />
      </>
    );
  }
  const served = await servedScopeView(target, { ...context, filters });
  const view = served.value;
  return (
    <>
      {can(user.role, 'district.view') ? (
        <Breadcrumbs
          items={[{ label: 'District', href: withFilters(dashboardPaths.district, filters) }, { label: site.name }]}
        />
      ) : null}
      <PageHeader
        title={title}
        description="Dose, attendance, growth and placement at this site. Choose a group below to see its students."
      />
      <WindowNotice filters={filters} ignored={context.ignored} />
      <SnapshotNotice current={served.current} ageSeconds={served.ageSeconds} />
      <DashboardFiltersForm
        filters={filters}
        options={context.options}
        fields={['subject', 'grade', 'provider']}
        clearHref={dashboardPaths.site(siteId)}
      />
      <ScopeDashboard view={view} target={target} filters={filters} breakdownTitle="Groups" />
    </>
  );
}
