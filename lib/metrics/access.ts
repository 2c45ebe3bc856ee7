// An access table ready for a screen or an export, with small cells suppressed
// (DOMAIN.md, Policy): each subgroup dimension is one partition of all students. Pure.
import { countCell, shareCell, suppressPartition, type Cell } from './suppression';

export const SUBGROUP_DIMENSIONS = ['raceEthnicity', 'gender', 'multilingualLearner', 'disability', 'economicallyDisadvantaged', 'foster', 'homeless', 'grade', 'site'] as const;

export interface AccessRow {
  /** 'all' for every student, else one of SUBGROUP_DIMENSIONS. */
  dimension: string;
  value: string;
  eligible: number;
  placed: number;
  access: number | null;
}

export interface AccessCells {
  dimension: string;
  value: string;
  eligible: Cell;
  placed: Cell;
  access: Cell;
  /** Access minus all students' access (−0.125 = 12.5 points below); null when hidden or unknown. */
  gapToAll: number | null;
}

/**
 * Eligible counts are suppressed per dimension (with complementary suppression
 * against the all-students total); placed counts likewise against all placed; the
 * access share is hidden with its eligible or its placed count (either with the share
 * would give the other back) and coded at the extremes.
 */
export function accessCells(rows: readonly AccessRow[], minN: number): AccessCells[] {
  const all = rows.find((r) => r.dimension === 'all');
  const hiddenEligible = new Set<AccessRow>();
  const hiddenPlaced = new Set<AccessRow>();
  for (const dimension of new Set(rows.map((r) => r.dimension))) {
    const part = rows.filter((r) => r.dimension === dimension);
    if (dimension === 'all') {
      part.forEach((r) => r.eligible < minN && hiddenEligible.add(r));
      part.forEach((r) => r.placed < minN && hiddenPlaced.add(r));
      continue;
    }
    suppressPartition(part.map((r) => r.eligible), minN, (all?.eligible ?? 0) >= minN).forEach((h, i) => h && hiddenEligible.add(part[i]!));
    suppressPartition(part.map((r) => r.placed), minN, (all?.placed ?? 0) >= minN).forEach((h, i) => h && hiddenPlaced.add(part[i]!));
  }
  return rows.map((r) => {
    const eligibleHidden = hiddenEligible.has(r);
    const placed = countCell(r.placed, minN, eligibleHidden || hiddenPlaced.has(r));
    // A share beside a shown eligible count gives the placed count back: hidden with either.
    const access = shareCell(r.access, r.eligible, minN, eligibleHidden || !placed.shown);
    return {
      dimension: r.dimension,
      value: r.value,
      eligible: countCell(r.eligible, minN, eligibleHidden),
      placed,
      access,
      gapToAll: access.shown && r.access !== null && all?.access != null && r.dimension !== 'all' ? r.access - all.access : null,
    };
  });
}
