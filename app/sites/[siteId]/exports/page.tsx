import type { Metadata } from 'next';
import { StudentExportForm } from '@/components/exports/student-export-form';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { exportDefaults } from '@/lib/student-export/export';
import { exportFormState } from '@/lib/student-export/form';

export const metadata: Metadata = { title: 'Exports' };

/** The per-student export for one site's groups: its coordinators, and district staff. */
export default async function SiteExportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteId } = await params;
  await authorizePage('site.view', { siteId }, `/sites/${siteId}/exports`);
  const [query, defaults, site] = await Promise.all([
    searchParams,
    exportDefaults(),
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
  ]);
  return (
    <>
      <PageHeader
        title="Exports"
        description={`Download figures for ${site.name}’s groups for your own analysis. Each download is recorded in the audit log.`}
      />
      <StudentExportForm state={exportFormState(query, { ...defaults, site: siteId })} fixedSiteId={siteId} />
    </>
  );
}
