// Suggested groups for a site's waitlist in one subject: students close in grade and
// screener level who share a free time slot, with a tutor who can take them. Greedy
// and deterministic: the highest-priority student still waiting seeds each group,
// so need decides who is grouped first. Pure; the page explains each suggestion.
import { formatMinuteOfDay, type IsoDate } from '@/lib/dates';
import { ordinal, subjectLabels, type SubjectCode } from './priority';
import {
  clashingMeetings,
  gradeBandLabel,
  gradeLabel,
  spansOverlap,
  weeklyMinutes,
  type Commitment,
  type DateSpan,
  type Meeting,
} from './rules';

export interface SuggestStudent {
  id: string;
  name: string;
  grade: number;
  percentile: number;
  rank: number;
  commitments: readonly Commitment[];
}

export interface SuggestTutor {
  id: string;
  name: string;
  subjects: readonly SubjectCode[];
  gradeMin: number;
  gradeMax: number;
  capacityGroups: number | null;
  capacityMinutesPerWeek: number | null;
  commitments: readonly Commitment[];
}

export interface SlotPattern {
  weekdays: readonly number[];
  startMinute: number;
  plannedMinutes: number;
}

export interface Suggestion {
  key: string;
  name: string;
  subject: SubjectCode;
  gradeMin: number;
  gradeMax: number;
  students: SuggestStudent[];
  tutor: { id: string; name: string };
  meetings: Meeting[];
  explanation: string;
}

/** Screener levels: students are grouped with others at about the same level of need. */
export function levelOf(percentile: number): 0 | 1 | 2 {
  return percentile < 10 ? 0 : percentile < 25 ? 1 : 2;
}

const LEVEL_WORDS = [
  'well below grade level (under the 10th percentile)',
  'below grade level (10th–24th percentile)',
  'approaching grade level (25th percentile and up)',
];
const DAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function meetingsOf(pattern: SlotPattern): Meeting[] {
  return pattern.weekdays.map((weekday) => ({
    weekday,
    startMinute: pattern.startMinute,
    plannedMinutes: pattern.plannedMinutes,
  }));
}

export function patternLabel(pattern: SlotPattern): string {
  return `${pattern.weekdays.map((d) => DAY[d]).join('/')} ${formatMinuteOfDay(pattern.startMinute)}`;
}

function isFree(commitments: readonly Commitment[], meetings: Meeting[], span: DateSpan): boolean {
  return commitments.every((c) => !spansOverlap(span, c) || clashingMeetings(meetings, c.meetings) === null);
}

function tutorHasRoom(tutor: SuggestTutor, meetings: Meeting[], span: DateSpan): boolean {
  const current = tutor.commitments.filter((c) => spansOverlap(span, c));
  if (tutor.capacityGroups !== null && current.length + 1 > tutor.capacityGroups) return false;
  const minutes = current.reduce((sum, c) => sum + weeklyMinutes(c.meetings), 0) + weeklyMinutes(meetings);
  return tutor.capacityMinutesPerWeek === null || minutes <= tutor.capacityMinutesPerWeek;
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function suggestGroups(input: {
  subject: SubjectCode;
  /** The waitlist in priority order. */
  students: readonly SuggestStudent[];
  tutors: readonly SuggestTutor[];
  patterns: readonly SlotPattern[];
  maxGroupSize: number;
  span: DateSpan;
  limit?: number;
}): Suggestion[] {
  const { subject, patterns, maxGroupSize, span } = input;
  const waiting = [...input.students].sort((a, b) => a.rank - b.rank);
  const tutors = input.tutors.map((t) => ({ ...t, commitments: [...t.commitments] }));
  const used = new Set<string>();
  const suggestions: Suggestion[] = [];

  for (const seed of waiting) {
    if (suggestions.length >= (input.limit ?? 8)) break;
    if (used.has(seed.id)) continue;
    // Same level of need; the seed's grade or the next one (a two-grade band at most).
    const peers = waiting.filter(
      (s) => !used.has(s.id) && s.id !== seed.id && levelOf(s.percentile) === levelOf(seed.percentile),
    );
    const bands = [
      [seed.grade, seed.grade + 1],
      [seed.grade - 1, seed.grade],
    ] as const;
    let best: {
      band: readonly [number, number];
      pattern: SlotPattern;
      members: SuggestStudent[];
      tutor: (typeof tutors)[number];
    } | null = null;
    for (const band of bands) {
      const inBand = peers.filter((s) => s.grade >= band[0] && s.grade <= band[1]);
      for (const pattern of patterns) {
        const meetings = meetingsOf(pattern);
        if (!isFree(seed.commitments, meetings, span)) continue;
        const free = inBand.filter((s) => isFree(s.commitments, meetings, span)).slice(0, maxGroupSize - 1);
        if (free.length === 0) continue;
        const grades = [seed, ...free].map((s) => s.grade);
        const [lo, hi] = [Math.min(...grades), Math.max(...grades)];
        const tutor = tutors
          .filter((t) => t.subjects.includes(subject) && t.gradeMin <= lo && t.gradeMax >= hi)
          .filter((t) => isFree(t.commitments, meetings, span) && tutorHasRoom(t, meetings, span))
          .sort((a, b) => a.commitments.length - b.commitments.length || a.name.localeCompare(b.name))[0];
        if (!tutor) continue;
        if (!best || free.length + 1 > best.members.length) best = { band, pattern, members: [seed, ...free], tutor };
        if (best.members.length === maxGroupSize) break;
      }
      if (best?.members.length === maxGroupSize) break;
    }
    if (!best) continue;
    const { pattern, members, tutor } = best;
    const meetings = meetingsOf(pattern);
    const grades = members.map((s) => s.grade);
    const [gradeMin, gradeMax] = [Math.min(...grades), Math.max(...grades)];
    for (const m of members) used.add(m.id);
    tutor.commitments.push({
      groupId: `suggested-${suggestions.length}`,
      groupName: 'a suggested group',
      subject,
      meetings,
      startDate: span.startDate,
      endDate: span.endDate,
    });
    const percentiles = members.map((s) => s.percentile);
    const load =
      tutor.capacityGroups === null
        ? ''
        : ` (${tutor.commitments.filter((c) => spansOverlap(span, c)).length} of ${tutor.capacityGroups} groups with this one)`;
    suggestions.push({
      key: members.map((s) => s.id).join('+'),
      name: `${subjectLabels[subject]} ${gradeMin === gradeMax ? `G${gradeLabel(gradeMin)}` : `G${gradeLabel(gradeMin)}–${gradeLabel(gradeMax)}`} · ${patternLabel(pattern)}`,
      subject,
      gradeMin,
      gradeMax,
      students: members,
      tutor: { id: tutor.id, name: tutor.name },
      meetings,
      explanation:
        `${members.length} students in ${gradeBandLabel(gradeMin, gradeMax)}, ${LEVEL_WORDS[levelOf(seed.percentile)]} ` +
        `(${subjectLabels[subject]} screener ${ordinal(Math.min(...percentiles))}–${ordinal(Math.max(...percentiles))} percentile; ` +
        `priorities ${list(members.map((s) => String(s.rank)))}), all free ${patternLabel(pattern)}; ` +
        `${tutor.name} teaches ${subjectLabels[subject]} at these grades and is free then${load}.`,
    });
  }
  return suggestions;
}

/** Meeting times to try: the site's own group start times, and common school-day slots. */
export function candidatePatterns(existingStarts: readonly number[], plannedMinutes: number): SlotPattern[] {
  const starts = [...new Set([...existingStarts, 8 * 60 + 30, 10 * 60, 13 * 60, 14 * 60 + 30])].sort((a, b) => a - b);
  const dayPlans = [
    [1, 3, 5],
    [2, 4, 5],
    [1, 2, 4],
  ];
  return dayPlans.flatMap((weekdays) => starts.map((startMinute) => ({ weekdays, startMinute, plannedMinutes })));
}

/** An existing group as seat-fitting sees it. */
export interface SeatGroup {
  id: string;
  name: string;
  gradeMin: number;
  gradeMax: number;
  meetings: readonly Meeting[];
  seatsTaken: number;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface SeatFit {
  group: SeatGroup;
  /** Free seats before these students. */
  seats: number;
  /** The waiting students who fit, in priority order (at most `seats`). */
  students: SuggestStudent[];
}

/**
 * Free seats first: each waiting student, in priority order, takes a free seat in an
 * existing group of the subject whose grade band includes them and whose meetings they
 * are free for (from `from`, or the group's start if later); the fullest group first,
 * so groups fill up rather than several staying small. Groups no student fits are left
 * out. Pure.
 */
export function fitOpenSeats(input: {
  groups: readonly SeatGroup[];
  /** The waitlist of the subject. */
  students: readonly SuggestStudent[];
  maxGroupSize: number;
  from: IsoDate;
}): SeatFit[] {
  const fits = input.groups
    .filter((g) => g.seatsTaken < input.maxGroupSize && g.endDate >= input.from)
    .map((group) => ({ group, seats: input.maxGroupSize - group.seatsTaken, students: [] as SuggestStudent[] }));
  for (const student of [...input.students].sort((a, b) => a.rank - b.rank)) {
    const fit = fits
      .filter(
        (f) =>
          f.students.length < f.seats &&
          student.grade >= f.group.gradeMin &&
          student.grade <= f.group.gradeMax &&
          isFree(student.commitments, [...f.group.meetings], {
            startDate: f.group.startDate > input.from ? f.group.startDate : input.from,
            endDate: f.group.endDate,
          }),
      )
      .sort(
        (a, b) =>
          b.group.seatsTaken + b.students.length - (a.group.seatsTaken + a.students.length) ||
          a.group.name.localeCompare(b.group.name),
      )[0];
    fit?.students.push(student);
  }
  return fits.filter((f) => f.students.length > 0);
}
