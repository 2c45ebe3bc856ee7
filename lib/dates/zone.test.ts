import { describe, expect, it } from 'vitest';
import { assertTimeZone, localDate, localDateTimeToUtc, localMinuteOfDay } from './zone';

describe('district time', () => {
  it('gives the date and the minute of the day in the district’s time zone', () => {
    const at = new Date('2026-11-26T01:30:00Z'); // 7:30 PM the evening before in Chicago
    expect(localDate('America/Chicago', at)).toBe('2026-11-25');
    expect(localMinuteOfDay('America/Chicago', at)).toBe(19 * 60 + 30);
    expect(localMinuteOfDay('UTC', new Date('2026-11-26T00:05:00Z'))).toBe(5);
  });

  it('gives the instant a meeting starts, through daylight-saving changes', () => {
    expect(localDateTimeToUtc('2026-12-07', 15 * 60, 'America/Chicago').toISOString()).toBe('2026-12-07T21:00:00.000Z');
    // 2:30 AM does not exist on 2026-03-08 in Chicago: it lands as far past the gap (3:30 CDT).
    expect(localDateTimeToUtc('2026-03-08', 150, 'America/Chicago').toISOString()).toBe('2026-03-08T08:30:00.000Z');
    // 1:30 AM happens twice on 2026-11-01: the earlier one (CDT).
    expect(localDateTimeToUtc('2026-11-01', 90, 'America/Chicago').toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(() => localDateTimeToUtc('2026-12-07', 1440, 'America/Chicago')).toThrow(RangeError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
