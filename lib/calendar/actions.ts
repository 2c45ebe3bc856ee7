'use server';

// The district calendar: cycles and no-school days. Adding or removing a day off
// regenerates the sessions of every group it touches, from that day on; sessions
// already logged (held, cancelled, with attendance) are never removed.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { fromIsoDate, regenerateGroupSessions, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy } from '@/lib/placement/queries';
import { addNoSchoolSchema, cycleSchema, removeNoSchoolSchema } from './schemas';

type Tx = Prisma.TransactionClient;

/**
 * Regenerates the active groups of a site (or all sites) that meet between `from`
 * and `to`. Only today and later: a past day becomes a day off in the calendar, but
 * its sessions stay as they were (an unplanned closure is logged as a cancellation
 * with the reason "school closure", so the lost dose still shows).
 */
async function regenerateAffected(tx: Tx, siteId: string | null, fromDate: IsoDate, to: IsoDate) {
  const { today } = await placementPolicy();
  const from = fromDate > today ? fromDate : today;
  if (to < from) return { groups: 0, created: 0, removed: 0 };
  const groups = await tx.group.findMany({
    where: { status: 'ACTIVE', ...(siteId ? { siteId } : {}), startDate: { lte: fromIsoDate(to) }, endDate: { gte: fromIsoDate(from) } },
    select: { id: true },
  });
  let created = 0;
  let removed = 0;
  for (const g of groups) {
    const summary = await regenerateGroupSessions(tx, g.id, from);
    created += summary.created;
    removed += summary.removed;
  }
  return { groups: groups.length, created, removed };
}

function datesBetween(start: IsoDate, end: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let t = fromIsoDate(start).getTime(); t <= fromIsoDate(end).getTime(); t += 86_400_000) dates.push(toIsoDate(new Date(t)));
  return dates;
}

export const createCycleAction = defineAction({
  name: 'calendar.cycles.create',
  permission: 'calendar.manage',
  input: cycleSchema,
  async run({ tx, input, audit }) {
    const cycle = await tx.cycle.create({ data: { name: input.name, startDate: fromIsoDate(input.startDate), endDate: fromIsoDate(input.endDate) }, select: { id: true } });
    await audit({ entityType: 'cycle', entityId: cycle.id, after: input });
    revalidatePath('/district/calendar');
    return { cycleId: cycle.id, message: `${input.name} (${input.startDate} to ${input.endDate}) was added.` };
  },
});

export const addNoSchoolAction = defineAction({
  name: 'calendar.noSchool.add',
  permission: 'calendar.manage',
  input: addNoSchoolSchema,
  async run({ tx, input, audit }) {
    const siteId = input.siteId ?? null;
    if (siteId && !(await tx.site.findUnique({ where: { id: siteId }, select: { id: true } }))) {
      throw new ActionError('That site no longer exists. Reload the page.', { siteId: ['Choose a site.'] });
    }
    const end = input.endDate ?? input.startDate;
    const dates = datesBetween(input.startDate, end);
    const existing = await tx.noSchoolDay.findMany({ where: { date: { in: dates.map(fromIsoDate) }, OR: [{ siteId: null }, ...(siteId ? [{ siteId }] : [])] }, select: { date: true } });
    const taken = new Set(existing.map((d) => toIsoDate(d.date)));
    const fresh = dates.filter((d) => !taken.has(d));
    if (fresh.length === 0) throw new ActionError(dates.length === 1 ? `${input.startDate} is already a day off.` : 'Every one of those dates is already a day off.', { startDate: ['Choose other dates.'] });
    await tx.noSchoolDay.createMany({ data: fresh.map((d) => ({ date: fromIsoDate(d), siteId, kind: input.kind, name: input.name })) });
    const logged = await tx.session.count({ where: { date: { in: fresh.map(fromIsoDate) }, status: { not: 'SCHEDULED' }, ...(siteId ? { group: { siteId } } : {}) } });
    const regenerated = await regenerateAffected(tx, siteId, fresh[0]!, fresh[fresh.length - 1]!);
    await audit({ entityType: 'no_school_day', entityId: `${fresh[0]}..${fresh[fresh.length - 1]}`, siteId, after: { dates: fresh, name: input.name, kind: input.kind, siteId, sessionsRemoved: regenerated.removed, loggedKept: logged } });
    revalidatePath('/', 'layout');
    const days = fresh.length === 1 ? fresh[0] : `${fresh.length} days from ${fresh[0]}`;
    return {
      message: `${input.name}: ${days} off. ${regenerated.removed} unlogged session(s) were taken off the calendar${logged ? `; ${logged} already logged stay as recorded` : ''}.`,
    };
  },
});

export const removeNoSchoolAction = defineAction({
  name: 'calendar.noSchool.remove',
  permission: 'calendar.manage',
  input: removeNoSchoolSchema,
  async run({ tx, input, audit }) {
    const day = await tx.noSchoolDay.findUnique({ where: { id: input.noSchoolDayId }, select: { id: true, date: true, siteId: true, name: true, kind: true } });
    if (!day) throw new ActionError('That day off no longer exists. Reload the page.');
    await tx.noSchoolDay.delete({ where: { id: day.id } });
    const date = toIsoDate(day.date);
    const regenerated = await regenerateAffected(tx, day.siteId, date, date);
    await audit({ entityType: 'no_school_day', entityId: day.id, siteId: day.siteId, before: { date, name: day.name, kind: day.kind, siteId: day.siteId }, after: { sessionsCreated: regenerated.created } });
    revalidatePath('/', 'layout');
    return { message: `${day.name} (${date}) is a school day again: ${regenerated.created} session(s) were put back on the calendar.` };
  },
});
