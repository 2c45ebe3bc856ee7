import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/dashboard/breadcrumbs';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { ScopeDashboard } from '@/components/dashboard/scope-dashboard';
import { WindowNotice } from '@/components/dashboard/window-notice';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { authorizeDashboardPage, dashboardPaths } from '@/lib/dashboard/access';
import type { SearchParams } from '@/lib/dashboard/filters';
import { withFilters } from '@/lib/dashboard/links';
import { dashboardContext, scopeView } from '@/lib/dashboard/queries';
import { db } from '@/lib/db';
import { subjectLabels } from '@/lib/placement/priority';

export const metadata: Metadata = { title: 'Group dashboard' };

export default async function GroupDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string; groupId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { siteId, groupId } = await params;
  const target = { level: 'group', siteId, groupId } as const;
  const user = await authorizeDashboardPage(target, dashboardPaths.group(siteId, groupId));
  const [group, context] = await Promise.all([
    db.group.findUniqueOrThrow({
      where: { id: groupId },
      select: {
        name: true,
        subject: true,
        probeMeasure: true,
        site: { select: { name: true } },
        primaryTutor: { select: { name: true } },
      },
    }),
    dashboardContext(target, await searchParams),
  ]);
  const { filters } = context;
  const title = `${group.name}: dashboard`;
  if (!filters) {
    return (
      <>
        <PageHeader title={title} />
        <EmptyState title="No tutoring cycle yet" />
      </>
    );
  }
  const view = await scopeView(target, { ...context, filters });
  return (
    <>
      <Breadcrumbs
        items={[
          ...(can(user.role, 'district.view')
            ? [{ label: 'District', href: withFilters(dashboardPaths.district, filters) }]
            : []),
          { label: group.site.name, href: withFilters(dashboardPaths.site(siteId), filters) },
          { label: group.name },
        ]}
      />
      <PageHeader
        title={title}
        description={`${subjectLabels[group.subject]} with ${group.primaryTutor.name}; probe: ${group.probeMeasure}. Group figures follow the reporting minimum; the students table lists each student’s own figures.`}
      />
      <WindowNotice filters={filters} ignored={context.ignored} />
      <DashboardFiltersForm
        filters={filters}
        options={context.options}
        fields={['grade']}
        clearHref={dashboardPaths.group(siteId, groupId)}
      />
      <ScopeDashboard view={view} target={target} filters={filters} breakdownTitle="Students" />
    </>
  );
}
