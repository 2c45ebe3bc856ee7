'use client';

// Apply or discard a previewed batch. While the apply action runs (one
// transaction), the batch's progress is polled from /api/imports/[batchId].
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/actions/result';
import { applyImportAction, discardImportAction } from '@/lib/imports/actions';
import type { ImportProgress } from '@/lib/imports/types';
import { ProgressBar } from './progress-bar';

const POLL_MS = 700;

export function ApplyControls({
  batchId,
  status,
  errorCount,
  largeWithdrawals = null,
  canSkipInvalid = false,
}: {
  batchId: string;
  status: ImportProgress['status'];
  errorCount: number;
  /** "89 of Adams's 91 active students (98%)": a full file withdrawing that many is applied only when confirmed. */
  largeWithdrawals?: string | null;
  /** Every error is on a row (no file went unread): the valid rows may be applied without them. */
  canSkipInvalid?: boolean;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const router = useRouter();
  const [busy, setBusy] = useState<'apply' | 'discard' | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<ActionResult<{ message: string }> | null>(null);
  const polling = useRef(false);
  useEffect(() => () => void (polling.current = false), []);

  async function poll() {
    polling.current = true;
    while (polling.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!polling.current) break;
      const response = await fetch(`/api/imports/${batchId}`, { cache: 'no-store' }).catch(() => null);
      if (response?.ok && polling.current) setProgress((await response.json()) as ImportProgress);
    }
  }

  async function run(which: 'apply' | 'discard') {
    setBusy(which);
    setOutcome(null);
    setProgress(null);
    if (which === 'apply') void poll();
    const result =
      which === 'apply'
        ? await applyImportAction(null, { batchId, confirmWithdrawals: confirmed, skipInvalid })
        : await discardImportAction(null, { batchId });
    polling.current = false;
    setOutcome(result);
    setBusy(null);
    if (result.ok) router.refresh();
  }

  const blocked = errorCount > 0 && !skipInvalid;
  return (
    <div className="flex flex-col gap-4">
      {status === 'PREVIEW' && errorCount > 0 && canSkipInvalid ? (
        <label className="flex min-h-11 items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-2">
          <input
            type="checkbox"
            className="size-5"
            checked={skipInvalid}
            onChange={(e) => setSkipInvalid(e.target.checked)}
          />
          <span>
            Apply the rows without errors, and leave out the rows with errors (they stay listed below to fix).
          </span>
        </label>
      ) : null}
      {status === 'PREVIEW' && largeWithdrawals && !blocked ? (
        <div className="rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-warning-800">
          <p className="font-medium">
            This full file does not name most of a site&apos;s students: applying it withdraws {largeWithdrawals}. A
            partial export sent as a full one does this. Check the file before applying it.
          </p>
          <label className="mt-2 flex min-h-11 items-center gap-3">
            <input
              type="checkbox"
              className="size-5"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <span>Yes, withdraw {largeWithdrawals}</span>
          </label>
        </div>
      ) : null}
      {status === 'PREVIEW' ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            onClick={() => run('apply')}
            disabled={busy !== null || blocked}
            aria-disabled={busy !== null || blocked}
            aria-describedby={blocked ? 'apply-blocked' : undefined}
          >
            {busy === 'apply' ? 'Applying…' : 'Apply import'}
          </Button>
          <Button
            variant="secondary"
            onClick={() => run('discard')}
            disabled={busy !== null}
            aria-disabled={busy !== null}
          >
            {busy === 'discard' ? 'Discarding…' : 'Discard'}
          </Button>
          {blocked ? (
            <p id="apply-blocked" className="text-sm font-medium text-danger-700">
              {errorCount} error{errorCount === 1 ? '' : 's'} must be fixed in the files before this can be applied
              {canSkipInvalid ? ', or the rows without errors applied alone' : ''}. Upload them again once fixed.
            </p>
          ) : null}
        </div>
      ) : null}
      {busy === 'apply' ? (
        <ProgressBar
          label={progress?.phase ? `Applying: ${progress.phase}` : 'Applying: reading the roster'}
          value={progress && progress.total > 0 ? progress.done : null}
          max={progress?.total ?? 0}
          unit="rows"
        />
      ) : null}
      <FormMessage tone="error" message={outcome && !outcome.ok ? outcome.message : null} />
      <FormMessage tone="success" message={outcome?.ok ? outcome.data.message : null} />
    </div>
  );
}
