'use client';

// A batch waiting for the district's staging slot, or being checked: polls
// /api/imports/[batchId] and reloads the page once the preview (or the refusal) is ready.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ImportProgress } from '@/lib/imports/types';
import { ProgressBar } from './progress-bar';

const POLL_MS = 1000;

export function waitingLabel(ahead: number): string {
  if (ahead <= 0) return 'Waiting for the files to be checked…';
  return `Waiting for ${ahead} other import${ahead === 1 ? '' : 's'} to finish being checked…`;
}

export function StagingProgress({
  batchId,
  status,
  ahead,
}: {
  batchId: string;
  status: 'QUEUED' | 'STAGING';
  ahead: number;
}) {
  const router = useRouter();
  const [state, setState] = useState<{ status: ImportProgress['status']; ahead: number; progress?: ImportProgress }>({
    status,
    ahead,
  });

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/imports/${batchId}`, { cache: 'no-store' }).catch(() => null);
      if (!response?.ok || stopped) return;
      const progress = (await response.json()) as ImportProgress;
      if (stopped) return;
      setState({ status: progress.status, ahead: progress.ahead ?? 0, progress });
      if (progress.status !== 'QUEUED' && progress.status !== 'STAGING') {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [batchId, router]);

  if (state.status === 'QUEUED') return <ProgressBar label={waitingLabel(state.ahead)} value={null} max={0} unit="" />;
  if (state.status === 'STAGING') {
    const step = state.progress;
    return step?.phase && step.total > 0 ? (
      <ProgressBar label={`Checking the files: ${step.phase}`} value={step.done} max={step.total} unit="steps" />
    ) : (
      <ProgressBar label="Checking the files against the roster" value={null} max={0} unit="" />
    );
  }
  return <p role="status">Opening the preview…</p>;
}
