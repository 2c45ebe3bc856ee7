import { describe, expect, it } from 'vitest';
import { doseBandOf, doseBands, doseRate, doseVsTarget, totalLost, type LostMinutes } from './dose';

describe('doseRate', () => {
  it('is delivered ÷ scheduled, empty when nothing was scheduled', () => {
    expect(doseRate({ scheduled: 90, delivered: 60 })).toBeCloseTo(2 / 3);
    expect(doseRate({ scheduled: 0, delivered: 0 })).toBeNull();
    // A make-up alone: minutes delivered, none scheduled.
    expect(doseRate({ scheduled: 0, delivered: 30 })).toBeNull();
  });
});

describe('doseVsTarget', () => {
  it('is delivered per counted week ÷ target minutes', () => {
    // 150 minutes over 2 weeks = 75 a week; 75 / 90.
    expect(doseVsTarget(150, 2, 90)).toBeCloseTo(75 / 90);
    expect(doseVsTarget(180, 2, 90)).toBe(1);
    expect(doseVsTarget(0, 0, 90)).toBeNull();
  });

  it('prorates weeks by school days: a week with one day off counts 4/5, a Wednesday start 3/5', () => {
    // 72 minutes in a 4-school-day week meet a 90-minute target (72 = 4/5 × 90).
    expect(doseVsTarget(72, 4 / 5, 90)).toBeCloseTo(1);
    // Thanksgiving week with 3 days off: 36 minutes meet it; a Wednesday start plus a whole week: 144 minutes.
    expect(doseVsTarget(36, 2 / 5, 90)).toBeCloseTo(1);
    expect(doseVsTarget(72, 3 / 5 + 1, 90)).toBeCloseTo(0.5);
  });
});

describe('totalLost', () => {
  it('adds every part, make-ups counted back', () => {
    const lost: LostMinutes = {
      studentAbsence: 30,
      attendanceNotRecorded: 0,
      shortened: 10,
      cancelled: { TUTOR_ABSENT: 30, STUDENT_OR_SCHOOL_EVENT: 0, TESTING: 30, SCHOOL_CLOSURE: 0, OTHER: 0 },
      unlogged: 30,
      madeUp: -30,
    };
    expect(totalLost(lost)).toBe(100);
  });
});

describe('dose bands', () => {
  it('cut at 50, the under-dosed line and 90', () => {
    const bands = doseBands(70);
    expect(bands.map((b) => b.label)).toEqual(['Under 50%', '50–69%', '70–89%', '90% or more']);
    expect(doseBandOf(0.69, bands)?.label).toBe('50–69%');
    expect(doseBandOf(0.7, bands)?.label).toBe('70–89%');
    expect(doseBandOf(1.1, bands)?.label).toBe('90% or more');
    expect(doseBandOf(0, bands)?.label).toBe('Under 50%');
    expect(doseBandOf(null, bands)).toBeNull();
    expect(doseBands(60).map((b) => b.label)).toEqual(['Under 50%', '50–59%', '60–89%', '90% or more']);
    expect(doseBands(50).map((b) => b.label)).toEqual(['Under 50%', '50–89%', '90% or more']);
  });
});
