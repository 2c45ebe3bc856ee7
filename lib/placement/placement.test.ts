import { describe, expect, it } from 'vitest';
import { eligibilityReason, ordinal, rankByPriority, waitlistReason } from './priority';
import {
  checkOwnMeetings,
  checkPlacement,
  checkTutorAssignment,
  clashingMeetings,
  spansOverlap,
  type Commitment,
  type PlacementGroup,
} from './rules';

const candidate = (sisId: string, percentile: number, referredOn: string | null = null) => ({
  studentId: sisId,
  sisId,
  percentile,
  referredOn: referredOn as `${number}-${number}-${number}` | null,
});

describe('placement priority', () => {
  it('puts the lowest percentile first, then the earlier referral, then the SIS id', () => {
    const ranked = rankByPriority([
      candidate('S4', 30, '2026-09-01'),
      candidate('S2', 12, null),
      candidate('S3', 12, '2026-09-10'),
      candidate('S1', 12, '2026-09-02'),
      candidate('S5', 12, null),
    ]);
    expect(ranked.map((r) => [r.candidate.sisId, r.rank, r.total])).toEqual([
      ['S1', 1, 5],
      ['S3', 2, 5],
      ['S2', 3, 5],
      ['S5', 4, 5],
      ['S4', 5, 5],
    ]);
  });

  it('states the reason in words', () => {
    expect(waitlistReason('MATH', 12, 3, 41)).toBe('Math screener 12th percentile — priority 3 of 41');
    expect(waitlistReason('ELA', 1, 1, 1)).toBe('ELA screener 1st percentile — priority 1 of 1');
    expect(eligibilityReason('MATH', 55, 40)).toBe(
      'Math screener 55th percentile — not eligible (the threshold is below the 40th)',
    );
    expect(eligibilityReason('ELA', null, 40)).toBe('No ELA screener result yet');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
});

const monWed330 = [
  { weekday: 1, startMinute: 15 * 60 + 30, plannedMinutes: 30 },
  { weekday: 3, startMinute: 15 * 60 + 30, plannedMinutes: 30 },
];

const group: PlacementGroup = {
  id: 'g1',
  name: 'Math 3A',
  subject: 'MATH',
  gradeMin: 3,
  gradeMax: 4,
  meetings: monWed330,
  startDate: '2026-09-14',
  endDate: '2026-12-18',
  seatsTaken: 2,
};

const commitment = (overrides: Partial<Commitment>): Commitment => ({
  groupId: 'g9',
  groupName: 'ELA 3B',
  subject: 'ELA',
  meetings: [{ weekday: 1, startMinute: 15 * 60 + 45, plannedMinutes: 30 }],
  startDate: '2026-09-14',
  endDate: null,
  ...overrides,
});

const student = { name: 'Ana', grade: 3, eligibleSubjects: ['MATH'] as const, commitments: [] as Commitment[] };

describe('placement rules', () => {
  it('lets an eligible student into a group with a free seat', () => {
    expect(checkPlacement({ student, group, startDate: '2026-10-01', maxGroupSize: 4 })).toEqual({
      blocks: [],
      warnings: [],
    });
  });

  it('blocks a full group, a second placement in the subject, a time clash and dates outside the group', () => {
    const full = checkPlacement({
      student,
      group: { ...group, seatsTaken: 4 },
      startDate: '2026-10-01',
      maxGroupSize: 4,
    });
    expect(full.blocks.map((b) => b.message)).toEqual(['Math 3A is full: 4 of 4 seats are taken.']);

    const twice = checkPlacement({
      student: { ...student, commitments: [commitment({ subject: 'MATH', groupName: 'Math 3B' })] },
      group,
      startDate: '2026-10-01',
      maxGroupSize: 4,
    });
    expect(twice.blocks.map((b) => b.rule)).toEqual(['same_subject']);

    const clash = checkPlacement({
      student: { ...student, commitments: [commitment({})] },
      group,
      startDate: '2026-10-01',
      maxGroupSize: 4,
    });
    expect(clash.blocks.map((b) => b.message)).toEqual([
      'Ana meets with ELA 3B at the same time (Monday 3:45 PM–4:15 PM).',
    ]);

    const outside = checkPlacement({ student, group, startDate: '2027-01-05', maxGroupSize: 4 });
    expect(outside.blocks.map((b) => b.rule)).toEqual(['dates']);
  });

  it('ignores placements that ended before the new one starts, and the group being left when moving', () => {
    const ended = commitment({ subject: 'MATH', endDate: '2026-09-30' });
    expect(
      checkPlacement({ student: { ...student, commitments: [ended] }, group, startDate: '2026-10-01', maxGroupSize: 4 })
        .blocks,
    ).toEqual([]);
    const moving = commitment({ subject: 'MATH', groupId: 'g-old' });
    expect(
      checkPlacement({
        student: { ...student, commitments: [moving] },
        group,
        startDate: '2026-10-01',
        maxGroupSize: 4,
        ignoreGroupId: 'g-old',
      }).blocks,
    ).toEqual([]);
  });

  it('warns (not blocks) about grade band and missing screened need', () => {
    const verdict = checkPlacement({
      student: { ...student, grade: 5, eligibleSubjects: ['ELA'] },
      group,
      startDate: '2026-10-01',
      maxGroupSize: 4,
    });
    expect(verdict.blocks).toEqual([]);
    expect(verdict.warnings.map((w) => w.rule)).toEqual(['grade_band', 'subject_need']);
    expect(verdict.warnings[0]!.message).toBe('Ana is in grade 5; the group is for grades 3–4.');
  });

  it('finds clashes only on the same weekday when times overlap', () => {
    expect(clashingMeetings(monWed330, [{ weekday: 2, startMinute: 15 * 60 + 30, plannedMinutes: 30 }])).toBeNull();
    expect(clashingMeetings(monWed330, [{ weekday: 1, startMinute: 16 * 60, plannedMinutes: 30 }])).toBeNull(); // back to back
    expect(clashingMeetings(monWed330, [{ weekday: 3, startMinute: 15 * 60 + 59, plannedMinutes: 5 }])).not.toBeNull();
    expect(
      spansOverlap({ startDate: '2026-09-01', endDate: '2026-09-30' }, { startDate: '2026-09-30', endDate: null }),
    ).toBe(true);
    expect(
      spansOverlap({ startDate: '2026-09-01', endDate: '2026-09-29' }, { startDate: '2026-09-30', endDate: null }),
    ).toBe(false);
    expect(
      checkOwnMeetings([...monWed330, { weekday: 1, startMinute: 15 * 60 + 40, plannedMinutes: 30 }]),
    ).toHaveLength(1);
  });

  it('checks a tutor for clashes, capacity, subjects and grades', () => {
    const tutor = {
      name: 'Tess',
      subjects: ['ELA'] as const,
      gradeMin: 0,
      gradeMax: 3,
      capacityGroups: 1,
      capacityMinutesPerWeek: 60,
      commitments: [commitment({ meetings: [{ weekday: 3, startMinute: 15 * 60, plannedMinutes: 45 }] })],
    };
    const verdict = checkTutorAssignment(tutor, group);
    expect(verdict.blocks.map((b) => b.message)).toEqual([
      'Tess teaches ELA 3B at the same time (Wednesday 3:00 PM–3:45 PM).',
    ]);
    expect(verdict.warnings.map((w) => w.message)).toEqual([
      'Tess would have 2 groups; their capacity is 1.',
      'Tess would tutor 105 minutes a week; their capacity is 60.',
      'Tess is not listed for Math.',
      'Tess tutors grades K–3; the group is grades 3–4.',
    ]);
    // The group being edited is not a clash with itself.
    expect(
      checkTutorAssignment({ ...tutor, commitments: [commitment({ groupId: 'g1', meetings: monWed330 })] }, group)
        .blocks,
    ).toEqual([]);
  });
});
