// DOMAIN.md's growth figures on one student's scores on one measure: growth, rate
// of improvement, aim line and met goal (judged with the dose in ./judgement.ts). Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Growth's pre score is the first pre (as the flags' aim line); "latest score" for
//   met goal is the latest post, else progress score (a pre alone judges nothing).
//   Scores count up to the window's end. Rate of improvement uses every score on the
//   measure (pre, progress and post).
import { aimOn } from '@/lib/flags/rules';
import type { IsoDate } from '@/lib/dates';

export type ProbeKindCode = 'PRE' | 'PROGRESS' | 'POST';

export interface Score {
  date: IsoDate;
  kind: ProbeKindCode;
  score: number;
}

const DAY_MS = 86_400_000;
// A district's probes fall on a few hundred dates: each is parsed once.
const parsed = new Map<IsoDate, number>();
const msOf = (date: IsoDate) => {
  let ms = parsed.get(date);
  if (ms === undefined) {
    ms = Date.parse(date);
    if (parsed.size < 100_000) parsed.set(date, ms);
  }
  return ms;
};
const days = (from: IsoDate, to: IsoDate) => (msOf(to) - msOf(from)) / DAY_MS;
const kindOrder: Record<ProbeKindCode, number> = { PRE: 0, PROGRESS: 1, POST: 2 };
// ISO dates order as plain strings (localeCompare is an order of magnitude slower, on every placement of a district).
const byTime = (a: Score, b: Score) =>
  (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || kindOrder[a.kind] - kindOrder[b.kind];
/** The scores by date (then PRE, PROGRESS, POST); the same array when already in that order (as the queries return them). */
const chronological = (scores: readonly Score[]): readonly Score[] => {
  for (let i = 1; i < scores.length; i++) if (byTime(scores[i - 1]!, scores[i]!) > 0) return [...scores].sort(byTime);
  return scores;
};

/** The baseline: the first pre score (as the flags' aim line uses). */
export function preScore(scores: readonly Score[]): Score | null {
  return chronological(scores).find((s) => s.kind === 'PRE') ?? null;
}

/** The latest score after teaching began: the last post, else the last progress score. */
export function latestOutcome(scores: readonly Score[]): Score | null {
  const sorted = chronological(scores);
  let progress: Score | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const s = sorted[i]!;
    if (s.kind === 'POST') return s;
    if (s.kind === 'PROGRESS' && !progress) progress = s;
  }
  return progress;
}

/** Last post (or, before any post, last progress) − pre; null without both. */
export function growth(scores: readonly Score[]): number | null {
  const pre = preScore(scores);
  const outcome = latestOutcome(scores);
  return pre && outcome ? outcome.score - pre.score : null;
}

/** Least-squares slope of score against time, in points per week; null under 3 points or all on one day. */
export function rateOfImprovement(scores: readonly Score[]): number | null {
  if (scores.length < 3) return null;
  const origin = scores[0]!.date;
  const xs = scores.map((s) => days(origin, s.date) / 7);
  const ys = scores.map((s) => s.score);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

export interface AimLine {
  start: IsoDate;
  pre: number;
  goalDate: IsoDate;
  goal: number;
}

/** From the pre score on the placement date to the goal on the goal date (default: the group's end date). */
export function aimLine(a: {
  placedOn: IsoDate;
  pre: number;
  goal: number;
  goalDate: IsoDate | null;
  groupEndDate: IsoDate;
}): AimLine {
  return { start: a.placedOn, pre: a.pre, goalDate: a.goalDate ?? a.groupEndDate, goal: a.goal };
}

/** The aim line's value on a date (held at the pre before the start and at the goal after the goal date). */
export const aimLineOn = (date: IsoDate, line: AimLine): number => aimOn(date, line);

/** The aim line's slope in points per week (the expected rate of improvement). */
export function aimSlopePerWeek(line: AimLine): number | null {
  const weeks = days(line.start, line.goalDate) / 7;
  return weeks > 0 ? (line.goal - line.pre) / weeks : null;
}

/** Latest score ≥ goal. The latest score is the latest outcome (post, else progress); null with no goal or no outcome yet. */
export function metGoal(scores: readonly Score[], goal: number | null): boolean | null {
  if (goal === null) return null;
  const outcome = latestOutcome(scores);
  return outcome ? outcome.score >= goal : null;
}
