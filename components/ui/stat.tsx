import type { ReactNode } from 'react';

export interface StatChange {
  /** Already formatted, e.g. "+6 pts" or "−12 min". */
  value: string;
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is good news; "up" is bad for lost minutes, good for dose. */
  meaning?: 'good' | 'bad' | 'neutral';
  /** What the change compares with, e.g. "vs last week". */
  comparedWith?: string;
}

export interface StatProps {
  label: string;
  value: ReactNode;
  change?: StatChange;
}

const arrows: Record<StatChange['direction'], string> = { up: '▲', down: '▼', flat: '▶' };
const directionWords: Record<StatChange['direction'], string> = { up: 'Up', down: 'Down', flat: 'No change' };
const meaningColours: Record<NonNullable<StatChange['meaning']>, string> = {
  good: 'text-success-700',
  bad: 'text-danger-700',
  neutral: 'text-slate-600',
};

/** Use inside StatGroup: each stat is a term/description pair of one list. */
export function Stat({ label, value, change }: StatProps) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</dd>
      {change ? (
        <dd className={`mt-1 text-sm font-medium ${meaningColours[change.meaning ?? 'neutral']}`}>
          <span aria-hidden="true">{arrows[change.direction]} </span>
          <span className="sr-only">{directionWords[change.direction]} </span>
          {change.value}
          {change.comparedWith ? <span className="font-normal text-slate-600"> {change.comparedWith}</span> : null}
        </dd>
      ) : null}
    </div>
  );
}

export function StatGroup({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[repeat(auto-fit,minmax(10rem,1fr))] gap-4">
      {children}
    </dl>
  );
}
