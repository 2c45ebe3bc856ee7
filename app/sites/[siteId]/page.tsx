import type { Metadata } from 'next';
import { OverviewStats } from '@/components/district/overview-stats';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { programOverview } from '@/lib/district/overview';
import { placementPolicy } from '@/lib/placement/policy';
import { siteTodo } from '@/lib/todo/site-queue';
import { TodoQueue } from '@/components/todo/todo-queue';

export const metadata: Metadata = { title: 'Site overview' };

export default async function SiteHomePage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}`);
  const policy = await placementPolicy();
  const [site, overview, todo] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true, code: true } }),
    programOverview(siteId),
    siteTodo(siteId, policy),
  ]);
  return (
    <>
      <PageHeader
        title={site.name}
        description={`Site ${site.code}: what needs doing this week, then the program at a glance.`}
      />
      <TodoQueue sections={todo} canAct={can(user.role, 'site.followup.record')} />
      <OverviewStats overview={overview} />
    </>
  );
}
