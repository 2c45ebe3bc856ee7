import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
}

const tones: Record<BadgeTone, string> = {
  neutral: 'border-slate-300 bg-slate-100 text-slate-800',
  info: 'border-primary-200 bg-primary-50 text-primary-800',
  success: 'border-success-200 bg-success-50 text-success-700',
  warning: 'border-warning-200 bg-warning-50 text-warning-800',
  danger: 'border-danger-200 bg-danger-50 text-danger-800',
};

export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export type SessionStatus = 'scheduled' | 'held' | 'cancelled';

const sessionStatusDisplay: Record<SessionStatus, { label: string; tone: BadgeTone }> = {
  scheduled: { label: 'Scheduled', tone: 'info' },
  held: { label: 'Held', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

/** The label is the status word itself, so colour is never the only signal. */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { label, tone } = sessionStatusDisplay[status];
  return <Badge tone={tone}>{label}</Badge>;
}
