import { describe, expect, it } from 'vitest';
import { addDays, weekStart } from '@/lib/dates';
import { asOfWindow, partialWeeks, planFacts, wholeWeeks } from './rollup-plan';

describe('weeks', () => {
  it('finds the Monday of a date and the whole weeks of a window', () => {
    expect(weekStart('2026-09-14')).toBe('2026-09-14'); // a Monday
    expect(weekStart('2026-09-20')).toBe('2026-09-14'); // its Sunday
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // across a year
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(wholeWeeks('2026-09-14', '2026-10-11')).toEqual(['2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05']);
    expect(wholeWeeks('2026-09-16', '2026-10-10')).toEqual(['2026-09-21', '2026-09-28']);
    expect(wholeWeeks('2026-09-15', '2026-09-20')).toEqual([]);
  });
});

describe('asOfWindow', () => {
  it('counts up to the window end or yesterday, whichever is earlier; the rest is still to come', () => {
    // Thursday Oct 8: Monday–Wednesday count, Thursday–Sunday are still to come.
    expect(asOfWindow('2026-10-05', '2026-10-11', '2026-10-08')).toEqual({
      counted: ['2026-10-05', '2026-10-07'],
      stillToCome: ['2026-10-08', '2026-10-11'],
    });
    expect(asOfWindow('2026-09-14', '2026-09-20', '2026-10-08')).toEqual({
      counted: ['2026-09-14', '2026-09-20'],
      stillToCome: null,
    });
    // A window starting today: nothing counts yet.
    expect(asOfWindow('2026-10-08', '2026-10-11', '2026-10-08')).toEqual({
      counted: null,
      stillToCome: ['2026-10-08', '2026-10-11'],
    });
    expect(asOfWindow('2026-10-12', '2026-10-18', '2026-10-08')).toEqual({
      counted: null,
      stillToCome: ['2026-10-12', '2026-10-18'],
    });
  });
});

describe('planFacts', () => {
  it('serves whole past and future weeks from the rollup, the current week live', () => {
    expect(planFacts('2026-09-14', '2026-10-11', '2026-10-07')).toEqual({
      rollupWeeks: ['2026-09-14', '2026-09-21', '2026-09-28'],
      live: [['2026-10-05', '2026-10-11']],
    });
    // Today before the window: every whole week is served (as upcoming).
    expect(planFacts('2026-09-14', '2026-09-27', '2026-09-01')).toEqual({
      rollupWeeks: ['2026-09-14', '2026-09-21'],
      live: [],
    });
  });

  it('reads the edge days of a mid-week window, the current week and stale weeks live', () => {
    expect(planFacts('2026-09-16', '2026-10-22', '2026-10-01', ['2026-10-12'])).toEqual({
      rollupWeeks: ['2026-09-21', '2026-10-05'],
      live: [
        ['2026-09-16', '2026-09-20'],
        ['2026-09-28', '2026-10-04'],
        ['2026-10-12', '2026-10-22'],
      ],
    });
    // A window inside one week is all live.
    expect(planFacts('2026-09-15', '2026-09-17', '2026-12-01')).toEqual({
      rollupWeeks: [],
      live: [['2026-09-15', '2026-09-17']],
    });
  });
});

describe('partial weeks', () => {
  it('names the days of the edge weeks outside the window', () => {
    expect(partialWeeks('2026-09-14', '2026-10-11')).toEqual([]);
    expect(partialWeeks('2026-09-16', '2026-10-09')).toEqual([
      { monday: '2026-09-14', outside: [['2026-09-14', '2026-09-15']] },
      { monday: '2026-10-05', outside: [['2026-10-10', '2026-10-11']] },
    ]);
    expect(partialWeeks('2026-09-15', '2026-09-17')).toEqual([
      {
        monday: '2026-09-14',
        outside: [
          ['2026-09-14', '2026-09-14'],
          ['2026-09-18', '2026-09-20'],
        ],
      },
    ]);
  });

  it('serves an edge week whole when nothing falls outside the window', () => {
    // A cycle from Tuesday 9/15 (Monday a holiday) to Friday 10/9.
    expect(planFacts('2026-09-15', '2026-10-09', '2026-12-01', [], ['2026-09-14', '2026-10-05'])).toEqual({
      rollupWeeks: ['2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05'],
      live: [],
    });
    // Only the last one can be: the first week's Tuesday–Sunday are read live.
    expect(planFacts('2026-09-15', '2026-10-09', '2026-12-01', [], ['2026-10-05'])).toEqual({
      rollupWeeks: ['2026-09-21', '2026-09-28', '2026-10-05'],
      live: [['2026-09-15', '2026-09-20']],
    });
    // A servable edge in the current week is still read live.
    expect(planFacts('2026-09-15', '2026-10-09', '2026-10-07', [], ['2026-10-05']).live).toEqual([
      ['2026-09-15', '2026-09-20'],
      ['2026-10-05', '2026-10-09'],
    ]);
  });
});

describe('windows at the edge of the calendar', () => {
  it('never loops on years written with a sign: 0000 and 9999 windows end or throw at once', () => {
    expect(() => wholeWeeks('0000-01-01', '0000-01-01')).toThrow(RangeError);
    expect(wholeWeeks('9999-12-20', '9999-12-31')).toEqual(['9999-12-20']);
    expect(planFacts('9999-12-20', '9999-12-31', '2026-10-07')).toEqual({
      rollupWeeks: ['9999-12-20'],
      live: [['9999-12-27', '9999-12-31']],
    });
  });
});
