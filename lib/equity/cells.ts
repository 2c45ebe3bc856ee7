// The equity tables as they leave the server: every count and share already through
// small-cell suppression (lib/metrics/suppression.ts), every gap to all students in
// words. The page, the CSV download and anything else read these strings only, so a
// hidden cell's number never reaches a browser or a file. Pure.
import { accessCells } from '@/lib/metrics/access';
import type { EquityRow } from '@/lib/metrics/equity-queries';
import { countCell, hiddenText, shareCell, suppressSubgroupRows, type Cell } from '@/lib/metrics/suppression';

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
 * either share is hidden, empty or coded at an extreme ("<5%", ">95%").
 */
export function gapCell(sub: Cell, all: Cell | undefined, isAll: boolean, minN: number): GapCell {
  if (isAll) return { text: 'Reference', notable: false };
  if (!sub.shown) return { text: hiddenText(minN), notable: false };
  if (!all?.shown || !EXACT_PERCENT.test(sub.text) || !EXACT_PERCENT.test(all.text)) return { text: '—', notable: false };
  const points = Number.parseInt(sub.text, 10) - Number.parseInt(all.text, 10);
  if (points === 0) return { text: 'Same as all students', notable: false };
  const unit = Math.abs(points) === 1 ? 'point' : 'points';
  if (points > 0) return { text: `${points} ${unit} above`, notable: false };
  const notable = -points >= NOTABLE_GAP_POINTS;
  return { text: `${-points} ${unit} below${notable ? ' (notable gap)' : ''}`, notable };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Each dimension's rows are one partition of all students, suppressed together
 * (complementary suppression) for each count shown: eligible and placed (as
 * accessCells does), students with sessions, students with a goal judged. A share is
 * hidden with its count, and when its own n is under the policy's n; access is hidden
 * whenever eligible or placed is (either with the share would give the other back).
 */
export function equityCells(rows: readonly EquityRow[], minN: number): EquityCells[] {
  const access = accessCells(rows, minN);
  const all = rows.find((r) => r.dimension === 'all');
  const hiddenDosed = suppressSubgroupRows(rows.map((r) => ({ dimension: r.dimension, value: r.value, n: r.dosed })), minN, all?.dosed ?? 0);
  const hiddenJudged = suppressSubgroupRows(rows.map((r) => ({ dimension: r.dimension, value: r.value, n: r.judged })), minN, all?.judged ?? 0);
  const cells = rows.map((r, i) => {
    const dosedHidden = hiddenDosed.has(i);
    const judgedHidden = hiddenJudged.has(i);
    return {
      dimension: r.dimension,
      value: r.value,
      eligible: access[i]!.eligible,
      placed: access[i]!.placed,
      // accessCells shows the share whenever eligible is shown; here it is hidden with a
      // hidden placed count too, since share × eligible would give that count back.
      access: access[i]!.placed.shown ? access[i]!.access : { shown: false as const, n: r.eligible, text: hiddenText(minN) },
      dosed: countCell(r.dosed, minN, dosedHidden),
      meanDoseRate: shareCell(r.meanDoseRate, r.dosed, minN, dosedHidden),
      meetingTarget: shareCell(ratio(r.meetingTarget, r.withWeeks), r.withWeeks, minN, dosedHidden || r.withWeeks < minN),
      judged: countCell(r.judged, minN, judgedHidden),
      metGoal: shareCell(ratio(r.metGoal, r.judged), r.judged, minN, judgedHidden),
    };
  });
  const allCells = cells.find((c) => c.dimension === 'all');
  return cells.map((c) => {
    const isAll = c.dimension === 'all';
    return {
      ...c,
      accessGap: gapCell(c.access, allCells?.access, isAll, minN),
      doseGap: gapCell(c.meanDoseRate, allCells?.meanDoseRate, isAll, minN),
      targetGap: gapCell(c.meetingTarget, allCells?.meetingTarget, isAll, minN),
      goalGap: gapCell(c.metGoal, allCells?.metGoal, isAll, minN),
    };
  });
}
