// Suppression over one partition of students, in the form the dashboard's growth tables use. Pure.
import { countCell, suppressPartition, type Cell } from '@/lib/metrics/suppression';

/** Cells of one partition (parts adding up to a total), suppressed together; a minN of 0 shows all. */
export function partitionCells(parts: readonly number[], minN: number, totalShown: boolean): Cell[] {
  const hidden = suppressPartition(parts, minN, totalShown);
  return parts.map((n, i) => countCell(n, minN, hidden[i]));
}
