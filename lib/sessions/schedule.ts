// Keeps a group's session rows in step with its weekly meetings and the calendar.
// The decisions are the pure planRegeneration's; this only loads and writes.
import { districtTimeZone } from '@/lib/settings/district';
import type { Prisma } from '@/lib/generated/prisma/client';
import { generateSessions, planRegeneration, type RegenerationPlan } from './generate';
import { type IsoDate } from '@/lib/dates';

type Tx = Prisma.TransactionClient;

export const toIsoDate = (date: Date): IsoDate => date.toISOString().slice(0, 10);
export const fromIsoDate = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);

export interface RegenerationSummary {
  created: number;
  removed: number;
  updated: number;
  kept: number;
}

/**
 * Regenerates a group's sessions on and after `from`: logged sessions, make-ups,
 * sessions with attendance and everything before `from` stay as they are.
 * Run it inside the transaction that changed the schedule.
 */
export async function regenerateGroupSessions(tx: Tx, groupId: string, from: IsoDate): Promise<RegenerationSummary> {
  const group = await tx.group.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      siteId: true,
      primaryTutorId: true,
      startDate: true,
      endDate: true,
      status: true,
      meetings: { select: { weekday: true, startMinute: true, plannedMinutes: true } },
      cycle: { select: { startDate: true, endDate: true } },
    },
  });
  const [timeZone, noSchoolDays, existing] = await Promise.all([
    districtTimeZone(tx),
    tx.noSchoolDay.findMany({
      where: { OR: [{ siteId: null }, { siteId: group.siteId }], date: { gte: group.startDate, lte: group.endDate } },
      select: { date: true },
    }),
    tx.session.findMany({
      where: { groupId },
      select: {
        id: true,
        date: true,
        startMinute: true,
        plannedMinutes: true,
        status: true,
        makeupForId: true,
        _count: { select: { attendance: true } },
      },
    }),
  ]);

  const desired =
    group.status === 'CLOSED'
      ? []
      : generateSessions({
          meetings: group.meetings,
          groupStart: toIsoDate(group.startDate),
          groupEnd: toIsoDate(group.endDate),
          cycleStart: toIsoDate(group.cycle.startDate),
          cycleEnd: toIsoDate(group.cycle.endDate),
          noSchoolDates: noSchoolDays.map((d) => toIsoDate(d.date)),
          timeZone,
          from,
        });
  const plan: RegenerationPlan = planRegeneration({
    from,
    desired,
    existing: existing.map((s) => ({
      id: s.id,
      date: toIsoDate(s.date),
      startMinute: s.startMinute,
      plannedMinutes: s.plannedMinutes,
      status: s.status,
      isMakeup: s.makeupForId !== null,
      hasAttendance: s._count.attendance > 0,
    })),
  });

  if (plan.remove.length) {
    // The where clause repeats the plan's promise: only unlogged sessions with no attendance go.
    await tx.session.deleteMany({
      where: { id: { in: plan.remove }, status: 'SCHEDULED', makeupForId: null, attendance: { none: {} } },
    });
  }
  for (const { id, plannedMinutes } of plan.update) {
    await tx.session.update({ where: { id, status: 'SCHEDULED' }, data: { plannedMinutes } });
  }
  if (plan.create.length) {
    await tx.session.createMany({
      data: plan.create.map((s) => ({
        groupId,
        date: fromIsoDate(s.date),
        startMinute: s.startMinute,
        plannedMinutes: s.plannedMinutes,
        startsAt: s.startsAt,
        // The primary tutor on the session's date (kept if the group later changes hands).
        primaryTutorId: group.primaryTutorId,
      })),
    });
  }
  return {
    created: plan.create.length,
    removed: plan.remove.length,
    updated: plan.update.length,
    kept: plan.keep.length,
  };
}
