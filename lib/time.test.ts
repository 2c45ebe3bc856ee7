import { describe, expect, it } from 'vitest';
import { localDate, localMinuteOfDay } from './time';

describe('district time', () => {
  it('gives the date and the minute of the day in the district’s time zone', () => {
    const at = new Date('2026-11-26T01:30:00Z'); // 7:30 PM the evening before in Chicago
    expect(localDate('America/Chicago', at)).toBe('2026-11-25');
    expect(localMinuteOfDay('America/Chicago', at)).toBe(19 * 60 + 30);
    expect(localMinuteOfDay('UTC', new Date('2026-11-26T00:05:00Z'))).toBe(5);
  });
});
