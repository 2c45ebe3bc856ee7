import { describe, expect, it } from 'vitest';
import { countCell, shareCell, subgroupShareCell, suppressPartition } from './suppression';

describe('suppressPartition', () => {
  it('hides parts under n and, when one alone is hidden, the next smallest', () => {
    // 40 = 25 + 12 + 3: total − 25 − 12 would reveal the 3, so the 12 goes too.
    expect(suppressPartition([25, 12, 3], 10)).toEqual([false, true, true]);
    // Two hidden parts already protect each other.
    expect(suppressPartition([25, 4, 3], 10)).toEqual([false, true, true]);
    expect(suppressPartition([25, 12, 30], 10)).toEqual([false, false, false]);
    // With the total itself hidden there is nothing to subtract from.
    expect(suppressPartition([12, 3], 10, false)).toEqual([false, true]);
  });
});

describe('cells', () => {
  it('show "n<10" instead of a small count or a share of a small group', () => {
    expect(countCell(9, 10).text).toBe('n<10');
    expect(countCell(10, 10).text).toBe('10');
    expect(shareCell(0.5, 9, 10).text).toBe('n<10');
    expect(shareCell(0.5, 12, 10).text).toBe('50%');
  });

  it('code extreme shares rather than showing them exactly', () => {
    expect(shareCell(0, 20, 10).text).toBe('<5%');
    expect(shareCell(0.04, 50, 10).text).toBe('<5%');
    expect(shareCell(0.05, 40, 10).text).toBe('5%');
    expect(shareCell(1, 20, 10).text).toBe('>95%');
    expect(shareCell(0.95, 20, 10).text).toBe('95%');
  });
});

describe('subgroup cells', () => {
  it('code shares at or beyond 5 % and 95 %, and hide with their count', () => {
    expect(subgroupShareCell(0.05, 20, 10, false).text).toBe('≤5%');
    expect(subgroupShareCell(0.95, 20, 10, false).text).toBe('≥95%');
    expect(subgroupShareCell(0.5, 20, 10, false).text).toBe('50%');
    expect(subgroupShareCell(0.5, 20, 10, true).text).toBe('suppressed');
    expect(subgroupShareCell(0.5, 8, 10, true).text).toBe('n<10');
  });
});
