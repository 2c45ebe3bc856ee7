import { describe, expect, it } from 'vitest';
import { aimLine, aimLineOn, aimSlopePerWeek, growth, metGoal, rateOfImprovement, type Score } from './growth';

const s = (date: string, kind: Score['kind'], score: number): Score => ({ date, kind, score });

describe('growth', () => {
  it('is the last post − pre, or before any post the last progress − pre', () => {
    const scores = [s('2026-09-14', 'PRE', 10), s('2026-09-21', 'PROGRESS', 12), s('2026-09-28', 'PROGRESS', 15)];
    expect(growth(scores)).toBe(5);
    expect(growth([...scores, s('2026-12-14', 'POST', 14), s('2026-10-05', 'PROGRESS', 19)])).toBe(4);
    expect(growth([s('2026-09-14', 'PRE', 10)])).toBeNull();
    expect(growth([s('2026-09-21', 'PROGRESS', 12)])).toBeNull();
  });
});

describe('rateOfImprovement', () => {
  it('is the least-squares slope per week from 3 or more points', () => {
    // Weeks 0, 1, 2 with scores 10, 13, 14: mean x 1, mean y 37/3; sxy = (−1)(−7/3) + 0 + (1)(5/3) = 4; sxx = 2 → 2 a week.
    expect(
      rateOfImprovement([s('2026-09-14', 'PRE', 10), s('2026-09-21', 'PROGRESS', 13), s('2026-09-28', 'PROGRESS', 14)]),
    ).toBeCloseTo(2);
    // Days 0, 7, 21 (weeks 0, 1, 3), scores 4, 6, 10: perfect line of 2 a week.
    expect(
      rateOfImprovement([s('2026-09-14', 'PRE', 4), s('2026-09-21', 'PROGRESS', 6), s('2026-10-05', 'PROGRESS', 10)]),
    ).toBeCloseTo(2);
    expect(rateOfImprovement([s('2026-09-14', 'PRE', 4), s('2026-09-21', 'PROGRESS', 6)])).toBeNull();
    expect(
      rateOfImprovement([s('2026-09-14', 'PRE', 4), s('2026-09-14', 'PROGRESS', 6), s('2026-09-14', 'POST', 7)]),
    ).toBeNull();
  });
});

describe('aim line', () => {
  it('runs from the pre on the placement date to the goal on the goal date, default the group end', () => {
    const line = aimLine({ placedOn: '2026-09-14', pre: 10, goal: 20, goalDate: null, groupEndDate: '2026-11-23' });
    expect(line.goalDate).toBe('2026-11-23');
    // 70 days = 10 weeks: 1 point a week.
    expect(aimSlopePerWeek(line)).toBeCloseTo(1);
    expect(aimLineOn('2026-10-12', line)).toBeCloseTo(14);
    expect(aimLineOn('2026-12-31', line)).toBe(20);
    expect(
      aimLine({ placedOn: '2026-09-14', pre: 10, goal: 20, goalDate: '2026-10-14', groupEndDate: '2026-11-23' })
        .goalDate,
    ).toBe('2026-10-14');
  });
});

describe('metGoal', () => {
  it('compares the latest score (post, else progress) with the goal', () => {
    const scores = [s('2026-09-14', 'PRE', 10), s('2026-10-05', 'PROGRESS', 20), s('2026-10-12', 'PROGRESS', 18)];
    expect(metGoal(scores, 18)).toBe(true);
    expect(metGoal(scores, 19)).toBe(false);
    expect(metGoal([...scores, s('2026-12-10', 'POST', 19)], 19)).toBe(true);
    expect(metGoal([s('2026-09-14', 'PRE', 25)], 19)).toBeNull();
    expect(metGoal(scores, null)).toBeNull();
  });
});
