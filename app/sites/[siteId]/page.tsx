import type { Metadata } from 'next';
import { OverviewStats } from '@/components/district/overview-stats';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { programOverview } from '@/lib/district/overview';

export const metadata: Metadata = { title: 'Site overview' };

export default async function SiteHomePage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  await authorizePage('site.view', { siteId }, `/sites/${siteId}`);
  const [site, overview] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true, code: true } }),
    programOverview(siteId),
  ]);
  return (
    <>
      <PageHeader title={site.name} description={`Site ${site.code}: placement, groups and attendance at a glance.`} />
      <OverviewStats overview={overview} />
    </>
  );
}
