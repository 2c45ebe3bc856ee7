import { describe, expect, it } from 'vitest';
import { CONSISTENT_TUTOR_SHARE, meetsProgramStandard, programStandardChecks } from './program-standard';

const policy = {
  targetSessionsPerWeek: 3,
  targetMinutesPerSession: 30,
  maxGroupSize: 4,
  minProgramWeeks: 10,
  consistentTutorShare: CONSISTENT_TUTOR_SHARE,
};

describe('programStandardChecks', () => {
  it('passes a group meeting 3 × 30 minutes, 4 students, 14 weeks, one tutor', () => {
    const checks = programStandardChecks(
      { sessionsPerWeek: 3, minutesPerSession: 30, largestGroupSize: 4, weeks: 14, primaryTutorShare: 0.9 },
      policy,
    );
    expect(checks.every((c) => c.met)).toBe(true);
    expect(meetsProgramStandard(checks)).toBe(true);
  });

  it('names each failed check', () => {
    const checks = programStandardChecks(
      { sessionsPerWeek: 2, minutesPerSession: 25, largestGroupSize: 5, weeks: 8, primaryTutorShare: 0.75 },
      policy,
    );
    expect(checks.filter((c) => !c.met).map((c) => c.key)).toEqual([
      'sessions_per_week',
      'minutes_per_session',
      'group_size',
      'weeks',
      'consistent_tutor',
    ]);
    expect(meetsProgramStandard(checks)).toBe(false);
  });

  it('leaves tutor consistency unjudged before any session', () => {
    const checks = programStandardChecks(
      { sessionsPerWeek: 3, minutesPerSession: 30, largestGroupSize: 2, weeks: 12, primaryTutorShare: null },
      policy,
    );
    expect(checks.find((c) => c.key === 'consistent_tutor')?.met).toBeNull();
    expect(meetsProgramStandard(checks)).toBeNull();
  });
});
