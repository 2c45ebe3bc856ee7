'use server';

// Recording what was done about a flag, and scheduling a make-up for a cancelled
// session (linked to the session it replaces, and to the follow-up that says so).
import { districtTimeZone } from '@/lib/settings/district';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { localDateTimeToUtc } from '@/lib/dates/zone';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy } from '@/lib/placement/policy';
import { tutorClashes } from '@/lib/placement/staffing';
import { lockGroup } from '@/lib/placement/tx-helpers';
import { followUpActionLabels } from './labels';
import { recordFollowUpSchema, scheduleMakeupSchema } from './schemas';
import { now as clockNow } from '@/lib/clock';

export const recordFollowUpAction = defineAction({
  name: 'followups.record',
  permission: 'site.followup.record',
  input: recordFollowUpSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, user, input, audit }) {
    const [student, group] = await Promise.all([
      input.studentId
        ? tx.student.findUnique({
            where: { id: input.studentId },
            select: { siteId: true, firstName: true, lastName: true },
          })
        : null,
      input.groupId
        ? tx.group.findUnique({ where: { id: input.groupId }, select: { siteId: true, name: true } })
        : null,
    ]);
    if ((input.studentId && student?.siteId !== input.siteId) || (input.groupId && group?.siteId !== input.siteId)) {
      throw new ActionError('That student or group is not at this site. Reload the page.');
    }
    const row = await tx.followUp.create({
      data: {
        siteId: input.siteId,
        studentId: input.studentId ?? null,
        groupId: input.groupId ?? null,
        flag: input.flag,
        action: input.action,
        note: input.note ?? null,
        createdById: user.id,
        // On the app's clock, as the to-do queue reads "followed up this week" (lib/todo).
        createdAt: clockNow(),
      },
      select: { id: true },
    });
    await audit({ entityType: 'follow_up', entityId: row.id, siteId: input.siteId, after: input });
    revalidatePath(`/sites/${input.siteId}/follow-up`);
    const who = student ? `${student.firstName} ${student.lastName}` : group!.name;
    return { message: `Recorded for ${who}: ${followUpActionLabels[input.action].toLowerCase()}.` };
  },
});

export const scheduleMakeupAction = defineAction({
  name: 'sessions.scheduleMakeup',
  permission: 'site.groups.manage',
  input: scheduleMakeupSchema,
  scope: (input) => ({ sessionId: input.sessionId }),
  async run({ tx, user, input, audit }) {
    const original = await tx.session.findUnique({
      where: { id: input.sessionId },
      select: {
        id: true,
        groupId: true,
        date: true,
        status: true,
        plannedMinutes: true,
        makeup: { select: { id: true } },
      },
    });
    if (!original) throw new ActionError('That session no longer exists. Reload the page.');
    const group = await lockGroup(tx, original.groupId);
    if (original.status !== 'CANCELLED') throw new ActionError('Only a cancelled session can be made up.');
    if (original.makeup) throw new ActionError('A make-up is already scheduled for that session.');
    const policy = await placementPolicy(tx);
    if (input.date < policy.today)
      throw new ActionError('Schedule the make-up for today or later.', { date: ['Choose today or a later date.'] });
    if (input.date > toIsoDate(group.endDate))
      throw new ActionError(`${group.name} ends on ${toIsoDate(group.endDate)}; schedule the make-up before then.`, {
        date: ['Choose an earlier date.'],
      });
    const dayOff = await tx.noSchoolDay.findFirst({
      where: { date: fromIsoDate(input.date), OR: [{ siteId: null }, { siteId: group.siteId }] },
      select: { name: true },
    });
    if (dayOff)
      throw new ActionError(`${input.date} is a day without school (${dayOff.name}).`, {
        date: ['Choose a school day.'],
      });
    const [h, m] = input.startTime.split(':').map(Number) as [number, number];
    const startMinute = h * 60 + m;
    const slot = { id: '', date: fromIsoDate(input.date), startMinute, plannedMinutes: original.plannedMinutes };
    const primary = await tx.group.findUniqueOrThrow({
      where: { id: group.id },
      select: { primaryTutorId: true, primaryTutor: { select: { name: true } } },
    });
    const clashes = await tutorClashes(tx, primary.primaryTutorId, [slot], group.id);
    const own = await tx.session.findFirst({
      where: { groupId: group.id, date: slot.date, startMinute },
      select: { id: true },
    });
    if (own)
      throw new ActionError(`${group.name} already meets at that time.`, { startTime: ['Choose another time.'] });
    if (clashes.length)
      throw new ActionError(`${primary.primaryTutor.name} is teaching then: ${clashes.join('; ')}.`, {
        startTime: ['Choose another time.'],
      });
    const timeZone = await districtTimeZone(tx);
    const makeup = await tx.session.create({
      data: {
        groupId: group.id,
        date: slot.date,
        startMinute,
        plannedMinutes: original.plannedMinutes,
        startsAt: localDateTimeToUtc(input.date, startMinute, timeZone),
        makeupForId: original.id,
      },
      select: { id: true },
    });
    await tx.followUp.create({
      data: {
        siteId: group.siteId,
        groupId: group.id,
        flag: 'cancelled_session',
        action: 'MAKEUP_SCHEDULED',
        makeupSessionId: makeup.id,
        note: `Replaces ${toIsoDate(original.date)}`,
        createdById: user.id,
      },
    });
    await audit({
      entityType: 'session',
      entityId: makeup.id,
      siteId: group.siteId,
      after: {
        makeupFor: original.id,
        originalDate: toIsoDate(original.date),
        date: input.date,
        startTime: input.startTime,
      },
    });
    revalidatePath(`/sites/${group.siteId}`, 'layout');
    return {
      makeupId: makeup.id,
      message: `Make-up for ${group.name}'s ${toIsoDate(original.date)} session: ${input.date} at ${input.startTime}.`,
    };
  },
});
