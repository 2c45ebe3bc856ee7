// The emails a person may get, by role, with the words their account page uses. Pure.
import type { Role } from '@/lib/generated/prisma/enums';

export const NOTIFICATION_FIELDS = ['notifyDigest', 'notifyReminder', 'notifyWeeklyReview'] as const;
export type NotificationField = (typeof NOTIFICATION_FIELDS)[number];

export const notificationChoices: Record<NotificationField, { label: string; hint: string; roles: readonly Role[] }> = {
  notifyDigest: {
    label: 'Morning to-do list',
    hint: 'Each school day at 6:30 AM: your sites’ to-do queue, when there is something to do.',
    roles: ['SITE_COORDINATOR'],
  },
  notifyReminder: {
    label: 'Sessions still to log',
    hint: 'At 4:00 PM: the sessions you taught that are not logged yet, if any.',
    roles: ['TUTOR'],
  },
  notifyWeeklyReview: {
    label: 'Weekly operating review',
    hint: 'Monday at 6:30 AM: the district’s review of the week just ended, as the printable page shows it.',
    roles: ['DISTRICT_LEADER', 'DISTRICT_ADMIN'],
  },
};

/** The emails that concern a role. */
export const choicesFor = (role: Role): NotificationField[] =>
  NOTIFICATION_FIELDS.filter((f) => notificationChoices[f].roles.includes(role));
