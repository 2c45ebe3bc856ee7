// DOMAIN.md's judgement of growth: one placement from its own dose, goal and scores,
// and a student from their placements. Every view (group, student, dashboards, weekly
// review, exports, equity, costs) judges through these functions. Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Judgement (./judgement.ts, one function for every view): a placement whose own
//   dose rate (student × group inside the membership dates) is below the policy's
//   flag is "under-dosed — not yet judged", whatever its scores; otherwise it is
//   judged when it has a goal, a pre and a later score. A student met their goal when
//   every judged placement met it (at least one). Dose bands band placements by their
//   own rate: under 50 %, 50 % – policy, policy – 89 %, 90 %+.
import { doseBandOf, doseBands, doseRate, type DoseSums } from './dose';
import { latestOutcome, preScore, type Score } from './growth';

/** met / not-met: judged. under-dosed: below the policy's dose rate, whatever the scores. not-judged: no goal, no pre or no later score. */
export type Judgement = 'met' | 'not-met' | 'under-dosed' | 'not-judged';

export const JUDGEMENTS: readonly Judgement[] = ['met', 'not-met', 'under-dosed', 'not-judged'];

export const judgementLabels: Record<Judgement, string> = {
  met: 'Met goal',
  'not-met': 'Goal not yet met',
  'under-dosed': 'Under-dosed — not yet judged',
  'not-judged': 'No goal or score yet',
};

/** A placement's own dose rate below the policy's flag; an empty dose rate is not under-dosed. */
export function isUnderDosed(rate: number | null, underDosedPercent: number): boolean {
  return rate !== null && rate * 100 < underDosedPercent;
}

export interface PlacementToJudge {
  /** The placement's own minutes (student × group, inside the membership dates and the window). */
  dose: DoseSums;
  goal: number | null;
  scores: readonly Score[];
  /** The measure counts down (errors, seconds): the goal is met at or below it. */
  lowerIsBetter?: boolean;
}

/**
 * Under-dosed first (DOMAIN: shown apart "whether or not they have a goal or scores
 * yet"); then judged when there is a goal, a pre score and a later score (the last
 * post, else the last progress score, dated on or after the first pre).
 */
export function judgePlacement(p: PlacementToJudge, underDosedPercent: number): Judgement {
  if (isUnderDosed(doseRate(p.dose), underDosedPercent)) return 'under-dosed';
  const pre = preScore(p.scores);
  const outcome = latestOutcome(p.scores);
  if (p.goal === null || !pre || !outcome || outcome.date < pre.date) return 'not-judged';
  const met = p.lowerIsBetter ? outcome.score <= p.goal : outcome.score >= p.goal;
  return met ? 'met' : 'not-met';
}

export const isJudged = (j: Judgement) => j === 'met' || j === 'not-met';

/** A student met their goal: at least one judged placement, and the goal met in every one. Null with none judged. */
export function studentMetGoal(judgements: readonly Judgement[]): boolean | null {
  const judged = judgements.filter(isJudged);
  return judged.length ? judged.every((j) => j === 'met') : null;
}

export interface JudgementCounts extends Record<Judgement, number> {
  /** met + not-met: the denominator of the share meeting goal. */
  judged: number;
  /** met ÷ judged; null when nothing is judged. */
  metShare: number | null;
}

export function countJudgements(judgements: readonly Judgement[]): JudgementCounts {
  const counts: Record<Judgement, number> = { met: 0, 'not-met': 0, 'under-dosed': 0, 'not-judged': 0 };
  for (const j of judgements) counts[j]++;
  const judged = counts.met + counts['not-met'];
  return { ...counts, judged, metShare: judged ? counts.met / judged : null };
}

export interface JudgedPlacement {
  measure: string;
  growth: number | null;
  doseRate: number | null;
  judgement: Judgement;
}

export interface GrowthByDoseBand {
  band: string;
  /** Mean growth per measure of the band's placements with a growth (never across measures). */
  byMeasure: { measure: string; students: number; meanGrowth: number }[];
  judgements: JudgementCounts;
}

/** Growth by dose band: placements banded by their own dose rate (an empty rate falls in no band). */
export function growthByDoseBandOf(
  placements: readonly JudgedPlacement[],
  underDosedPercent: number,
): GrowthByDoseBand[] {
  const bands = doseBands(underDosedPercent);
  return bands.map((band) => {
    const inBand = placements.filter((p) => doseBandOf(p.doseRate, bands) === band);
    return {
      band: band.label,
      byMeasure: meanGrowthByMeasure(inBand),
      judgements: countJudgements(inBand.map((p) => p.judgement)),
    };
  });
}

/** Mean growth per measure: growth is never averaged across measures. */
export function meanGrowthByMeasure(
  placements: readonly { measure: string; growth: number | null }[],
): GrowthByDoseBand['byMeasure'] {
  const sums = new Map<string, { n: number; total: number }>();
  for (const p of placements) {
    if (p.growth === null) continue;
    const sum = sums.get(p.measure) ?? { n: 0, total: 0 };
    sum.n += 1;
    sum.total += p.growth;
    sums.set(p.measure, sum);
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([measure, { n, total }]) => ({ measure, students: n, meanGrowth: total / n }));
}
