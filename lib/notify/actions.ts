'use server';

// A person chooses which emails they get (only the kinds that concern their role).
import { z } from 'zod';
import { defineAction } from '@/lib/actions/action';
import { choicesFor, NOTIFICATION_FIELDS, notificationChoices } from './kinds';

/** A checkbox: "true" when ticked, absent when not (a plain true or false from a script). */
const checkbox = z.preprocess(
  (value) => (value === undefined || value === '' ? false : value === 'true' || value === 'on' ? true : value),
  z.boolean({ error: 'Tick the box or leave it empty.' }),
);

const schema = z.object({
  // The choices the form showed (hidden fields): an unticked box is only "off" when it was shown.
  shown: z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(z.enum(NOTIFICATION_FIELDS), { error: 'Reload the page and choose again.' })
      .min(1, 'Reload the page and choose again.'),
  ),
  notifyDigest: checkbox,
  notifyReminder: checkbox,
  notifyWeeklyReview: checkbox,
});

export const updateNotificationsAction = defineAction({
  name: 'account.notifications',
  permission: 'account.use',
  input: schema,
  async run({ tx, user, input, audit }) {
    const fields = choicesFor(user.role).filter((f) => input.shown.includes(f));
    const data = Object.fromEntries(fields.map((f) => [f, input[f]]));
    const before = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { notifyDigest: true, notifyReminder: true, notifyWeeklyReview: true },
    });
    await tx.user.update({ where: { id: user.id }, data });
    await audit({
      entityType: 'user',
      entityId: user.id,
      before: Object.fromEntries(fields.map((f) => [f, before[f]])),
      after: data,
    });
    const on = fields.filter((f) => input[f]).map((f) => notificationChoices[f].label.toLowerCase());
    return { message: on.length ? `Saved. You get: ${on.join(', ')}.` : 'Saved. You get no emails from the app.' };
  },
});
