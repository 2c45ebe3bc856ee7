// A site's groups as the coordinator workspace reads them: seats, schedules, members
// now and before, and the sessions coming up.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import type { IsoDate } from '@/lib/dates';
import { type SubjectCode } from './priority';
import type { Meeting } from './rules';
import type { Policy } from './policy';

/** Placements still current on a day (not ended before it). */
export const currentOn = (today: IsoDate): Prisma.MembershipWhereInput => ({
  OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }],
});

/** The meeting fields every group read selects. */
export const meetingSelect = { weekday: true, startMinute: true, plannedMinutes: true } as const;

export interface GroupSummary {
  id: string;
  name: string;
  subject: SubjectCode;
  gradeMin: number;
  gradeMax: number;
  targetSkill: string;
  probeMeasure: string;
  modality: string;
  room: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  status: string;
  tutor: { id: string; name: string };
  meetings: Meeting[];
  /** Seats taken: students placed on the busiest day from today (or the group's start) on. */
  seatsTaken: number;
}

/** A site's groups that have not ended, with seats taken on `today` (or their first day). */
export async function siteGroups(
  siteId: string,
  policy: Policy,
  { includeEnded = false } = {},
): Promise<GroupSummary[]> {
  const groups = await db.group.findMany({
    where: { siteId, ...(includeEnded ? {} : { status: 'ACTIVE', endDate: { gte: fromIsoDate(policy.today) } }) },
    orderBy: [{ subject: 'asc' }, { gradeMin: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      subject: true,
      gradeMin: true,
      gradeMax: true,
      targetSkill: true,
      probeMeasure: true,
      modality: true,
      room: true,
      startDate: true,
      endDate: true,
      status: true,
      primaryTutor: { select: { id: true, name: true } },
      meetings: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }], select: meetingSelect },
      memberships: { where: currentOn(policy.today), select: { startDate: true, endDate: true } },
    },
  });
  return groups.map((g) => {
    const startDate = toIsoDate(g.startDate);
    const day = policy.today > startDate ? policy.today : startDate;
    // The busiest day from then on (a student starting later takes a seat too), as placing checks it.
    const onDay = (d: IsoDate) =>
      g.memberships.filter((m) => toIsoDate(m.startDate) <= d && (m.endDate === null || toIsoDate(m.endDate) >= d))
        .length;
    const starts = g.memberships.map((m) => toIsoDate(m.startDate)).filter((d) => d > day);
    const seatsTaken = Math.max(onDay(day), ...starts.map(onDay));
    return {
      id: g.id,
      name: g.name,
      subject: g.subject,
      gradeMin: g.gradeMin,
      gradeMax: g.gradeMax,
      targetSkill: g.targetSkill,
      probeMeasure: g.probeMeasure,
      modality: g.modality,
      room: g.room,
      startDate,
      endDate: toIsoDate(g.endDate),
      status: g.status,
      tutor: g.primaryTutor,
      meetings: g.meetings,
      seatsTaken,
    };
  });
}

/** One group with its members now and before (placements are never deleted once begun). */
export async function groupDetail(groupId: string) {
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      siteId: true,
      subject: true,
      gradeMin: true,
      gradeMax: true,
      targetSkill: true,
      probeMeasure: true,
      modality: true,
      room: true,
      startDate: true,
      endDate: true,
      status: true,
      cycle: { select: { name: true } },
      primaryTutor: { select: { id: true, name: true } },
      meetings: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }], select: meetingSelect },
      memberships: {
        orderBy: [{ startDate: 'asc' }],
        select: {
          id: true,
          startDate: true,
          endDate: true,
          endReason: true,
          goalScore: true,
          student: { select: { id: true, firstName: true, lastName: true, grade: true, sisId: true } },
        },
      },
    },
  });
  if (!group) return null;
  return {
    ...group,
    startDate: toIsoDate(group.startDate),
    endDate: toIsoDate(group.endDate),
    memberships: group.memberships.map((m) => ({
      ...m,
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
      goalScore: m.goalScore === null ? null : Number(m.goalScore),
    })),
  };
}

/** A group's next sessions with who teaches each (the primary tutor or a substitute). */
export async function upcomingSessions(groupId: string, from: IsoDate, take = 12) {
  const sessions = await db.session.findMany({
    where: { groupId, date: { gte: fromIsoDate(from) } },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    take,
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      cancellationReason: true,
      makeupForId: true,
      substituteTutor: { select: { name: true } },
    },
  });
  return sessions.map((s) => ({ ...s, date: toIsoDate(s.date) }));
}
