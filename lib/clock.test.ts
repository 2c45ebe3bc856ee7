import { afterEach, describe, expect, it, vi } from 'vitest';

// The clock reads APP_CLOCK once, when it loads: each case loads it afresh.
async function loadWith(appClock: string) {
  vi.resetModules();
  vi.stubEnv('APP_CLOCK', appClock);
  const [{ now }, { localDate }] = await Promise.all([import('./clock'), import('./dates/zone')]);
  return { now, localDate };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the app clock (APP_CLOCK)', () => {
  it('starts a bare date at mid-morning in the Americas and runs on from there', async () => {
    const { now, localDate } = await loadWith('2027-07-14');
    const first = now();
    expect(first.toISOString().slice(0, 16)).toBe('2027-07-14T15:00');
    expect(localDate('America/Chicago')).toBe('2027-07-14');
    expect(now().getTime()).toBeGreaterThanOrEqual(first.getTime());
  });

  it('takes a full instant, and today is that instant’s day in the district', async () => {
    const { localDate } = await loadWith('2027-09-06T23:30:00Z');
    expect(localDate('America/Chicago')).toBe('2027-09-06');
    expect(localDate('UTC')).toBe('2027-09-06');
    expect(localDate('Asia/Kolkata')).toBe('2027-09-07');
  });

  it('is the wall clock when unset, and refuses a value that is not a date', async () => {
    const before = Date.now();
    const { now } = await loadWith('');
    const reading = now().getTime();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(Date.now());
    await expect(loadWith('soon')).rejects.toThrow('APP_CLOCK="soon" is not a date');
  });
});
