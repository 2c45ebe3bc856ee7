import { db } from '@/lib/db';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { NotFoundError } from '@/lib/auth/errors';
import type { SessionUser } from '@/lib/auth/session';
import { batchDetail, recentBatches, type BatchDetail } from '@/lib/imports/queries';
import { districtTimeZone } from '@/lib/settings/district';
import { BatchPreview } from './batch-preview';
import { BatchesTable } from './batches-table';
import { SupportsTemplate } from './supports-template';
import { UploadForm } from './upload-form';

async function chosenBatch(user: SessionUser, batchId: string | undefined): Promise<BatchDetail | null> {
  if (!batchId) return null;
  try {
    return await batchDetail(user, batchId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** The imports workspace, for the district (siteId null) or one site. */
export async function ImportsWorkspace({
  user,
  siteId,
  basePath,
  batchId,
}: {
  user: SessionUser;
  siteId: string | null;
  basePath: string;
  batchId?: string;
}) {
  const [batch, batches, timeZone] = await Promise.all([
    chosenBatch(user, batchId),
    recentBatches(siteId),
    districtTimeZone(db),
  ]);
  return (
    <div className="flex flex-col gap-8">
      {batch ? <BatchPreview batch={batch} timeZone={timeZone} /> : null}
      <div className="grid gap-8 xl:grid-cols-2">
        <Card
          title="Upload files"
          description="Upload, check the preview, then apply. Re-importing the same files changes nothing."
        >
          <UploadForm siteId={siteId} basePath={basePath} />
        </Card>
        <Card title="Recent imports">
          <BatchesTable batches={batches} basePath={basePath} timeZone={timeZone} showSite={siteId === null} />
        </Card>
      </div>
      <Card title="Supports and screener template">
        <SupportsTemplate />
      </Card>
    </div>
  );
}
