'use server';

// Logging a session from a tablet: idempotent by the entry's client id, so a retried
// sync or a double tap is recorded exactly once; refused with a reason a tutor can act
// on when the session is no longer theirs, not started, or the class list changed.
import { daysBetween, formatDay } from '@/lib/dates';
import { districtTimeZone } from '@/lib/settings/district';
import { localDate } from '@/lib/dates/zone';
import { now as clockNow } from '@/lib/clock';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { toIsoDate } from '@/lib/sessions/schedule';
import { logSessionSchema } from './schemas';

const LATE_ENTRY_DAYS = 7;

const formatTime = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(instant);

export interface LogResult {
  sessionId: string;
  status: 'HELD' | 'CANCELLED';
  present: number;
  lateEntry: boolean;
  message: string;
}

export const logSessionAction = defineAction({
  name: 'sessions.log',
  permission: 'session.log',
  input: logSessionSchema,
  scope: (input) => ({ sessionId: input.sessionId }),
  async run({ tx, user, input, audit }): Promise<LogResult> {
    // One entry at a time per client id: a second copy waits, then finds the receipt.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.clientId}))`;
    const receipt = await tx.syncReceipt.findUnique({ where: { clientId: input.clientId } });
    if (receipt) {
      if (receipt.userId !== user.id || receipt.entityId !== input.sessionId)
        throw new ActionError('That entry id was already used for something else. Discard this entry.');
      return receipt.response as unknown as LogResult;
    }

    const session = await tx.session.findUniqueOrThrow({
      where: { id: input.sessionId },
      select: {
        id: true,
        groupId: true,
        date: true,
        startsAt: true,
        plannedMinutes: true,
        status: true,
        cancellationReason: true,
        actualMinutes: true,
        note: true,
        substituteTutorId: true,
        deliveredById: true,
        loggedAt: true,
        group: { select: { name: true, siteId: true, primaryTutorId: true } },
        attendance: { select: { studentId: true, status: true, minutesAttended: true } },
      },
    });
    const delivering = session.substituteTutorId ?? session.group.primaryTutorId;
    if (user.role === 'TUTOR' && delivering !== user.id) {
      throw new ActionError(
        `This ${toIsoDate(session.date)} session of ${session.group.name} is now covered by another tutor, so it can no longer be logged from your tablet.`,
      );
    }
    // A coordinator may log it for the tutor who delivers it, saying why (kept in the audit trail).
    const onBehalf = delivering !== user.id;
    if (onBehalf && !input.onBehalfReason)
      throw new ActionError('Say why you are logging this session for the tutor.', {
        onBehalfReason: ['Say why you are logging it for the tutor.'],
      });
    const date = toIsoDate(session.date);
    const timeZone = await districtTimeZone(tx);
    const at = clockNow();
    const today = localDate(timeZone, at);
    // A cancellation may be known ahead (a tutor out next week); a held session is logged
    // once it has started, by the server's clock (a tablet's own clock may be wrong).
    if (input.status === 'HELD' && date > today)
      throw new ActionError(`This session is on ${formatDay(date)}; log it as held on the day.`);
    if (input.status === 'HELD' && at < session.startsAt)
      throw new ActionError(
        `This session starts at ${formatTime(session.startsAt, timeZone)}; log it as held once it has started (or log it as cancelled).`,
        { status: ['The session has not started yet.'] },
      );
    const members = await tx.membership.findMany({
      where: {
        groupId: session.groupId,
        startDate: { lte: session.date },
        OR: [{ endDate: null }, { endDate: { gte: session.date } }],
      },
      select: { studentId: true, student: { select: { firstName: true, lastName: true } } },
    });
    const memberIds = new Set(members.map((m) => m.studentId));
    if (input.status === 'HELD') {
      const sent = new Set(input.attendance.map((a) => a.studentId));
      const strangers = input.attendance.filter((a) => !memberIds.has(a.studentId));
      const missing = members.filter((m) => !sent.has(m.studentId));
      if (strangers.length || missing.length) {
        const names = missing.map((m) => `${m.student.firstName} ${m.student.lastName}`);
        throw new ActionError(
          `The class list changed since this entry was made${names.length ? ` (missing: ${names.join(', ')})` : ''}. Open the session again and mark every student.`,
          { attendance: ['The class list changed.'] },
        );
      }
    }
    const actualMinutes = input.status === 'HELD' ? (input.actualMinutes ?? session.plannedMinutes) : null;
    const lateEntry = daysBetween(date, today) > LATE_ENTRY_DAYS;
    const before = {
      status: session.status,
      cancellationReason: session.cancellationReason,
      actualMinutes: session.actualMinutes,
      note: session.note,
      deliveredById: session.deliveredById,
      attendance: session.attendance,
    };

    await tx.session.update({
      where: { id: session.id },
      data: {
        status: input.status,
        cancellationReason: input.status === 'CANCELLED' ? input.cancellationReason! : null,
        actualMinutes,
        deliveredById: input.status === 'HELD' ? delivering : null,
        note: input.note ?? null,
        loggedAt: at,
        loggedById: user.id,
      },
    });
    // A cancelled session has no attendance; a held one has exactly one row per student.
    await tx.attendance.deleteMany({
      where: { sessionId: session.id, ...(input.status === 'HELD' ? { studentId: { notIn: [...memberIds] } } : {}) },
    });
    if (input.status === 'HELD') {
      for (const a of input.attendance) {
        const minutesAttended = a.status === 'PARTIAL' ? Math.min(a.minutesAttended!, actualMinutes!) : null;
        await tx.attendance.upsert({
          where: { sessionId_studentId: { sessionId: session.id, studentId: a.studentId } },
          create: {
            sessionId: session.id,
            studentId: a.studentId,
            status: a.status,
            minutesAttended,
            recordedById: user.id,
          },
          update: { status: a.status, minutesAttended, recordedById: user.id },
        });
      }
    }
    const present = input.attendance.filter(
      (a) => input.status === 'HELD' && (a.status === 'PRESENT' || a.status === 'PARTIAL'),
    ).length;
    const result: LogResult = {
      sessionId: session.id,
      status: input.status,
      present,
      lateEntry,
      message:
        input.status === 'HELD'
          ? `Logged ${session.group.name} on ${formatDay(date)}: held, ${actualMinutes} min, ${present} of ${members.length} attended.${lateEntry ? ' Entered more than 7 days after the session: flagged as a late entry.' : ''}`
          : `Logged ${session.group.name} on ${formatDay(date)}: cancelled.${lateEntry ? ' Entered more than 7 days after the session: flagged as a late entry.' : ''}`,
    };
    await tx.syncReceipt.create({
      data: {
        clientId: input.clientId,
        userId: user.id,
        action: 'sessions.log',
        entityId: session.id,
        response: JSON.parse(JSON.stringify(result)),
      },
    });
    await audit({
      entityType: 'session',
      entityId: session.id,
      siteId: session.group.siteId,
      before: session.loggedAt ? before : null,
      after: {
        status: input.status,
        cancellationReason: input.cancellationReason ?? null,
        actualMinutes,
        note: input.note ?? null,
        attendance: input.attendance,
        clientId: input.clientId,
        lateEntry,
        edit: session.loggedAt !== null,
        ...(onBehalf ? { onBehalfOf: delivering, onBehalfReason: input.onBehalfReason } : {}),
      },
    });
    revalidatePath('/tutor', 'layout');
    revalidatePath(`/sites/${session.group.siteId}`, 'layout');
    return result;
  },
});
