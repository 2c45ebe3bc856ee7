// Small-cell suppression (DOMAIN.md, Policy) applies to aggregates broken down by a
// demographic subgroup: a cell with n below the policy's n shows "n<10"; a cell hidden
// to protect another reads "suppressed"; extreme shares read "≤5%" / "≥95%". Subgroup
// tables (equity) choose their pattern jointly across every table a person can obtain
// (./suppression-joint.ts). Operational figures (a site, group, tutor or student, for
// staff who may open the students behind them) are exact: operational* below. Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Suppression: only demographic subgroups; all students, sites and grades are
//   operational and exact. The extreme-share coding ("≤5%", "≥95%") applies to every
//   share of a demographic subgroup; the pattern is chosen jointly over the district and
//   every site around the published totals (./suppression-joint.ts).

export type Cell = { shown: true; n: number; text: string } | { shown: false; n: number; text: string };

export const hiddenText = (minN: number) => `n<${minN}`;

/** A hidden cell of a subgroup table: "n<10" when it is small, else "suppressed" (hidden to protect another). */
export const SUPPRESSED_TEXT = 'suppressed';
export const subgroupHiddenText = (n: number, minN: number) => (n < minN ? hiddenText(minN) : SUPPRESSED_TEXT);

/** A count in a subgroup table. */
export function subgroupCountCell(n: number, minN: number, hidden: boolean): Cell {
  return hidden ? { shown: false, n, text: subgroupHiddenText(n, minN) } : { shown: true, n, text: String(n) };
}

/**
 * A share (0..1) over n students in a subgroup table: hidden with its count, and at
 * the extremes coded "≤5%" / "≥95%" (the count beside it is then not printed either).
 */
export function subgroupShareCell(share: number | null, n: number, minN: number, hidden: boolean): Cell {
  if (hidden) return { shown: false, n, text: subgroupHiddenText(n, minN) };
  if (share === null) return { shown: true, n, text: '—' };
  if (isExtremeShare(share)) return { shown: true, n, text: share <= 0.05 ? '≤5%' : '≥95%' };
  return { shown: true, n, text: `${Math.round(share * 100)}%` };
}

/** An operational count: exact, never suppressed. */
export const operationalCount = (n: number): Cell => ({ shown: true, n, text: String(n) });

/** An operational share (0..1): the exact whole percent, never suppressed or coded. */
export const operationalShare = (share: number | null, n: number): Cell => ({
  shown: true,
  n,
  text: share === null ? '—' : `${Math.round(share * 100)}%`,
});

export const isExtremeShare = (share: number | null) => share !== null && (share <= 0.05 || share >= 0.95);

/**
 * Which parts of one partition (parts that add up to a total, e.g. every race/ethnicity
 * value, or "yes"/"no") must be hidden. Primary: n < minN. Complementary: if exactly one
 * part is hidden and the total is shown, the smallest shown part is hidden too, so the
 * total minus the others cannot recover it. Returns one flag per part, in order.
 */
export function suppressPartition(parts: readonly number[], minN: number, totalShown = true): boolean[] {
  const hidden = parts.map((n) => n < minN);
  const hiddenCount = hidden.filter(Boolean).length;
  if (totalShown && hiddenCount === 1 && parts.length > 1) {
    let smallest = -1;
    parts.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < parts[smallest]!)) smallest = i;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return hidden;
}

/** A count cell: the count itself is the n. */
export function countCell(n: number, minN: number, hidden = n < minN): Cell {
  return hidden ? { shown: false, n, text: hiddenText(minN) } : { shown: true, n, text: String(n) };
}

/**
 * A share (0..1) over n students. Hidden when n < minN (or forced); otherwise
 * "<5%" / ">95%" at the extremes, since 0 % or 100 % of a subgroup says something
 * about every student in it. A minN of 0 is an operational figure: exact.
 */
export function shareCell(share: number | null, n: number, minN: number, hidden = n < minN): Cell {
  if (hidden) return { shown: false, n, text: hiddenText(minN) };
  if (minN <= 0) return operationalShare(share, n);
  if (share === null) return { shown: true, n, text: '—' };
  if (share < 0.05) return { shown: true, n, text: '<5%' };
  if (share > 0.95) return { shown: true, n, text: '>95%' };
  return { shown: true, n, text: `${Math.round(share * 100)}%` };
}

/** A mean or other figure over n students: hidden when n < minN, else formatted. */
export function valueCell(
  value: number | null,
  n: number,
  minN: number,
  format: (v: number) => string,
  hidden = n < minN,
): Cell {
  if (hidden) return { shown: false, n, text: hiddenText(minN) };
  return { shown: true, n, text: value === null ? '—' : format(value) };
}
