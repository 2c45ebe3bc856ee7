import type { Metadata } from 'next';
import { OverviewStats } from '@/components/district/overview-stats';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { programOverview } from '@/lib/district/overview';

export const metadata: Metadata = { title: 'District' };

export default async function DistrictHomePage() {
  await authorizePage('district.view', undefined, '/district');
  const overview = await programOverview();
  return (
    <>
      <PageHeader title="District overview" description={`${overview.sites} sites. Weekly dose, growth and equity dashboards build on these figures.`} />
      <OverviewStats overview={overview} />
    </>
  );
}
