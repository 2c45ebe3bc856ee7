import type { Metadata } from 'next';
import { ImportsWorkspace } from '@/components/imports/imports-page';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';

export const metadata: Metadata = { title: 'Imports' };

export default async function SiteImportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<{ batch?: string | string[] }>;
}) {
  const { siteId } = await params;
  const user = await authorizePage('site.roster.import', { siteId }, `/sites/${siteId}/imports`);
  const [{ batch }, site] = await Promise.all([
    searchParams,
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
  ]);
  return (
    <>
      <PageHeader
        title="Imports"
        description={`Roster files and supports and screener results for ${site.name}. Rows for other schools are reported and skipped.`}
      />
      <ImportsWorkspace
        user={user}
        siteId={siteId}
        basePath={`/sites/${siteId}/imports`}
        batchId={typeof batch === 'string' ? batch : undefined}
      />
    </>
  );
}
