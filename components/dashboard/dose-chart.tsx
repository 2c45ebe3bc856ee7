'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeekPoint } from '@/lib/dashboard/tables';

const number = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Under each week: its date and its dose rate, so the chart reads without hovering. */
function WeekTick({
  x,
  y,
  payload,
  points,
}: {
  x?: number;
  y?: number;
  payload?: { value: string };
  points: WeekPoint[];
}) {
  const point = points.find((p) => p.week === payload?.value);
  if (!point) return null;
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={12} fill="#334155">
      <tspan x={x} dy={12}>
        {point.label.replace('Week of ', '')}
      </tspan>
      <tspan x={x} dy={14} fontWeight={600}>
        {point.rate}
      </tspan>
    </text>
  );
}

function WeekTooltip({ active, payload }: { active?: boolean; payload?: { payload?: WeekPoint }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow">
      <p className="font-semibold">{point.label}</p>
      {point.scheduled === null ? (
        <p>
          {point.rate === '—'
            ? 'Nothing scheduled'
            : `Hidden: fewer students than the reporting minimum (${point.rate})`}
        </p>
      ) : (
        <>
          <p>Scheduled: {number.format(point.scheduled)} min</p>
          <p>Delivered: {number.format(point.delivered ?? 0)} min</p>
          <p>Dose rate: {point.rate}</p>
        </>
      )}
    </div>
  );
}

/**
 * Minutes scheduled and delivered each week. Every figure is also in the table
 * that follows; hidden (small) weeks carry no numbers here at all.
 */
export function DoseChart({ points, label }: { points: WeekPoint[]; label: string }) {
  return (
    <figure aria-label={label} className="flex flex-col gap-2">
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="week"
              interval={points.length > 16 ? 'preserveStartEnd' : 0}
              height={40}
              tick={<WeekTick points={points} />}
            />
            <YAxis width={48} fontSize={12} tickFormatter={(v: number) => compact.format(v)} />
            <Tooltip content={<WeekTooltip />} />
            {/* Legend text in the page's text colour (the bars' own colours are too light to read). */}
            <Legend formatter={(value: string) => <span style={{ color: '#334155' }}>{value}</span>} />
            {/* A light fill with a dark outline: the bar keeps 3:1 contrast with the page. */}
            <Bar
              dataKey="scheduled"
              name="Scheduled minutes"
              fill="#cbd5e1"
              stroke="#475569"
              isAnimationActive={false}
            />
            <Bar dataKey="delivered" name="Delivered minutes" fill="#1d4ed8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-600">
        Under each week: its dose rate. The table below lists the same figures.
      </figcaption>
    </figure>
  );
}
