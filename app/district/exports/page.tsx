import type { Metadata } from 'next';
import { StudentExportForm } from '@/components/exports/student-export-form';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { exportDefaults } from '@/lib/student-export/export';
import { exportFormState } from '@/lib/student-export/form';

export const metadata: Metadata = { title: 'Exports' };

export default async function ExportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await authorizePage('district.view', undefined, '/district/exports');
  const [params, defaults, sites] = await Promise.all([
    searchParams,
    exportDefaults(),
    db.site.findMany({ select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return (
    <>
      <PageHeader
        title="Exports"
        description="Download figures for your own analysis. Each download is recorded in the audit log."
      />
      <StudentExportForm state={exportFormState(params, defaults)} sites={sites} />
    </>
  );
}
