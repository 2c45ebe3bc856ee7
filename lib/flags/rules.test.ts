import { describe, expect, it } from 'vitest';
import { aimOn, belowAimStreak, studentFlags, trailingAbsences } from './rules';

const policy = {
  today: '2026-11-23',
  consecutiveAbsences: 3,
  doseRatePercent: 70,
  doseWindowWeeks: 4,
  noProbeWeeks: 6,
  probesBelowAim: 3,
};
const aim = { start: '2026-09-14', pre: 10, goalDate: '2026-12-14', goal: 40 };

describe('early-warning flags', () => {
  it('counts absences at the end only', () => {
    expect(trailingAbsences(['ABSENT_EXCUSED', 'PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED'])).toBe(2);
    expect(trailingAbsences(['PRESENT', 'PARTIAL'])).toBe(0);
  });

  it('draws the aim line from the pre score to the goal', () => {
    expect(aimOn('2026-09-14', aim)).toBe(10);
    expect(aimOn('2026-12-14', aim)).toBe(40);
    expect(aimOn('2026-10-29', aim)).toBeCloseTo(25, 0);
    expect(aimOn('2027-01-10', aim)).toBe(40); // after the goal date the aim stays at the goal
  });

  it('counts scores below the aim line at the end', () => {
    const scores = [
      { date: '2026-10-01', score: 30 }, // above
      { date: '2026-10-15', score: 15 },
      { date: '2026-10-29', score: 20 },
      { date: '2026-11-12', score: 24 },
    ];
    expect(belowAimStreak(scores, aim)).toBe(3);
  });

  it('counts scores above the aim line on a measure where lower is better', () => {
    const down = { start: '2026-09-14', pre: 40, goalDate: '2026-12-14', goal: 10, lowerIsBetter: true };
    const scores = [
      { date: '2026-10-01', score: 20 }, // under the line: ahead
      { date: '2026-10-15', score: 38 },
      { date: '2026-10-29', score: 30 },
    ];
    expect(belowAimStreak(scores, down)).toBe(2);
    // Read as higher-is-better, the last score would count as ahead.
    expect(belowAimStreak(scores, { ...down, lowerIsBetter: false })).toBe(0);
  });

  it('flags each warning with the evidence in words, and nothing for a student on track', () => {
    const onTrack = {
      attendance: ['PRESENT'],
      dose: { scheduled: 360, delivered: 330 },
      placedOn: '2026-09-14',
      lastProbeOn: '2026-11-16',
      aim,
      progress: [{ date: '2026-11-16', score: 35 }],
    };
    expect(studentFlags(onTrack, policy)).toEqual([]);
    const struggling = {
      attendance: ['PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED'],
      dose: { scheduled: 360, delivered: 180 },
      placedOn: '2026-09-14',
      lastProbeOn: '2026-10-05',
      aim,
      progress: [
        { date: '2026-09-21', score: 9 },
        { date: '2026-09-28', score: 10 },
        { date: '2026-10-05', score: 11 },
      ],
    };
    expect(studentFlags(struggling, policy).map((f) => f.message)).toEqual([
      'Absent the last 3 sessions in a row',
      'Dose 50% over the last 4 weeks (180 of 360 min)',
      'No probe since 2026-10-05',
      'Last 3 scores below the aim line: the intervention may need changing',
    ]);
    // Placed five weeks ago with no probe yet: not flagged until six weeks have passed.
    expect(studentFlags({ ...onTrack, placedOn: '2026-10-19', lastProbeOn: null, progress: [] }, policy)).toEqual([]);
    expect(
      studentFlags({ ...onTrack, placedOn: '2026-10-12', lastProbeOn: null, progress: [] }, policy).map((f) => f.kind),
    ).toEqual(['no_probe']);
  });
});
