'use server';

// The district calendar: cycles and no-school days. Adding or removing a day off
// regenerates the sessions of every group it touches, from that day on; sessions
// already logged (held, cancelled, with attendance) are never removed.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import { datesFrom } from '@/lib/dates';
import type { IsoDate } from '@/lib/dates';
import { fromIsoDate, regenerateGroupSessions, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy } from '@/lib/placement/policy';
import { addNoSchoolSchema, cycleSchema, deleteCycleSchema, removeNoSchoolSchema, updateCycleSchema } from './schemas';

type Tx = Prisma.TransactionClient;

/**
 * Regenerates the active groups of a site (or all sites) that meet between `from`
 * and `to`. Only today and later: a past day becomes a day off in the calendar, but
 * its sessions stay as they were (an unplanned closure is logged as a cancellation
 * with the reason "school closure", so the lost dose still shows).
 */
async function regenerateAffected(tx: Tx, siteId: string | null, fromDate: IsoDate, to: IsoDate) {
  const { today } = await placementPolicy(tx);
  const from = fromDate > today ? fromDate : today;
  if (to < from) return { groups: 0, created: 0, removed: 0 };
  const groups = await tx.group.findMany({
    where: {
      status: 'ACTIVE',
      ...(siteId ? { siteId } : {}),
      startDate: { lte: fromIsoDate(to) },
      endDate: { gte: fromIsoDate(from) },
    },
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
  return datesFrom(start, end);
}

export const createCycleAction = defineAction({
  name: 'calendar.cycles.create',
  permission: 'calendar.manage',
  input: cycleSchema,
  async run({ tx, input, audit }) {
    const cycle = await tx.cycle.create({
      data: { name: input.name, startDate: fromIsoDate(input.startDate), endDate: fromIsoDate(input.endDate) },
      select: { id: true },
    });
    await audit({ entityType: 'cycle', entityId: cycle.id, after: input });
    revalidatePath('/district/calendar');
    return { cycleId: cycle.id, message: `${input.name} (${input.startDate} to ${input.endDate}) was added.` };
  },
});

/** "A, B, C and 2 more": the first few names of a list. */
function firstFew(names: string[], few = 3): string {
  const shown = names.slice(0, few);
  if (names.length > few) return `${shown.join(', ')} and ${names.length - few} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

const isDbError = (error: unknown, code: string) => (error as { code?: string } | null)?.code === code;

export const updateCycleAction = defineAction({
  name: 'calendar.cycles.update',
  permission: 'calendar.manage',
  input: updateCycleSchema,
  async run({ tx, input, audit }) {
    // Lock the cycle and its groups: a group's dates cannot move while the new range is checked.
    await tx.$queryRaw`SELECT id FROM cycle WHERE id = ${input.cycleId}::uuid FOR UPDATE`;
    const cycle = await tx.cycle.findUnique({
      where: { id: input.cycleId },
      select: { id: true, name: true, startDate: true, endDate: true },
    });
    if (!cycle) throw new ActionError('That cycle no longer exists. Reload the page.');
    await tx.$queryRaw`SELECT id FROM tutoring_group WHERE "cycleId" = ${cycle.id}::uuid FOR UPDATE`;

    const start = fromIsoDate(input.startDate);
    const end = fromIsoDate(input.endDate);
    const inCycle = { cycleId: cycle.id };
    const [groupSpan, sessionSpan] = await Promise.all([
      tx.group.aggregate({ where: inCycle, _min: { startDate: true }, _max: { endDate: true } }),
      tx.session.aggregate({ where: { group: inCycle }, _min: { date: true }, _max: { date: true } }),
    ]);
    const earliest = [groupSpan._min.startDate, sessionSpan._min.date]
      .filter((x) => x !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const latest = [groupSpan._max.endDate, sessionSpan._max.date]
      .filter((x) => x !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if ((earliest && earliest < start) || (latest && latest > end)) {
      const outsideRange = [{ lt: start }, { gt: end }];
      const groups = await tx.group.findMany({
        where: {
          ...inCycle,
          OR: [
            { startDate: { lt: start } },
            { endDate: { gt: end } },
            ...outsideRange.map((date) => ({ sessions: { some: { date } } })),
          ],
        },
        orderBy: { name: 'asc' },
        select: { name: true },
      });
      const fieldErrors: Record<string, string[]> = {};
      if (earliest && earliest < start)
        fieldErrors.startDate = [`Groups in this cycle start or meet as early as ${toIsoDate(earliest)}.`];
      if (latest && latest > end)
        fieldErrors.endDate = [`Groups in this cycle run or meet until ${toIsoDate(latest)}.`];
      const count = groups.length === 1 ? '1 group' : `${groups.length} groups`;
      throw new ActionError(
        `Nothing was changed: ${count} in ${cycle.name} would fall outside ${input.startDate} to ${input.endDate} (${firstFew(groups.map((g) => g.name))}). Change those groups' dates first, or keep the cycle wider.`,
        fieldErrors,
      );
    }

    try {
      await tx.cycle.update({ where: { id: cycle.id }, data: { name: input.name, startDate: start, endDate: end } });
    } catch (error) {
      if (isDbError(error, 'P2002'))
        throw new ActionError('Nothing was changed: another cycle already has that name.', {
          name: ['Choose a name no other cycle uses.'],
        });
      throw error;
    }
    const before = { name: cycle.name, startDate: toIsoDate(cycle.startDate), endDate: toIsoDate(cycle.endDate) };
    await audit({
      entityType: 'cycle',
      entityId: cycle.id,
      before,
      after: { name: input.name, startDate: input.startDate, endDate: input.endDate },
    });
    // Cycle names show on group pages too.
    revalidatePath('/', 'layout');
    return { message: `${input.name} now runs ${input.startDate} to ${input.endDate}.` };
  },
});

// No-school days belong to the district calendar (a date, district-wide or per site),
// not to a cycle, so deleting a cycle leaves them in place.
export const deleteCycleAction = defineAction({
  name: 'calendar.cycles.delete',
  permission: 'calendar.manage',
  input: deleteCycleSchema,
  async run({ tx, input, audit }) {
    // The row lock waits for any group being added to this cycle, so the count below is final.
    await tx.$queryRaw`SELECT id FROM cycle WHERE id = ${input.cycleId}::uuid FOR UPDATE`;
    const cycle = await tx.cycle.findUnique({
      where: { id: input.cycleId },
      select: { id: true, name: true, startDate: true, endDate: true, _count: { select: { groups: true } } },
    });
    if (!cycle) throw new ActionError('That cycle no longer exists. Reload the page.');
    const groups = cycle._count.groups;
    if (groups > 0) {
      throw new ActionError(
        `${cycle.name} cannot be deleted: ${groups === 1 ? '1 group uses' : `${groups} groups use`} it. Only a cycle without groups can be deleted.`,
      );
    }
    try {
      await tx.cycle.delete({ where: { id: cycle.id } });
    } catch (error) {
      if (isDbError(error, 'P2003'))
        throw new ActionError(`${cycle.name} cannot be deleted: a group uses it. Reload the page.`);
      throw error;
    }
    await audit({
      entityType: 'cycle',
      entityId: cycle.id,
      before: { name: cycle.name, startDate: toIsoDate(cycle.startDate), endDate: toIsoDate(cycle.endDate) },
    });
    revalidatePath('/', 'layout');
    return { message: `${cycle.name} was deleted.` };
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
    const existing = await tx.noSchoolDay.findMany({
      where: { date: { in: dates.map(fromIsoDate) }, OR: [{ siteId: null }, ...(siteId ? [{ siteId }] : [])] },
      select: { date: true },
    });
    const taken = new Set(existing.map((d) => toIsoDate(d.date)));
    const fresh = dates.filter((d) => !taken.has(d));
    if (fresh.length === 0)
      throw new ActionError(
        dates.length === 1
          ? `${input.startDate} is already a day off.`
          : 'Every one of those dates is already a day off.',
        { startDate: ['Choose other dates.'] },
      );
    await tx.noSchoolDay.createMany({
      data: fresh.map((d) => ({ date: fromIsoDate(d), siteId, kind: input.kind, name: input.name })),
    });
    const logged = await tx.session.count({
      where: {
        date: { in: fresh.map(fromIsoDate) },
        status: { not: 'SCHEDULED' },
        ...(siteId ? { group: { siteId } } : {}),
      },
    });
    const regenerated = await regenerateAffected(tx, siteId, fresh[0]!, fresh[fresh.length - 1]!);
    await audit({
      entityType: 'no_school_day',
      entityId: `${fresh[0]}..${fresh[fresh.length - 1]}`,
      siteId,
      after: {
        dates: fresh,
        name: input.name,
        kind: input.kind,
        siteId,
        sessionsRemoved: regenerated.removed,
        loggedKept: logged,
      },
    });
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
    const day = await tx.noSchoolDay.findUnique({
      where: { id: input.noSchoolDayId },
      select: { id: true, date: true, siteId: true, name: true, kind: true },
    });
    if (!day) throw new ActionError('That day off no longer exists. Reload the page.');
    await tx.noSchoolDay.delete({ where: { id: day.id } });
    const date = toIsoDate(day.date);
    const regenerated = await regenerateAffected(tx, day.siteId, date, date);
    await audit({
      entityType: 'no_school_day',
      entityId: day.id,
      siteId: day.siteId,
      before: { date, name: day.name, kind: day.kind, siteId: day.siteId },
      after: { sessionsCreated: regenerated.created },
    });
    revalidatePath('/', 'layout');
    return {
      message: `${day.name} (${date}) is a school day again: ${regenerated.created} session(s) were put back on the calendar.`,
    };
  },
});
