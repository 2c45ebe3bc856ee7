import type { SummaryFigure } from '@/lib/dashboard/tables';

/** Headline figures as one description list; each value says what it is based on. */
export function SummaryFigures({ figures, label }: { figures: SummaryFigure[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[repeat(auto-fit,minmax(11rem,1fr))] gap-3">
      {figures.map((f) => (
        <div key={f.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm font-medium text-slate-700">{f.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">{f.value}</dd>
          <dd className="mt-1 text-sm text-slate-600">{f.basis}</dd>
        </div>
      ))}
    </dl>
  );
}
