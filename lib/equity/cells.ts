// The equity tables as they leave the server: every count and share already through
// small-cell suppression (lib/metrics/suppression.ts), every gap to all students in
// words. The page, the CSV download and anything else read these strings only, so a
// hidden cell's number never reaches a browser or a file. Pure.
import type { EquityBySite, EquityRow } from '@/lib/metrics/equity-queries';
import {
  isExtremeShare,
  operationalCount,
  operationalShare,
  subgroupCountCell,
  subgroupShareCell,
  type Cell,
} from '@/lib/metrics/suppression';
import { cellKey, DISTRICT, suppressHierarchy } from '@/lib/metrics/suppression-joint';

/** A gap this many points below all students is called out in words ("notable gap"). */
export const NOTABLE_GAP_POINTS = 10;

export interface GapCell {
  text: string;
  /** Below all students by NOTABLE_GAP_POINTS or more. */
  notable: boolean;
}

export interface EquityCells {
  dimension: string;
  value: string;
  eligible: Cell;
  placed: Cell;
  access: Cell;
  accessGap: GapCell;
  dosed: Cell;
  meanDoseRate: Cell;
  doseGap: GapCell;
  meetingTarget: Cell;
  targetGap: GapCell;
  judged: Cell;
  metGoal: Cell;
  goalGap: GapCell;
}

const EXACT_PERCENT = /^\d+%$/;

/**
 * A subgroup's share against all students', in whole points from the rounded
 * percentages shown (so the gap reveals nothing the two cells do not). No gap when
 * either share is hidden, empty or coded at an extreme ("≤5%", "≥95%").
 */
export function gapCell(sub: Cell, all: Cell | undefined, isAll: boolean): GapCell {
  if (isAll) return { text: 'Reference', notable: false };
  if (!sub.shown) return { text: sub.text, notable: false };
  if (!all?.shown || !EXACT_PERCENT.test(sub.text) || !EXACT_PERCENT.test(all.text))
    return { text: '—', notable: false };
  const points = Number.parseInt(sub.text, 10) - Number.parseInt(all.text, 10);
  if (points === 0) return { text: 'Same as all students', notable: false };
  const unit = Math.abs(points) === 1 ? 'point' : 'points';
  if (points > 0) return { text: `${points} ${unit} above`, notable: false };
  const notable = -points >= NOTABLE_GAP_POINTS;
  return { text: `${-points} ${unit} below${notable ? ' (notable gap)' : ''}`, notable };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export interface EquityCellsBySite {
  district: EquityCells[];
  sites: Map<string, EquityCells[]>;
}

type Count = 'eligible' | 'placed' | 'dosed' | 'judged';

/**
 * Rows that are no demographic subgroup: all students, a site, a grade. Staff see the
 * same figures exactly on the dashboards (placement coverage by site and grade), so
 * they are shown exactly here, and the demographic cells are protected around them.
 */
export const OPERATIONAL_DIMENSIONS: ReadonlySet<string> = new Set(['all', 'site', 'grade']);
const isOperational = (r: EquityRow) => OPERATIONAL_DIMENSIONS.has(r.dimension);

/**
 * Every equity table a person can obtain (the district and each site filter, every
 * dimension) from one suppression pattern per count column, chosen jointly
 * (lib/metrics/suppression-joint.ts), so no table or difference of tables gives a
 * hidden cell back. Placed is hidden wherever eligible is, and where access is coded
 * at an extreme; access is hidden with either count; each share is hidden with the
 * count it is a share of. Hidden cells read "n<10" when small, else "suppressed".
 * All-students, site and grade rows are operational: exact, never hidden or coded; so
 * is a subgroup that is every student of its table (it repeats the all-students row).
 */
export function jointEquityCells(data: EquityBySite, minN: number): EquityCellsBySite {
  const joint = data.sites.size > 0;
  const sites = [...data.sites.keys()].sort();
  const tables: [string, readonly EquityRow[]][] = withEveryValue([
    [DISTRICT, data.district],
    ...sites.map((s): [string, readonly EquityRow[]] => [s, data.sites.get(s)!]),
  ]);
  // With sites, the site dimension is each site's total; alone, it is one more partition.
  const keyOf = (site: string, r: EquityRow) =>
    joint && r.dimension === 'site' ? cellKey(r.value, 'all', 'all') : cellKey(site, r.dimension, r.value);
  const dimensions = [...new Set(tables.flatMap(([, rows]) => rows.map((r) => r.dimension)))].filter(
    (d) => d !== 'all' && !(joint && d === 'site'),
  );
  const counts = (column: Count) => {
    const map = new Map<string, number>();
    for (const [site, rows] of tables) for (const r of rows) map.set(keyOf(site, r), r[column]);
    return { sites, dimensions, counts: map };
  };
  const published = new Set<string>();
  const extremeAccess = new Set<string>();
  for (const [site, rows] of tables) {
    // A subgroup that is everyone in the table (one value only) is the all-students row again.
    const values = new Map<string, number>();
    for (const r of rows) values.set(r.dimension, (values.get(r.dimension) ?? 0) + 1);
    for (const r of rows) {
      if (isOperational(r) || values.get(r.dimension) === 1) published.add(keyOf(site, r));
      else if (isExtremeShare(r.access)) extremeAccess.add(keyOf(site, r));
    }
  }

  const hiddenEligible = suppressHierarchy(counts('eligible'), minN, [], published);
  const hiddenPlaced = suppressHierarchy(counts('placed'), minN, [...hiddenEligible, ...extremeAccess], published);
  const hiddenDosed = suppressHierarchy(counts('dosed'), minN, [], published);
  const hiddenJudged = suppressHierarchy(counts('judged'), minN, [], published);

  const operationalCells = (r: EquityRow) => ({
    dimension: r.dimension,
    value: r.value,
    eligible: operationalCount(r.eligible),
    placed: operationalCount(r.placed),
    access: operationalShare(r.access, r.eligible),
    dosed: operationalCount(r.dosed),
    meanDoseRate: operationalShare(r.meanDoseRate, r.dosed),
    meetingTarget: operationalShare(ratio(r.meetingTarget, r.withWeeks), r.withWeeks),
    judged: operationalCount(r.judged),
    metGoal: operationalShare(ratio(r.metGoal, r.judged), r.judged),
  });

  const cellsOf = (site: string, rows: readonly EquityRow[]) => {
    const cells = rows.map((r) => {
      if (published.has(keyOf(site, r))) return operationalCells(r);
      const k = keyOf(site, r);
      const eligibleHidden = hiddenEligible.has(k);
      const placedHidden = hiddenPlaced.has(k);
      const dosedHidden = hiddenDosed.has(k);
      const judgedHidden = hiddenJudged.has(k);
      return {
        dimension: r.dimension,
        value: r.value,
        eligible: subgroupCountCell(r.eligible, minN, eligibleHidden),
        placed: subgroupCountCell(r.placed, minN, placedHidden),
        // Shown with its eligible count, it gives placed back: hidden with placed, unless coded at an extreme.
        access: subgroupShareCell(
          r.access,
          r.eligible,
          minN,
          eligibleHidden || (placedHidden && !isExtremeShare(r.access)),
        ),
        dosed: subgroupCountCell(r.dosed, minN, dosedHidden),
        meanDoseRate: subgroupShareCell(r.meanDoseRate, r.dosed, minN, dosedHidden),
        meetingTarget: subgroupShareCell(
          ratio(r.meetingTarget, r.withWeeks),
          r.withWeeks,
          minN,
          dosedHidden || r.withWeeks < minN,
        ),
        judged: subgroupCountCell(r.judged, minN, judgedHidden),
        metGoal: subgroupShareCell(ratio(r.metGoal, r.judged), r.judged, minN, judgedHidden),
      };
    });
    const allCells = cells.find((c) => c.dimension === 'all');
    return cells.map((c) => {
      const isAll = c.dimension === 'all';
      return {
        ...c,
        accessGap: gapCell(c.access, allCells?.access, isAll),
        doseGap: gapCell(c.meanDoseRate, allCells?.meanDoseRate, isAll),
        targetGap: gapCell(c.meetingTarget, allCells?.meetingTarget, isAll),
        goalGap: gapCell(c.metGoal, allCells?.metGoal, isAll),
      };
    });
  };
  const rowsOf = new Map(tables);
  return {
    district: cellsOf(DISTRICT, rowsOf.get(DISTRICT)!),
    sites: new Map(sites.map((s) => [s, cellsOf(s, rowsOf.get(s)!)])),
  };
}

/**
 * Every table lists every value of each demographic dimension that any table has, a
 * subgroup with nobody in it as a zero (shown "n<10"): a row missing from a site's table
 * would say it is 0, and with the site's total give the district's cell back.
 */
function withEveryValue(tables: [string, readonly EquityRow[]][]): [string, readonly EquityRow[]][] {
  const values = new Map<string, Set<string>>();
  for (const [, rows] of tables)
    for (const r of rows)
      if (!OPERATIONAL_DIMENSIONS.has(r.dimension))
        values.set(r.dimension, (values.get(r.dimension) ?? new Set()).add(r.value));
  return tables.map(([site, rows]) => {
    const has = new Set(rows.map((r) => `${r.dimension}\u0000${r.value}`));
    const missing = [...values].flatMap(([dimension, set]) =>
      [...set].filter((v) => !has.has(`${dimension}\u0000${v}`)).map((value) => zeroRow(dimension, value)),
    );
    if (missing.length === 0) return [site, rows];
    const all = [...rows, ...missing];
    const filled = new Set(missing.map((r) => r.dimension));
    // Dimensions in their order; a filled one's rows by value, as the district lists them.
    const dimensions = [...new Set(all.map((r) => r.dimension))];
    const byValue = (a: EquityRow, b: EquityRow) => a.value.localeCompare(b.value);
    return [
      site,
      dimensions.flatMap((d) => {
        const mine = all.filter((r) => r.dimension === d);
        return filled.has(d) ? mine.sort(byValue) : mine;
      }),
    ];
  });
}

const zeroRow = (dimension: string, value: string): EquityRow => ({
  dimension,
  value,
  eligible: 0,
  placed: 0,
  access: null,
  dosed: 0,
  meanDoseRate: null,
  withWeeks: 0,
  meetingTarget: 0,
  judged: 0,
  metGoal: 0,
});

/** One table on its own (each dimension a partition of all students), as the weekly review shows its gaps. */
export function equityCells(rows: readonly EquityRow[], minN: number): EquityCells[] {
  return jointEquityCells({ district: [...rows], sites: new Map() }, minN).district;
}
