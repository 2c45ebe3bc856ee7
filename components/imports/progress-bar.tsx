import { useId } from 'react';

export interface ProgressBarProps {
  label: string;
  /** null while the length of the work is not known yet (indeterminate). */
  value: number | null;
  max: number;
  /** "%" for a percentage; otherwise shown as "value of max unit". */
  unit: string;
}

/**
 * The phase is announced once (a polite status); the moving number is not, so a
 * screen reader is not read every percent.
 */
export function ProgressBar({ label, value, max, unit }: ProgressBarProps) {
  const labelId = useId();
  const percent = value === null || max === 0 ? null : Math.min(100, Math.round((value / max) * 100));
  const text =
    value === null
      ? 'working…'
      : unit === '%'
        ? `${percent}%`
        : `${value.toLocaleString('en-US')} of ${max.toLocaleString('en-US')} ${unit}`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex justify-between gap-3 text-sm font-medium text-slate-800">
        <span id={labelId} role="status">
          {label}
        </span>
        <span aria-hidden="true" className="tabular-nums">
          {text}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full bg-primary-700 ${percent === null ? 'w-1/3 animate-pulse' : 'transition-[width]'}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
