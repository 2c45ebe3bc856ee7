// How groups and schedules read on screen, shared by the builder's pages.
import { formatMinuteOfDay } from '@/lib/dates';
import type { GroupSummary } from './groups';
import { gradeBandLabel, type Meeting } from './rules';

export const END_REASONS = [
  'Met goal',
  'Moved to another group',
  'Withdrew from school',
  'Schedule conflict',
  'Family request',
  'Other',
] as const;

const SHORT_DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const modalityLabels: Record<string, string> = {
  IN_SCHOOL_PULL_OUT: 'In-school pull-out',
  PUSH_IN: 'Push-in',
  AFTER_SCHOOL: 'After school',
  VIRTUAL: 'Virtual',
};

/** "Mon, Wed 3:30 PM (30 min)"; meetings at different times are listed one by one. */
export function scheduleLabel(meetings: readonly Meeting[]): string {
  if (meetings.length === 0) return 'No meetings';
  const sameTime = meetings.every(
    (m) => m.startMinute === meetings[0]!.startMinute && m.plannedMinutes === meetings[0]!.plannedMinutes,
  );
  if (sameTime) {
    const m = meetings[0]!;
    return `${meetings.map((x) => SHORT_DAYS[x.weekday]).join(', ')} ${formatMinuteOfDay(m.startMinute)} (${m.plannedMinutes} min)`;
  }
  return meetings
    .map((m) => `${SHORT_DAYS[m.weekday]} ${formatMinuteOfDay(m.startMinute)} (${m.plannedMinutes} min)`)
    .join('; ');
}

export function groupOptionLabel(group: GroupSummary, maxGroupSize: number): string {
  return `${group.name} · ${gradeBandLabel(group.gradeMin, group.gradeMax)} · ${scheduleLabel(group.meetings)} · ${group.seatsTaken} of ${maxGroupSize} seats · ${group.tutor.name}`;
}
