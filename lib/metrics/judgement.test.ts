import { describe, expect, it } from 'vitest';
import type { Score } from './growth';
import {
  countJudgements,
  growthByDoseBandOf,
  isUnderDosed,
  judgePlacement,
  meanGrowthByMeasure,
  studentMetGoal,
} from './judgement';

const s = (date: string, kind: Score['kind'], score: number): Score => ({ date, kind, score });
const scores = [s('2026-09-14', 'PRE', 5), s('2026-10-01', 'PROGRESS', 7), s('2026-10-20', 'POST', 9)];
const dose = (delivered: number, scheduled = 100) => ({ scheduled, delivered });

describe('isUnderDosed', () => {
  it('is below the policy line; an empty dose rate is not under-dosed', () => {
    expect(isUnderDosed(0.69, 70)).toBe(true);
    expect(isUnderDosed(0.7, 70)).toBe(false);
    expect(isUnderDosed(null, 70)).toBe(false);
  });
});

describe('judgePlacement', () => {
  it('judges on the placement’s own dose, goal, pre and later score', () => {
    expect(judgePlacement({ dose: dose(70), goal: 9, scores }, 70)).toBe('met');
    expect(judgePlacement({ dose: dose(90), goal: 10, scores }, 70)).toBe('not-met');
    // Nothing scheduled: not under-dosed, so judged.
    expect(judgePlacement({ dose: dose(0, 0), goal: 9, scores }, 70)).toBe('met');
  });

  it('meets a goal at or below it on a measure where lower is better', () => {
    const errors = [s('2026-09-14', 'PRE', 12), s('2026-10-20', 'POST', 4)];
    expect(judgePlacement({ dose: dose(90), goal: 5, scores: errors, lowerIsBetter: true }, 70)).toBe('met');
    expect(judgePlacement({ dose: dose(90), goal: 4, scores: errors, lowerIsBetter: true }, 70)).toBe('met');
    expect(judgePlacement({ dose: dose(90), goal: 3, scores: errors, lowerIsBetter: true }, 70)).toBe('not-met');
    // Read as higher-is-better, the same scores would wrongly miss the goal.
    expect(judgePlacement({ dose: dose(90), goal: 5, scores: errors }, 70)).toBe('not-met');
  });

  it('puts an under-dosed placement apart whether or not it met its goal or has scores', () => {
    expect(judgePlacement({ dose: dose(69), goal: 9, scores }, 70)).toBe('under-dosed');
    expect(judgePlacement({ dose: dose(10), goal: null, scores: [] }, 70)).toBe('under-dosed');
    expect(judgePlacement({ dose: dose(69), goal: 9, scores }, 60)).toBe('met');
  });

  it('does not judge without a goal, a pre score or a later score', () => {
    expect(judgePlacement({ dose: dose(100), goal: null, scores }, 70)).toBe('not-judged');
    expect(judgePlacement({ dose: dose(100), goal: 9, scores: [s('2026-10-01', 'PROGRESS', 9)] }, 70)).toBe(
      'not-judged',
    );
    expect(judgePlacement({ dose: dose(100), goal: 9, scores: [s('2026-09-14', 'PRE', 9)] }, 70)).toBe('not-judged');
    // A progress score before the pre is not a later score.
    expect(
      judgePlacement(
        { dose: dose(100), goal: 9, scores: [s('2026-09-10', 'PROGRESS', 9), s('2026-09-14', 'PRE', 5)] },
        70,
      ),
    ).toBe('not-judged');
  });
});

describe('studentMetGoal', () => {
  it('needs a judged placement, and the goal met in every judged one', () => {
    expect(studentMetGoal(['met', 'under-dosed', 'not-judged'])).toBe(true);
    expect(studentMetGoal(['met', 'not-met'])).toBe(false);
    expect(studentMetGoal(['under-dosed', 'not-judged'])).toBeNull();
    expect(studentMetGoal([])).toBeNull();
  });
});

describe('counts and bands', () => {
  it('counts met of judged, never the under-dosed', () => {
    const c = countJudgements(['met', 'met', 'not-met', 'under-dosed', 'under-dosed', 'not-judged']);
    expect(c).toMatchObject({ met: 2, 'not-met': 1, 'under-dosed': 2, 'not-judged': 1, judged: 3 });
    expect(c.metShare).toBeCloseTo(2 / 3);
    expect(countJudgements(['under-dosed']).metShare).toBeNull();
  });

  it('bands placements by their own dose rate, and averages growth within a measure only', () => {
    const bands = growthByDoseBandOf(
      [
        { measure: 'ORF', growth: 20, doseRate: 0.95, judgement: 'met' },
        { measure: 'ORF', growth: 10, doseRate: 0.75, judgement: 'not-met' },
        { measure: 'Fractions', growth: 3, doseRate: 0.6, judgement: 'under-dosed' },
        { measure: 'Fractions', growth: null, doseRate: null, judgement: 'not-judged' },
      ],
      70,
    );
    expect(
      bands.map((b) => [
        b.band,
        b.judgements.met,
        b.judgements['not-met'],
        b.judgements['under-dosed'],
        b.judgements.judged,
      ]),
    ).toEqual([
      ['Under 50%', 0, 0, 0, 0],
      ['50–69%', 0, 0, 1, 0],
      ['70–89%', 0, 1, 0, 1],
      ['90% or more', 1, 0, 0, 1],
    ]);
    expect(
      meanGrowthByMeasure([
        { measure: 'ORF', growth: 20 },
        { measure: 'ORF', growth: 10 },
        { measure: 'Fractions', growth: 3 },
        { measure: 'Fractions', growth: null },
      ]),
    ).toEqual([
      { measure: 'Fractions', students: 1, meanGrowth: 3 },
      { measure: 'ORF', students: 2, meanGrowth: 15 },
    ]);
  });
});
