// The program standard (DOMAIN.md, Policy; after the National Student Support
// Accelerator's): at least 3 sessions a week, at least 30 minutes each, groups of at
// most 4, at least 10 weeks, a consistent tutor. Checked on plain facts. Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Program standard: "a consistent tutor" = each held session's own primary tutor
//   delivered ≥ 80 % of the held sessions up to "as of"; weeks = Monday-weeks with a
//   scheduled session (not a make-up) from the group's start to its end date; a group
//   is checked on its weekly schedule and shortest meeting.

export interface StandardPolicy {
  targetSessionsPerWeek: number;
  targetMinutesPerSession: number;
  maxGroupSize: number;
  minProgramWeeks: number;
  /** Share of sessions the primary tutor must deliver to count as consistent. */
  consistentTutorShare: number;
}

/** "A consistent tutor" is not given a number in DOMAIN.md: we read it as ≥ 80 % of sessions by one tutor. */
export const CONSISTENT_TUTOR_SHARE = 0.8;

/**
 * What the standard is checked against, for a group (its schedule and roster) or a
 * student (their placements): sessions a week and minutes per session as scheduled,
 * the largest group size at once, weeks (Monday-weeks with a scheduled session from
 * the start to the end date: a break week does not count), and the share of held
 * sessions delivered by the session's primary tutor (null before any session).
 */
export interface StandardFacts {
  sessionsPerWeek: number;
  /** The shortest planned session (a group of 45- and 20-minute meetings fails on the 20). */
  minutesPerSession: number;
  largestGroupSize: number;
  weeks: number;
  primaryTutorShare: number | null;
}

export type StandardKey = 'sessions_per_week' | 'minutes_per_session' | 'group_size' | 'weeks' | 'consistent_tutor';

export interface StandardCheck {
  key: StandardKey;
  label: string;
  met: boolean | null;
  actual: number | null;
  required: number;
}

export function programStandardChecks(f: StandardFacts, p: StandardPolicy): StandardCheck[] {
  return [
    {
      key: 'sessions_per_week',
      label: `At least ${p.targetSessionsPerWeek} sessions a week`,
      met: f.sessionsPerWeek >= p.targetSessionsPerWeek,
      actual: f.sessionsPerWeek,
      required: p.targetSessionsPerWeek,
    },
    {
      key: 'minutes_per_session',
      label: `At least ${p.targetMinutesPerSession} minutes each`,
      met: f.minutesPerSession >= p.targetMinutesPerSession,
      actual: f.minutesPerSession,
      required: p.targetMinutesPerSession,
    },
    {
      key: 'group_size',
      label: `Groups of at most ${p.maxGroupSize}`,
      met: f.largestGroupSize <= p.maxGroupSize,
      actual: f.largestGroupSize,
      required: p.maxGroupSize,
    },
    {
      key: 'weeks',
      label: `At least ${p.minProgramWeeks} weeks`,
      met: f.weeks >= p.minProgramWeeks,
      actual: f.weeks,
      required: p.minProgramWeeks,
    },
    {
      key: 'consistent_tutor',
      label: `A consistent tutor (${Math.round(p.consistentTutorShare * 100)}% of sessions or more)`,
      met: f.primaryTutorShare === null ? null : f.primaryTutorShare >= p.consistentTutorShare,
      actual: f.primaryTutorShare,
      required: p.consistentTutorShare,
    },
  ];
}

/** Meets the standard when every check that can be judged is met (null while one is not yet judged). */
export function meetsProgramStandard(checks: readonly StandardCheck[]): boolean | null {
  if (checks.some((c) => c.met === false)) return false;
  return checks.every((c) => c.met === true) ? true : null;
}
