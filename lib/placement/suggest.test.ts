import { describe, expect, it } from 'vitest';
import type { Commitment } from './rules';
import {
  candidatePatterns,
  fitOpenSeats,
  levelOf,
  suggestGroups,
  type SeatGroup,
  type SuggestStudent,
  type SuggestTutor,
} from './suggest';

const span = { startDate: '2026-12-01', endDate: '2026-12-18' };
const mwf830 = { weekdays: [1, 3, 5], startMinute: 510, plannedMinutes: 30 };
const tth10 = { weekdays: [2, 4, 5], startMinute: 600, plannedMinutes: 30 };

const busy = (weekday: number, startMinute: number): Commitment => ({
  groupId: `g${weekday}${startMinute}`,
  groupName: 'ELA group',
  subject: 'ELA',
  meetings: [{ weekday, startMinute, plannedMinutes: 30 }],
  startDate: '2026-09-01',
  endDate: null,
});

let rank = 0;
const s = (name: string, grade: number, percentile: number, commitments: Commitment[] = []): SuggestStudent => ({
  id: name,
  name,
  grade,
  percentile,
  rank: ++rank,
  commitments,
});

const tutor = (name: string, extra: Partial<SuggestTutor> = {}): SuggestTutor => ({
  id: name,
  name,
  subjects: ['MATH'],
  gradeMin: 0,
  gradeMax: 5,
  capacityGroups: 5,
  capacityMinutesPerWeek: null,
  commitments: [],
  ...extra,
});

describe('suggested groups', () => {
  it('groups students of the same level and near grades who share a free slot, seeded by priority', () => {
    rank = 0;
    const students = [
      s('Ana', 3, 5),
      s('Ben', 3, 8),
      s('Cy', 4, 7, [busy(1, 510)]),
      s('Di', 3, 30),
      s('Ed', 4, 9),
      s('Flo', 3, 6),
    ];
    const [first, second, ...rest] = suggestGroups({
      subject: 'MATH',
      students,
      tutors: [tutor('Tess')],
      patterns: [mwf830, tth10],
      maxGroupSize: 4,
      span,
    });
    // Cy is busy Monday 8:30, so the first slot holds Ana, Ben, Ed and Flo; Cy is left for the next.
    expect(first!.students.map((x) => x.name)).toEqual(['Ana', 'Ben', 'Ed', 'Flo']);
    expect(first!.meetings.map((m) => m.weekday)).toEqual([1, 3, 5]);
    expect(first!.explanation).toBe(
      '4 students in grades 3–4, well below grade level (under the 10th percentile) (Math screener 5th–9th percentile; priorities 1, 2, 5 and 6), all free Mon/Wed/Fri 8:30 AM; Tess teaches Math at these grades and is free then (1 of 5 groups with this one).',
    );
    // Di is at another level and alone there: no group of one is suggested.
    expect(second).toBeUndefined();
    expect(rest).toEqual([]);
  });

  it('never gives a tutor two groups at once or more than their capacity, and skips tutors without the subject or grades', () => {
    rank = 0;
    const students = [s('A', 2, 5), s('B', 2, 6), s('C', 2, 7), s('D', 2, 8), s('E', 2, 3), s('F', 2, 4)];
    const tutors = [
      tutor('Elle', { subjects: ['ELA'] }),
      tutor('Kim', { gradeMin: 3 }),
      tutor('Tess', { capacityGroups: 1 }),
    ];
    const result = suggestGroups({
      subject: 'MATH',
      students,
      tutors,
      patterns: [mwf830, tth10],
      maxGroupSize: 4,
      span,
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.tutor.name).toBe('Tess');
    const two = suggestGroups({
      subject: 'MATH',
      students,
      tutors: [tutor('Tess')],
      patterns: [mwf830, tth10],
      maxGroupSize: 4,
      span,
    });
    expect(two.map((g) => g.meetings[0]!.startMinute)).toEqual([510, 600]);
    expect(two.flatMap((g) => g.students.map((x) => x.name)).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('sorts screener levels and offers common slots', () => {
    expect([3, 9, 10, 24, 25, 39].map(levelOf)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(candidatePatterns([900], 30)).toHaveLength(15);
  });
});

describe('free seats first', () => {
  const group = (name: string, seatsTaken: number, extra: Partial<SeatGroup> = {}): SeatGroup => ({
    id: name,
    name,
    gradeMin: 3,
    gradeMax: 4,
    meetings: [
      { weekday: 1, startMinute: 510, plannedMinutes: 30 },
      { weekday: 3, startMinute: 510, plannedMinutes: 30 },
    ],
    seatsTaken,
    startDate: '2026-09-01',
    endDate: '2026-12-18',
    ...extra,
  });

  it('seats waiting students by priority in groups whose grades and times fit, fullest group first', () => {
    rank = 0;
    const students = [
      s('Ana', 3, 5),
      s('Ben', 5, 8), // no group teaches grade 5
      s('Cy', 4, 7, [busy(3, 510)]), // busy when A and B meet
      s('Di', 3, 30),
      s('Ed', 4, 9),
    ];
    const fits = fitOpenSeats({
      groups: [
        group('A', 2),
        group('B', 3),
        group('C', 1, { meetings: [{ weekday: 2, startMinute: 600, plannedMinutes: 30 }] }),
        group('Full', 4),
        group('Over', 1, { endDate: '2026-11-30' }),
      ],
      students,
      maxGroupSize: 4,
      from: '2026-12-01',
    });
    expect(fits.map((f) => [f.group.name, f.seats, f.students.map((x) => x.name)])).toEqual([
      ['A', 2, ['Di', 'Ed']],
      ['B', 1, ['Ana']],
      ['C', 3, ['Cy']],
    ]);
  });

  it('leaves out groups nobody fits', () => {
    rank = 0;
    expect(
      fitOpenSeats({ groups: [group('A', 1)], students: [s('Ana', 1, 5)], maxGroupSize: 4, from: '2026-12-01' }),
    ).toEqual([]);
  });
});
