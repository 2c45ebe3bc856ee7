import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { describeResult, type ApplyResult } from '@/lib/imports/apply';
import type { BatchDetail } from '@/lib/imports/queries';
import { formatDateTime } from '@/lib/settings/time-zone';
import { describeLargeWithdrawals } from '@/lib/imports/roster-plan';
import { ApplyControls } from './apply-controls';
import { ProblemsTable } from './problems-table';
import { StagingProgress } from './staging-progress';
import { SummaryStats } from './summary-stats';

export const STATUS_DISPLAY: Record<BatchDetail['status'], { label: string; tone: BadgeTone }> = {
  QUEUED: { label: 'Waiting', tone: 'neutral' },
  STAGING: { label: 'Checking', tone: 'info' },
  PREVIEW: { label: 'Preview', tone: 'info' },
  APPLIED: { label: 'Applied', tone: 'success' },
  DISCARDED: { label: 'Discarded', tone: 'neutral' },
  FAILED: { label: 'Failed', tone: 'danger' },
};

/** One staged batch: what it would change, what is wrong in the files, and apply/discard; or where it stands until then. */
export function BatchPreview({ batch, timeZone }: { batch: BatchDetail; timeZone: string }) {
  const status = STATUS_DISPLAY[batch.status];
  const kind = batch.kind === 'ONEROSTER' ? 'OneRoster roster' : 'Supports and screeners';
  const staged = 'kind' in batch.summary; // a batch refused before its preview has none
  return (
    <Card
      title="Import preview"
      description={`${kind} · ${batch.fileNames.join(', ')} · uploaded ${formatDateTime(batch.createdAt, timeZone)} by ${batch.createdBy}${batch.siteName ? ` for ${batch.siteName}` : ' for the district'}`}
      actions={<Badge tone={status.tone}>{status.label}</Badge>}
    >
      {batch.status === 'QUEUED' || batch.status === 'STAGING' ? (
        <StagingProgress
          key={`${batch.id}:${batch.status}`}
          batchId={batch.id}
          status={batch.status}
          ahead={batch.ahead}
        />
      ) : batch.status === 'FAILED' && !staged ? (
        <p className="rounded-md border border-danger-200 bg-danger-50 px-4 py-3 text-sm font-medium text-danger-800">
          {batch.failure ?? 'These files could not be checked. Upload them again.'}
        </p>
      ) : (
        <div className="flex flex-col gap-6">
          {batch.status === 'APPLIED' && batch.result ? (
            <p className="rounded-md border border-success-200 bg-success-50 px-4 py-3 text-sm font-medium text-success-700">
              {describeResult(batch.result as unknown as ApplyResult)}
              {batch.appliedAt
                ? ` ${formatDateTime(batch.appliedAt, timeZone)}${batch.appliedBy ? `, by ${batch.appliedBy}` : ''}.`
                : ''}
            </p>
          ) : null}
          <section aria-labelledby="preview-counts" className="flex flex-col gap-3">
            <h3 id="preview-counts" className="text-base font-semibold">
              {batch.status === 'PREVIEW' ? 'What applying would change' : 'What the preview counted'}
            </h3>
            <SummaryStats summary={batch.summary} />
          </section>
          <ApplyControls
            batchId={batch.id}
            status={batch.status}
            errorCount={batch.errorCount}
            canSkipInvalid={batch.problems.every((p) => p.severity !== 'error' || p.line !== null)}
            largeWithdrawals={
              'largeWithdrawals' in batch.summary && batch.summary.largeWithdrawals?.length
                ? describeLargeWithdrawals(batch.summary.largeWithdrawals)
                : null
            }
          />
          <section aria-labelledby="preview-problems" className="flex flex-col gap-3">
            <h3 id="preview-problems" className="text-base font-semibold">
              Problems: {batch.errorCount} error{batch.errorCount === 1 ? '' : 's'},{' '}
              {batch.problemCount - batch.errorCount} warning{batch.problemCount - batch.errorCount === 1 ? '' : 's'}
            </h3>
            <ProblemsTable problems={batch.problems} total={batch.problemCount} />
          </section>
        </div>
      )}
    </Card>
  );
}
