'use server';

// A coordinator reminds a tutor, from the to-do queue, of the sessions at their site the
// tutor has not logged: the tutor's end-of-day email (./compose.ts), sent now.
import { z } from 'zod';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { uuidSchema } from '@/lib/placement/schemas';
import { districtToday } from '@/lib/settings/district';
import { now as clockNow } from '@/lib/clock';
import { toIsoDate } from '@/lib/sessions/schedule';
import { deliveredBy, startedUnlogged } from '@/lib/sessions/to-log';
import { reminderMail } from './compose';
import { appUrl, mailConfigured, smtpSend } from './mail';

const schema = z.object({ siteId: uuidSchema('site'), tutorId: uuidSchema('tutor') });

export const remindTutorAction = defineAction({
  name: 'notify.remindTutor',
  permission: 'site.followup.record',
  input: schema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, input, audit }) {
    if (!mailConfigured())
      throw new ActionError(
        'Email is not set up for this district (SMTP_URL), so the app cannot send the reminder. Call or message the tutor instead.',
      );
    const today = await districtToday(tx);
    const sessions = await tx.session.findMany({
      // Every session of theirs at the site still to log, whatever its age, as the queue lists them.
      where: {
        ...startedUnlogged({ now: clockNow(), through: today, siteId: input.siteId }),
        ...deliveredBy(input.tutorId),
      },
      orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
      select: { id: true, date: true, startMinute: true, group: { select: { name: true } } },
    });
    const tutor = await tx.user.findUnique({
      where: { id: input.tutorId },
      select: { email: true, name: true, active: true },
    });
    if (!tutor || sessions.length === 0)
      throw new ActionError('This tutor has no session at this site still to log: nothing to remind them of.');
    if (!tutor.active) throw new ActionError(`${tutor.name} can no longer sign in: give their groups another tutor.`);
    const send = smtpSend(
      reminderMail({
        to: tutor.email,
        name: tutor.name,
        base: appUrl(),
        sessions: sessions.map((s) => ({
          id: s.id,
          date: toIsoDate(s.date),
          startMinute: s.startMinute,
          groupName: s.group.name,
        })),
      }),
    );
    await send.catch((error: unknown) => {
      throw new ActionError(
        `The mail server did not take the reminder (${error instanceof Error ? error.message : String(error)}). Try again later.`,
      );
    });
    await audit({
      entityType: 'user',
      entityId: input.tutorId,
      siteId: input.siteId,
      after: { reminded: sessions.map((s) => s.id) },
    });
    return {
      message: `Reminder sent to ${tutor.name} (${tutor.email}): ${sessions.length} session${sessions.length === 1 ? '' : 's'} to log.`,
    };
  },
});
