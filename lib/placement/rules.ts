// The placement and scheduling rules, as pure functions: the group builder shows
// their verdicts before anything is saved, and the server actions apply the same
// verdicts again inside the transaction that writes. (The database backs up the
// ones that must never be wrong: size limit and overlapping memberships.)
import { daysBetween, formatMinuteOfDay, weekdayName, weekStart } from '@/lib/dates';
import type { IsoDate } from '@/lib/dates';
import { subjectLabels, type SubjectCode } from './priority';

export interface Meeting {
  weekday: number; // 1 = Monday … 7 = Sunday
  startMinute: number;
  plannedMinutes: number;
}

export interface DateSpan {
  startDate: IsoDate;
  endDate: IsoDate | null; // null = open-ended
}

/** Another group someone already belongs to (a student) or teaches (a tutor). */
export interface Commitment extends DateSpan {
  groupId: string;
  groupName: string;
  subject: SubjectCode;
  meetings: readonly Meeting[];
}

export type RuleId =
  | 'group_full'
  | 'grade_band'
  | 'subject_need'
  | 'same_subject'
  | 'student_time_conflict'
  | 'tutor_time_conflict'
  | 'tutor_capacity'
  | 'tutor_subject'
  | 'tutor_grades'
  | 'program_standard'
  | 'tutor_clearance'
  | 'measure_change'
  | 'dates';

export interface RuleIssue {
  rule: RuleId;
  /** A block cannot be overridden; a warning needs the coordinator to confirm. */
  severity: 'block' | 'warning';
  message: string;
}

export interface Verdict {
  blocks: RuleIssue[];
  warnings: RuleIssue[];
}

export function describeMeeting(meeting: Meeting): string {
  return `${weekdayName(meeting.weekday)} ${formatMinuteOfDay(meeting.startMinute)}–${formatMinuteOfDay(meeting.startMinute + meeting.plannedMinutes)}`;
}

export function gradeLabel(grade: number): string {
  return grade === -1 ? 'PK' : grade === 0 ? 'K' : String(grade);
}

export function gradeBandLabel(min: number, max: number): string {
  return min === max ? `grade ${gradeLabel(min)}` : `grades ${gradeLabel(min)}–${gradeLabel(max)}`;
}

export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  const aEnd = a.endDate ?? '9999-12-31';
  const bEnd = b.endDate ?? '9999-12-31';
  return a.startDate <= bEnd && b.startDate <= aEnd;
}

/** The first pair of weekly meetings that take place at the same time, if any. */
export function clashingMeetings(a: readonly Meeting[], b: readonly Meeting[]): [Meeting, Meeting] | null {
  for (const x of a) {
    for (const y of b) {
      if (x.weekday !== y.weekday) continue;
      if (x.startMinute < y.startMinute + y.plannedMinutes && y.startMinute < x.startMinute + x.plannedMinutes)
        return [x, y];
    }
  }
  return null;
}

function verdict(issues: RuleIssue[]): Verdict {
  return {
    blocks: issues.filter((i) => i.severity === 'block'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}

export interface PlacementGroup extends DateSpan {
  id: string;
  name: string;
  subject: SubjectCode;
  gradeMin: number;
  gradeMax: number;
  meetings: readonly Meeting[];
  /** Students placed on the start date of the new placement (or later, at the peak). */
  seatsTaken: number;
}

export interface PlacementStudent {
  name: string;
  grade: number;
  /** Subjects where the student's screener makes them eligible. */
  eligibleSubjects: readonly SubjectCode[];
  /** Their other placements that are current on or after the new start date. */
  commitments: readonly Commitment[];
}

/** May this student join this group from this date? */
export function checkPlacement(input: {
  student: PlacementStudent;
  group: PlacementGroup;
  startDate: IsoDate;
  maxGroupSize: number;
  /** When moving between groups: the membership being closed does not count. */
  ignoreGroupId?: string;
}): Verdict {
  const { student, group, startDate, maxGroupSize } = input;
  const issues: RuleIssue[] = [];
  const span: DateSpan = { startDate, endDate: group.endDate };
  if (group.endDate !== null && (startDate < group.startDate || startDate > group.endDate)) {
    issues.push({
      rule: 'dates',
      severity: 'block',
      message: `The start date must fall within the group's dates (${group.startDate} to ${group.endDate}).`,
    });
  }
  if (group.seatsTaken >= maxGroupSize) {
    issues.push({
      rule: 'group_full',
      severity: 'block',
      message: `${group.name} is full: ${group.seatsTaken} of ${maxGroupSize} seats are taken.`,
    });
  }
  for (const other of student.commitments) {
    if (other.groupId === group.id || other.groupId === input.ignoreGroupId || !spansOverlap(span, other)) continue;
    if (other.subject === group.subject) {
      issues.push({
        rule: 'same_subject',
        severity: 'block',
        message: `${student.name} is already placed in ${subjectLabels[other.subject]} (${other.groupName}). Move them instead of placing them twice.`,
      });
      continue;
    }
    const clash = clashingMeetings(group.meetings, other.meetings);
    if (clash) {
      issues.push({
        rule: 'student_time_conflict',
        severity: 'block',
        message: `${student.name} meets with ${other.groupName} at the same time (${describeMeeting(clash[1])}).`,
      });
    }
  }
  if (student.grade < group.gradeMin || student.grade > group.gradeMax) {
    issues.push({
      rule: 'grade_band',
      severity: 'warning',
      message: `${student.name} is in grade ${gradeLabel(student.grade)}; the group is for ${gradeBandLabel(group.gradeMin, group.gradeMax)}.`,
    });
  }
  if (!student.eligibleSubjects.includes(group.subject)) {
    issues.push({
      rule: 'subject_need',
      severity: 'warning',
      message: `${student.name} has no screened need in ${subjectLabels[group.subject]}: eligible students waiting should come first.`,
    });
  }
  return verdict(issues);
}

export interface TutorForGroup {
  name: string;
  subjects: readonly SubjectCode[];
  gradeMin: number;
  gradeMax: number;
  capacityGroups: number | null;
  capacityMinutesPerWeek: number | null;
  /** The tutor's other active groups. */
  commitments: readonly Commitment[];
}

export interface GroupPlan extends DateSpan {
  id?: string;
  subject: SubjectCode;
  gradeMin: number;
  gradeMax: number;
  meetings: readonly Meeting[];
}

export const weeklyMinutes = (meetings: readonly Meeting[]): number =>
  meetings.reduce((sum, m) => sum + m.plannedMinutes, 0);

/** A tutor and their profile as the rules see them, with their other groups. */
export function tutorForRules(
  tutor: {
    name: string;
    tutorProfile: {
      subjects: readonly string[];
      gradeMin: number;
      gradeMax: number;
      capacityGroups: number | null;
      capacityMinutesPerWeek: number | null;
    };
  },
  commitments: readonly Commitment[],
): TutorForGroup {
  const p = tutor.tutorProfile;
  return {
    name: tutor.name,
    subjects: p.subjects as SubjectCode[],
    gradeMin: p.gradeMin,
    gradeMax: p.gradeMax,
    capacityGroups: p.capacityGroups,
    capacityMinutesPerWeek: p.capacityMinutesPerWeek,
    commitments,
  };
}

/** May this tutor teach this group (new, or with a changed schedule)? */
export function checkTutorAssignment(tutor: TutorForGroup, group: GroupPlan): Verdict {
  const issues: RuleIssue[] = [];
  const others = tutor.commitments.filter((c) => c.groupId !== group.id && spansOverlap(group, c));
  for (const other of others) {
    const clash = clashingMeetings(group.meetings, other.meetings);
    if (clash) {
      issues.push({
        rule: 'tutor_time_conflict',
        severity: 'block',
        message: `${tutor.name} teaches ${other.groupName} at the same time (${describeMeeting(clash[1])}).`,
      });
    }
  }
  if (tutor.capacityGroups !== null && others.length + 1 > tutor.capacityGroups) {
    issues.push({
      rule: 'tutor_capacity',
      severity: 'warning',
      message: `${tutor.name} would have ${others.length + 1} groups; their capacity is ${tutor.capacityGroups}.`,
    });
  }
  if (tutor.capacityMinutesPerWeek !== null) {
    const load = others.reduce((sum, c) => sum + weeklyMinutes(c.meetings), 0) + weeklyMinutes(group.meetings);
    if (load > tutor.capacityMinutesPerWeek) {
      issues.push({
        rule: 'tutor_capacity',
        severity: 'warning',
        message: `${tutor.name} would tutor ${load} minutes a week; their capacity is ${tutor.capacityMinutesPerWeek}.`,
      });
    }
  }
  issues.push(...checkTutorFit(tutor, group));
  return verdict(issues);
}

/** Does the tutor teach this group's subject and grades? Warnings, for a primary tutor and a substitute alike. */
export function checkTutorFit(
  tutor: Pick<TutorForGroup, 'name' | 'subjects' | 'gradeMin' | 'gradeMax'>,
  group: Pick<GroupPlan, 'subject' | 'gradeMin' | 'gradeMax'>,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!tutor.subjects.includes(group.subject)) {
    issues.push({
      rule: 'tutor_subject',
      severity: 'warning',
      message: `${tutor.name} is not listed for ${subjectLabels[group.subject]}.`,
    });
  }
  if (group.gradeMin < tutor.gradeMin || group.gradeMax > tutor.gradeMax) {
    issues.push({
      rule: 'tutor_grades',
      severity: 'warning',
      message: `${tutor.name} tutors ${gradeBandLabel(tutor.gradeMin, tutor.gradeMax)}; the group is ${gradeBandLabel(group.gradeMin, group.gradeMax)}.`,
    });
  }
  return issues;
}

/**
 * A group's plan against the program standard (DOMAIN.md, Policy): weekly minutes under
 * the target, or dates spanning fewer weeks than the standard's minimum. Warnings: a
 * short summer group may be meant, but it is said before the group is made.
 */
export function checkGroupPlan(
  group: { meetings: readonly Meeting[]; startDate: IsoDate; endDate: IsoDate },
  policy: { targetMinutesPerWeek: number; minProgramWeeks: number },
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const minutes = weeklyMinutes(group.meetings);
  if (minutes < policy.targetMinutesPerWeek) {
    issues.push({
      rule: 'program_standard',
      severity: 'warning',
      message: `The schedule gives ${minutes} minutes a week; the program's target is ${policy.targetMinutesPerWeek}.`,
    });
  }
  const weeks = daysBetween(weekStart(group.startDate), weekStart(group.endDate)) / 7 + 1;
  if (weeks < policy.minProgramWeeks) {
    issues.push({
      rule: 'program_standard',
      severity: 'warning',
      message: `The group's dates span ${weeks} week${weeks === 1 ? '' : 's'}; the program standard asks for at least ${policy.minProgramWeeks}.`,
    });
  }
  return issues;
}

/** A tutor's clearance as the rules read it (tutor_profile.credentialStatus and credentialExpiresOn). */
export interface Clearance {
  status: 'PENDING' | 'IN_TRAINING' | 'CLEARED' | 'EXPIRED';
  expiresOn: IsoDate | null;
}

/**
 * May this tutor teach from `from` (as primary tutor or substitute)? Not while their
 * clearance is pending, expired, or lapses by then: a block, whatever the coordinator
 * confirms. A clearance that lapses before `through` (the group's end) is a warning.
 * Tutors in training teach, as the district's onboarding has them do.
 */
export function checkClearance(name: string, clearance: Clearance, from: IsoDate, through: IsoDate): RuleIssue[] {
  const { status, expiresOn } = clearance;
  if (status === 'PENDING')
    return [{ rule: 'tutor_clearance', severity: 'block', message: `${name}'s clearance is still pending.` }];
  if (status === 'EXPIRED' || (expiresOn !== null && expiresOn < from))
    return [
      {
        rule: 'tutor_clearance',
        severity: 'block',
        message: `${name}'s clearance ${expiresOn ? `expired on ${expiresOn}` : 'has expired'}: renew it before they teach.`,
      },
    ];
  if (expiresOn !== null && expiresOn < through)
    return [
      {
        rule: 'tutor_clearance',
        severity: 'warning',
        message: `${name}'s clearance expires on ${expiresOn}, before ${through}.`,
      },
    ];
  return [];
}

/** A tutor profile's clearance fields as the rules read them. */
export function clearanceOf(profile: {
  credentialStatus: Clearance['status'];
  credentialExpiresOn: Date | null;
}): Clearance {
  return {
    status: profile.credentialStatus,
    expiresOn: profile.credentialExpiresOn ? (profile.credentialExpiresOn.toISOString().slice(0, 10) as IsoDate) : null,
  };
}

/** A verdict with more issues (blocks and warnings sorted into their lists). */
export function withIssues(verdict: Verdict, issues: readonly RuleIssue[]): Verdict {
  return {
    blocks: [...verdict.blocks, ...issues.filter((i) => i.severity === 'block')],
    warnings: [...verdict.warnings, ...issues.filter((i) => i.severity === 'warning')],
  };
}

/** A group's own meetings must not overlap each other. */
export function checkOwnMeetings(meetings: readonly Meeting[]): RuleIssue[] {
  for (let i = 0; i < meetings.length; i++) {
    for (let j = i + 1; j < meetings.length; j++) {
      if (clashingMeetings([meetings[i]!], [meetings[j]!])) {
        return [
          {
            rule: 'dates',
            severity: 'block',
            message: `Two meetings overlap: ${describeMeeting(meetings[i]!)} and ${describeMeeting(meetings[j]!)}.`,
          },
        ];
      }
    }
  }
  return [];
}
