import { describe, expect, it } from 'vitest';
import type { EquityRow } from '@/lib/metrics/equity-queries';
import { equityCells, gapCell } from './cells';

const row = (dimension: string, value: string, n: Partial<EquityRow>): EquityRow => ({
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
  ...n,
});

describe('gapCell', () => {
  const shown = (text: string) => ({ shown: true as const, n: 20, text });
  it('says the gap in whole points from the shown percentages, and calls out 10 or more below', () => {
    expect(gapCell(shown('52%'), shown('62%'), false, 10)).toEqual({ text: '10 points below (notable gap)', notable: true });
    expect(gapCell(shown('61%'), shown('62%'), false, 10)).toEqual({ text: '1 point below', notable: false });
    expect(gapCell(shown('80%'), shown('62%'), false, 10)).toEqual({ text: '18 points above', notable: false });
    expect(gapCell(shown('62%'), shown('62%'), false, 10).text).toBe('Same as all students');
    expect(gapCell(shown('62%'), shown('62%'), true, 10).text).toBe('Reference');
  });
  it('gives no number for a hidden or extreme-coded share', () => {
    expect(gapCell({ shown: false, n: 4, text: 'n<10' }, shown('62%'), false, 10).text).toBe('n<10');
    expect(gapCell(shown('<5%'), shown('62%'), false, 10).text).toBe('—');
    expect(gapCell(shown('40%'), shown('>95%'), false, 10).text).toBe('—');
  });
});

describe('equityCells', () => {
  it('hides access when placed is hidden, so eligible × access cannot give placed back', () => {
    const rows = [
      row('all', 'all', { eligible: 40, placed: 25, access: 25 / 40 }),
      row('site', 'a', { eligible: 20, placed: 9, access: 9 / 20 }),
      row('site', 'b', { eligible: 20, placed: 16, access: 16 / 20 }),
    ];
    const [, a, b] = equityCells(rows, 10);
    expect([a!.eligible.text, a!.placed.text, a!.access.text, a!.accessGap.text]).toEqual(['20', 'n<10', 'n<10', 'n<10']);
    expect([b!.eligible.text, b!.placed.text, b!.access.text]).toEqual(['20', 'n<10', 'n<10']);
  });

  it('suppresses each count column as its own partition, shares with their counts', () => {
    const rows = [
      row('all', 'all', { eligible: 40, placed: 30, access: 0.75, dosed: 30, meanDoseRate: 0.8, withWeeks: 30, meetingTarget: 15, judged: 30, metGoal: 12 }),
      row('foster', 'yes', { eligible: 6, placed: 3, access: 0.5, dosed: 3, meanDoseRate: 0.4, withWeeks: 3, meetingTarget: 0, judged: 3, metGoal: 0 }),
      row('foster', 'no', { eligible: 34, placed: 27, access: 27 / 34, dosed: 27, meanDoseRate: 0.84, withWeeks: 27, meetingTarget: 15, judged: 27, metGoal: 12 }),
    ];
    const [all, yes, no] = equityCells(rows, 10);
    expect([yes!.eligible.text, yes!.access.text, yes!.dosed.text, yes!.meanDoseRate.text, yes!.metGoal.text, yes!.doseGap.text]).toEqual(Array(6).fill('n<10'));
    // The complement of a hidden part is hidden too, column by column.
    expect([no!.eligible.text, no!.placed.text, no!.dosed.text, no!.judged.text]).toEqual(Array(4).fill('n<10'));
    expect([all!.eligible.text, all!.access.text, all!.meanDoseRate.text, all!.meetingTarget.text, all!.metGoal.text]).toEqual(['40', '75%', '80%', '50%', '40%']);
    for (const c of [all!, yes!, no!]) {
      for (const cell of [c.eligible, c.placed, c.dosed, c.judged]) expect(cell.shown ? cell.n >= 10 : cell.text === 'n<10').toBe(true);
    }
  });
});
