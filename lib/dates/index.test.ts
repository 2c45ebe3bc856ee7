import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateParam,
  datesFrom,
  daysBetween,
  formatDay,
  formatMinuteOfDay,
  isoDateSchema,
  isoWeekday,
  weekdayName,
  MAX_DATE_STEPS,
  parseIsoDate,
  refusedDateParam,
  weekStart,
} from '.';

describe('isoDateSchema', () => {
  it('accepts real dates from 2000-01-01 to 2100-12-31', () => {
    for (const date of ['2000-01-01', '2026-11-30', '2028-02-29', '2100-12-31'])
      expect(isoDateSchema().safeParse(date).success, date).toBe(true);
  });

  it('refuses impossible dates, years outside the range and anything not YYYY-MM-DD', () => {
    const refused = [
      '2026-11-31',
      '2026-02-29',
      '2026-13-01',
      '0000-01-01',
      '1999-12-31',
      '2101-01-01',
      '9999-12-31',
      '+010000-01-01',
      '-000001-12-27',
      '2026-1-5',
      '',
      ' 2026-11-30',
      true,
      20261130,
    ];
    for (const value of refused)
      expect(isoDateSchema('start date').safeParse(value).success, String(value)).toBe(false);
    expect(isoDateSchema('start date').safeParse('2026-11-31').error?.issues[0]?.message).toBe(
      'The start date is not a real date.',
    );
    expect(isoDateSchema('start date').safeParse('0000-01-01').error?.issues[0]?.message).toBe(
      'The start date must be between 2000-01-01 and 2100-12-31.',
    );
  });
});

describe('date parameters of an address', () => {
  it('tells absent, accepted and refused apart', () => {
    expect(dateParam(undefined)).toEqual({});
    expect(dateParam(['2026-11-30', 'x'], 'week')).toEqual({ date: '2026-11-30' });
    expect(dateParam('0000-01-01', 'week').error).toMatch(/week must be between/);
    expect(refusedDateParam({ from: '2026-09-01', to: '9999-12-31' }, ['from', 'to'])).toMatch(/between/);
    expect(refusedDateParam({ from: '2026-09-01' }, ['from', 'to'])).toBeNull();
  });
});

describe('loops over dates', () => {
  it('steps by day numbers, not strings, and stops at a fixed number of steps', () => {
    expect(datesFrom('2026-12-28', '2027-01-11', 7)).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    expect(datesFrom('2026-12-02', '2026-12-01')).toEqual([]);
    expect(() => datesFrom('0000-01-01', '9999-12-31')).toThrow(RangeError);
    expect(datesFrom('2000-01-01', '2100-12-31').length).toBeLessThan(MAX_DATE_STEPS);
  });

  it('never writes a year with a sign', () => {
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('weeks and spans', () => {
  it('numbers weekdays from Monday and finds each week’s Monday', () => {
    expect(['2026-12-07', '2026-12-08', '2026-12-12', '2026-12-13'].map(isoWeekday)).toEqual([1, 2, 6, 7]);
    expect(['2026-12-07', '2026-12-12', '2026-12-13'].map((d) => weekdayName(isoWeekday(d)))).toEqual([
      'Monday',
      'Saturday',
      'Sunday',
    ]);
    expect(weekdayName(8)).toBe('day 8');
    expect(weekStart('2026-12-13')).toBe('2026-12-07');
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // across a year
  });

  it('counts days between dates, and refuses what is not a date', () => {
    expect(daysBetween('2026-12-01', '2026-12-07')).toBe(6);
    expect(daysBetween('2026-12-07', '2026-12-01')).toBe(-6);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => addDays('2026-12-07', 0.5)).toThrow(RangeError);
  });

  it('reads a minute of the day as a clock does', () => {
    expect([0, 59, 720, 870, 1439].map(formatMinuteOfDay)).toEqual([
      '12:00 AM',
      '12:59 AM',
      '12:00 PM',
      '2:30 PM',
      '11:59 PM',
    ]);
  });

  it('reads a date one way on the tutor’s pages: short weekday, month and day', () => {
    expect(['2026-12-02', '2026-01-01', '2027-02-28'].map(formatDay)).toEqual([
      'Wed, Dec 2',
      'Thu, Jan 1',
      'Sun, Feb 28',
    ]);
  });
});
