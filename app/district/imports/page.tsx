import type { Metadata } from 'next';
import { ImportsWorkspace } from '@/components/imports/imports-page';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Imports' };

export default async function DistrictImportsPage({
  searchParams,
}: {
  searchParams: Promise<{ batch?: string | string[] }>;
}) {
  const user = await authorizePage('roster.import', undefined, '/district/imports');
  const { batch } = await searchParams;
  return (
    <>
      <PageHeader
        title="Imports"
        description="Roster files from the SIS (OneRoster) for every site, and supports and screener results. Schools new to the app become sites; students who leave are withdrawn, never deleted."
      />
      <ImportsWorkspace
        user={user}
        siteId={null}
        basePath="/district/imports"
        batchId={typeof batch === 'string' ? batch : undefined}
      />
    </>
  );
}
