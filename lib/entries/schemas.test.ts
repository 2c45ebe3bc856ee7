import { describe, expect, it } from 'vitest';
import { logSessionSchema, recordProbesSchema } from './schemas';

const SESSION = '11111111-1111-4111-8111-111111111111';
const GROUP = '22222222-2222-4222-8222-222222222222';
const STUDENT = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('a session log from the tablet', () => {
  const log = { sessionId: SESSION, clientId: 'client-0001', status: 'HELD' };

  it('takes minutes as numbers or decimal strings, never as booleans or other values', () => {
    expect(logSessionSchema.parse({ ...log, actualMinutes: 25 }).actualMinutes).toBe(25);
    expect(logSessionSchema.parse({ ...log, actualMinutes: ' 25 ' }).actualMinutes).toBe(25);
    for (const value of [true, false, [30], '0x1e', '1e2', { valueOf: () => 30 }]) {
      expect(issues(logSessionSchema.safeParse({ ...log, actualMinutes: value })), String(value)).toContain(
        'actualMinutes',
      );
    }
    const attendance = [{ studentId: STUDENT, status: 'PARTIAL', minutesAttended: true }];
    expect(issues(logSessionSchema.safeParse({ ...log, attendance }))).toContain('attendance.0.minutesAttended');
  });
});

describe('probe scores from the tablet', () => {
  const probes = { groupId: GROUP, clientId: 'client-0002', kind: 'PROGRESS', administeredOn: '2026-11-30' };

  it('refuses the same student twice in one entry', () => {
    const scores = [
      { studentId: STUDENT, score: 10 },
      { studentId: OTHER, score: 12 },
      { studentId: STUDENT, score: 90 },
    ];
    const result = recordProbesSchema.safeParse({ ...probes, scores });
    expect(issues(result)).toContain('scores');
    expect(result.error?.issues.find((i) => i.path[0] === 'scores')?.message).toBe('A student is listed twice.');
  });

  it('refuses impossible and out-of-range dates as a field error', () => {
    for (const administeredOn of ['2026-11-31', '0000-01-01', '9999-12-31']) {
      expect(
        issues(recordProbesSchema.safeParse({ ...probes, administeredOn, scores: [{ studentId: STUDENT, score: 1 }] })),
        administeredOn,
      ).toContain('administeredOn');
    }
    expect(
      issues(recordProbesSchema.safeParse({ ...probes, scores: [{ studentId: STUDENT, score: true }] })),
    ).toContain('scores.0.score');
  });
});
