// Suppression over one partition of students, in the form the dashboard's tables use. Pure.
import { countCell, suppressPartition, type Cell } from '@/lib/metrics/suppression';

/** Cells of one partition (parts adding up to a total), suppressed together. */
export function partitionCells(parts: readonly number[], minN: number, totalShown: boolean): Cell[] {
  const hidden = suppressPartition(parts, minN, totalShown);
  return parts.map((n, i) => countCell(n, minN, hidden[i]));
}

/** As suppressPartition, with empty parts (0: nobody to identify) left out and shown. */
export function suppressNonEmpty(parts: readonly number[], minN: number, totalShown: boolean): boolean[] {
  const nonEmpty = parts.flatMap((n, i) => (n > 0 ? [i] : []));
  const flags = suppressPartition(nonEmpty.map((i) => parts[i]!), minN, totalShown);
  const hidden = parts.map(() => false);
  nonEmpty.forEach((i, j) => (hidden[i] = flags[j]!));
  return hidden;
}
