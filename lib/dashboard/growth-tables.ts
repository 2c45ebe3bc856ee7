// The dashboard's growth tables: growth by measure (its distribution, never averaged
// across measures) and growth by dose band, suppressed like every table about students.
// Met goal is met ÷ judged placements (lib/metrics/judgement.ts): under-dosed ones are
// counted apart, never in the denominator. Pure.
import { countJudgements, JUDGEMENTS, judgementLabels, type GrowthByDoseBand } from '@/lib/metrics/judgement';
import { countCell, hiddenText, shareCell, suppressPartition, valueCell } from '@/lib/metrics/suppression';
import type { PlacementGrowth } from '@/lib/metrics';
import { partitionCells } from './cells';
import type { DashboardTable } from './tables';

/** Quartile by linear interpolation between closest ranks. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const oneDecimal = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-US');

export function growthMeasureTable(placements: readonly PlacementGrowth[], minN: number): DashboardTable {
  const byMeasure = new Map<string, PlacementGrowth[]>();
  for (const p of placements) byMeasure.set(p.measure, [...(byMeasure.get(p.measure) ?? []), p]);
  const measures = [...byMeasure.keys()].sort();
  const counts = measures.map((m) => byMeasure.get(m)!.filter((p) => p.growth !== null).length);
  const totalWithGrowth = counts.reduce((a, b) => a + b, 0);
  const hidden = suppressPartition(counts, minN, totalWithGrowth >= minN);
  return {
    id: 'growth-measures',
    caption: 'Growth by measure (last post or progress score − pre score)',
    columns: [
      'Measure',
      'Students with growth',
      'Mean growth',
      '25th percentile',
      'Median',
      '75th percentile',
      'Met goal',
    ].map((label, i) => ({ label, numeric: i > 0 })),
    rows: measures.map((measure, i) => {
      const list = byMeasure.get(measure)!;
      const values = list.flatMap((p) => (p.growth === null ? [] : [p.growth])).sort((a, b) => a - b);
      const h = hidden[i]!;
      const stat = (v: number | null) => valueCell(v, values.length, minN, oneDecimal, h).text;
      const judged = countJudgements(list.map((p) => p.judgement));
      return {
        cells: [
          measure,
          countCell(values.length, minN, h).text,
          stat(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
          stat(quantile(values, 0.25)),
          stat(quantile(values, 0.5)),
          stat(quantile(values, 0.75)),
          shareCell(judged.metShare, judged.judged, minN, h || judged.judged < minN).text,
        ],
      };
    }),
  };
}

export function growthBandTable(growthBands: readonly GrowthByDoseBand[], minN: number): DashboardTable {
  const sizes = growthBands.map((b) => JUDGEMENTS.reduce((sum, j) => sum + b.judgements[j], 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const hiddenBands = suppressPartition(sizes, minN, total >= minN);
  return {
    id: 'growth-bands',
    caption: 'Growth by dose band (placements by their own dose rate; under-dosed placements are not judged)',
    columns: [
      { label: 'Dose rate band' },
      { label: 'Placements', numeric: true },
      ...JUDGEMENTS.map((j) => ({ label: judgementLabels[j], numeric: true })),
      { label: 'Met goal, of those judged', numeric: true },
    ],
    rows: growthBands.map((b, i) => {
      const h = hiddenBands[i]!;
      const parts = JUDGEMENTS.map((j) => b.judgements[j]);
      const cells = h
        ? parts.map(() => hiddenText(minN))
        : partitionCells(parts, minN, sizes[i]! >= minN).map((c) => c.text);
      return {
        cells: [
          `Dose rate ${b.band}`,
          countCell(sizes[i]!, minN, h).text,
          ...cells,
          shareCell(b.judgements.metShare, b.judgements.judged, minN, h || b.judgements.judged < minN).text,
        ],
      };
    }),
  };
}
