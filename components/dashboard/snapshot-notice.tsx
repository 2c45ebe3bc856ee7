import { MAX_LAG_MS } from '@/lib/snapshots/constants';

function ago(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Said when a page serves a snapshot that entries made since are not in yet
 * (lib/snapshots/served.ts: a slow view, at most a minute old).
 */
export function SnapshotNotice({ current, ageSeconds }: { current: boolean; ageSeconds: number }) {
  if (current) return null;
  return (
    <p
      role="status"
      data-print="hide"
      className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm font-medium text-warning-800"
    >
      These figures were computed {ago(ageSeconds)} ago. Entries made since then are being added and will show within{' '}
      {Math.round(MAX_LAG_MS / 60_000)} minute of being made; reload the page to see them.
    </p>
  );
}
