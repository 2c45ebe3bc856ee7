'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ProbePoint {
  date: string;
  score: number;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * A student's scores against the aim line (from the pre score on the placement date to
 * the goal on the goal date). The same numbers are listed beside the chart for anyone
 * who cannot see it.
 */
export function ProbeChart({
  scores,
  aim,
  goal,
  label,
}: {
  scores: ProbePoint[];
  aim: { from: ProbePoint; to: ProbePoint } | null;
  goal: number | null;
  label: string;
}) {
  const points = scores.map((s) => ({ t: day(s.date), score: s.score }));
  const aimLine = aim
    ? [
        { t: day(aim.from.date), aim: aim.from.score },
        { t: day(aim.to.date), aim: aim.to.score },
      ]
    : [];
  const data = [...points, ...aimLine].sort((a, b) => a.t - b.t);
  return (
    <figure aria-label={label} className="h-44 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            scale="time"
            tickFormatter={(t: number) => new Date(t).toISOString().slice(5, 10)}
            fontSize={12}
          />
          <YAxis width={36} fontSize={12} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} />
          {goal !== null ? (
            <ReferenceLine
              y={goal}
              stroke="#15803d"
              strokeDasharray="4 4"
              label={{ value: 'goal', fontSize: 12, position: 'insideTopRight' }}
            />
          ) : null}
          <Line
            dataKey="aim"
            name="Aim line"
            stroke="#64748b"
            strokeDasharray="6 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line dataKey="score" name="Score" stroke="#1d4ed8" strokeWidth={2} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
