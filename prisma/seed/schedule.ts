// Weekly schedules: which days and times a group meets, chosen so that neither
// the tutor nor any student is booked twice in the same slot.
import type { Modality } from '../../lib/generated/prisma/enums';
import type { WeeklyMeeting } from '../../lib/sessions/generate';
import type { GradeBand } from './curriculum';
import { slotKey, type Student, type Tutor } from './model';
import type { Random } from './random';

export interface WeeklyPlan {
  modality: Modality;
  room: string | null;
  meetings: WeeklyMeeting[];
}

// Slot starts 45 minutes apart, so meetings of up to 45 minutes never overlap.
const SCHOOL_DAY_SLOTS = [480, 525, 570, 615, 660, 750, 795, 840];
const AFTER_SCHOOL_SLOTS = [930, 975];

const WEEK_PATTERNS: Record<number, readonly number[][]> = {
  2: [
    [2, 4],
    [1, 3],
    [3, 5],
  ],
  3: [
    [1, 3, 5],
    [2, 3, 4],
    [1, 2, 4],
    [2, 4, 5],
    [1, 3, 4],
  ],
  4: [
    [1, 2, 3, 4],
    [1, 2, 4, 5],
    [2, 3, 4, 5],
  ],
};

const PULL_OUT_ROOMS = [
  'Library',
  'Intervention Room A',
  'Intervention Room B',
  'Reading Nook',
  'Learning Lab',
  'Conference Room',
  'Room 104',
  'Room 112',
  'Room 118',
  'Room 203',
];
const AFTER_SCHOOL_ROOMS = ['Library', 'Cafeteria, table 3', 'Learning Lab', 'Room 110'];

/** The demo tutor's week: every weekday covered at different times, plus a Saturday group. */
export const DEMO_TUTOR_WEEKS: readonly WeeklyPlan[] = [
  {
    modality: 'IN_SCHOOL_PULL_OUT',
    room: 'Library',
    meetings: [1, 3, 5].map((weekday) => ({ weekday, startMinute: 525, plannedMinutes: 30 })),
  },
  {
    modality: 'PUSH_IN',
    room: 'Room 112',
    meetings: [2, 3, 4].map((weekday) => ({ weekday, startMinute: 615, plannedMinutes: 30 })),
  },
  {
    modality: 'IN_SCHOOL_PULL_OUT',
    room: 'Intervention Room A',
    meetings: [1, 2, 4, 5].map((weekday) => ({ weekday, startMinute: 840, plannedMinutes: 20 })),
  },
  {
    modality: 'VIRTUAL',
    room: null,
    meetings: [
      { weekday: 2, startMinute: 975, plannedMinutes: 45 },
      { weekday: 6, startMinute: 600, plannedMinutes: 45 },
    ],
  },
];

/**
 * The demo tutor's week, and with \`openToday\` (browser tests, which need sessions on
 * the day they run) at least two groups meeting on today's weekday even on a weekend:
 * a group gains a meeting at its usual time where that slot is free.
 */
export function demoTutorWeeks(openToday: number | null): WeeklyPlan[] {
  const weeks = DEMO_TUTOR_WEEKS.map((plan) => ({ ...plan, meetings: [...plan.meetings] }));
  if (openToday === null) return weeks;
  const onDay = () => weeks.flatMap((plan) => plan.meetings.filter((m) => m.weekday === openToday));
  for (const plan of weeks) {
    if (weeks.filter((p) => p.meetings.some((m) => m.weekday === openToday)).length >= 2) break;
    if (plan.meetings.some((m) => m.weekday === openToday)) continue;
    const usual = plan.meetings[0]!;
    const end = usual.startMinute + usual.plannedMinutes;
    if (onDay().some((m) => m.startMinute < end && usual.startMinute < m.startMinute + m.plannedMinutes)) continue;
    plan.meetings.push({ ...usual, weekday: openToday });
  }
  return weeks;
}

function plannedMinutes(random: Random, band: GradeBand, modality: Modality): number {
  if (band.gradeMax <= 1)
    return random.weighted([
      [20, 35],
      [30, 65],
    ]);
  if (modality === 'AFTER_SCHOOL' || modality === 'VIRTUAL')
    return random.weighted([
      [30, 50],
      [45, 50],
    ]);
  return random.weighted([
    [30, 72],
    [20, 6],
    [40, 10],
    [45, 12],
  ]);
}

function roomFor(random: Random, modality: Modality): string | null {
  switch (modality) {
    case 'VIRTUAL':
      return null;
    case 'PUSH_IN':
      return `Room ${random.int(100, 130) + (random.chance(0.5) ? 100 : 0)}`;
    case 'AFTER_SCHOOL':
      return random.pick(AFTER_SCHOOL_ROOMS);
    default:
      return random.pick(PULL_OUT_ROOMS);
  }
}

/** Pass tutor null to ask about the students alone (joining a group the tutor already teaches). */
export function isFree(meetings: readonly WeeklyMeeting[], tutor: Tutor | null, students: readonly Student[]): boolean {
  return meetings.every((meeting) => {
    const key = slotKey(meeting.weekday, meeting.startMinute);
    return !tutor?.busy.has(key) && students.every((student) => !student.busy.has(key));
  });
}

export function book(meetings: readonly WeeklyMeeting[], tutor: Tutor | null, students: readonly Student[]): void {
  for (const meeting of meetings) {
    const key = slotKey(meeting.weekday, meeting.startMinute);
    tutor?.busy.add(key);
    for (const student of students) student.busy.add(key);
  }
}

export function release(meetings: readonly WeeklyMeeting[], student: Student): void {
  for (const meeting of meetings) student.busy.delete(slotKey(meeting.weekday, meeting.startMinute));
}

export function weeklyMinutes(meetings: readonly WeeklyMeeting[]): number {
  return meetings.reduce((sum, meeting) => sum + meeting.plannedMinutes, 0);
}

/** A free weekly plan for this tutor and these students, or null when their weeks are full. */
export function chooseWeeklyPlan(
  random: Random,
  band: GradeBand,
  tutor: Tutor,
  students: readonly Student[],
): WeeklyPlan | null {
  const modality = random.weighted<Modality>([
    ['IN_SCHOOL_PULL_OUT', 60],
    ['PUSH_IN', 15],
    ['AFTER_SCHOOL', 15],
    ['VIRTUAL', 10],
  ]);
  const perWeek = random.weighted([
    [3, 70],
    [2, 12],
    [4, 18],
  ]);
  const minutes = plannedMinutes(random, band, modality);
  const slots = modality === 'AFTER_SCHOOL' || modality === 'VIRTUAL' ? AFTER_SCHOOL_SLOTS : SCHOOL_DAY_SLOTS;
  const patterns = random.shuffle(WEEK_PATTERNS[perWeek] ?? []);
  for (const startMinute of random.shuffle(slots)) {
    for (const weekdays of patterns) {
      const meetings = weekdays.map((weekday) => ({ weekday, startMinute, plannedMinutes: minutes }));
      if (isFree(meetings, tutor, students)) return { modality, room: roomFor(random, modality), meetings };
    }
  }
  return null;
}
