// Which emails are due now, and sending each once. By the district's clock:
// - DIGEST: on weekdays from 6:30 AM, each coordinator's to-do queue (lib/todo), when
//   there is something to do;
// - REMINDER: from 4:00 PM, each tutor with sessions that have started (today or in the
//   last four weeks) and are still not logged;
// - WEEKLY_REVIEW: on Mondays from 6:30 AM, the district's weekly review of the week
//   just ended, to leaders and admins.
// Only to active people who have not turned that email off (their account page). Each
// (kind, person, day) is claimed in notification_sent before it is sent, so several
// app instances, or a round run twice, send it once; a send the server refused gives
// the claim back for the next round.
import 'server-only';
import { now as clockNow } from '@/lib/clock';
import { db } from '@/lib/db';
import { addDays, isoWeekday, type IsoDate } from '@/lib/dates';
import { localDate, localMinuteOfDay } from '@/lib/dates/zone';
import { formatCount, formatPercent } from '@/lib/dashboard/tables';
import type { NotificationKind } from '@/lib/generated/prisma/enums';
import { metricsPolicy } from '@/lib/metrics/scope';
import { placementPolicy } from '@/lib/placement/policy';
import { weeklyReviewTables } from '@/lib/review/tables';
import { lastCompleteWeek, weekLabel } from '@/lib/review/week';
import { weeklyReview } from '@/lib/review/weekly';
import { districtTimeZone } from '@/lib/settings/district';
import { fromIsoDate } from '@/lib/sessions/schedule';
import { startedUnlogged } from '@/lib/sessions/to-log';
import { siteTodo } from '@/lib/todo/site-queue';
import { digestMail, reminderMail, weeklyReviewMail } from './compose';
import { appUrl, type Mail, type SendMail } from './mail';

/** Minutes after midnight, district time. */
export const DIGEST_AT = 6 * 60 + 30;
export const REMINDER_AT = 16 * 60;
export const WEEKLY_REVIEW_AT = 6 * 60 + 30;

export interface NotifySummary {
  sent: number;
  failed: number;
}

/** Sends every email due at `now` not sent yet. */
export async function sendDueNotifications(send: SendMail, now = clockNow()): Promise<NotifySummary> {
  const timeZone = await districtTimeZone(db);
  const today = localDate(timeZone, now);
  const minute = localMinuteOfDay(timeZone, now);
  const weekday = isoWeekday(today);
  const summary: NotifySummary = { sent: 0, failed: 0 };
  const deliver = async (kind: NotificationKind, userId: string, compose: () => Promise<Mail | null>) => {
    const claim = { kind, userId, forDate: fromIsoDate(today) };
    const { count } = await db.notificationSent.createMany({ data: [claim], skipDuplicates: true });
    if (count === 0) return; // already sent (or being sent by another instance)
    try {
      const mail = await compose();
      if (mail) {
        await send(mail);
        summary.sent++;
      }
    } catch (error) {
      summary.failed++;
      // Given back for the next round (if that fails too, the claim stays: sent at most once).
      await db.notificationSent.delete({ where: { kind_userId_forDate: claim } }).catch(() => undefined);
      console.error(`notifications: ${kind} to ${userId} failed: ${error instanceof Error ? error.message : error}`);
    }
  };

  if (weekday <= 5 && minute >= DIGEST_AT) {
    const policy = await placementPolicy(db, now);
    const coordinators = await db.user.findMany({
      where: { role: 'SITE_COORDINATOR', active: true, notifyDigest: true },
      select: { id: true, email: true, name: true, sites: { select: { site: { select: { id: true, name: true } } } } },
    });
    for (const c of coordinators)
      await deliver('DIGEST', c.id, async () => {
        const sites = [];
        for (const { site } of c.sites) {
          const sections = (await siteTodo(site.id, policy)).filter((s) => s.items.length > 0);
          if (sections.length) sites.push({ name: site.name, href: `/sites/${site.id}`, sections });
        }
        return sites.length ? digestMail({ to: c.email, name: c.name, date: today, base: appUrl(), sites }) : null;
      });
  }

  if (minute >= REMINDER_AT) {
    const sessions = await db.session.findMany({
      where: startedUnlogged({ now, through: today, since: addDays(today, -27) }),
      orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
      select: {
        id: true,
        date: true,
        startMinute: true,
        substituteTutorId: true,
        group: { select: { name: true, primaryTutorId: true } },
      },
    });
    // Not for days the tutor is recorded out (those sessions are the coordinator's to cover).
    const absences = await db.tutorAbsence.findMany({
      where: { endDate: { gte: fromIsoDate(addDays(today, -27)) }, startDate: { lte: fromIsoDate(today) } },
      select: { tutorId: true, startDate: true, endDate: true },
    });
    const out = (tutorId: string, date: Date) =>
      absences.some((a) => a.tutorId === tutorId && a.startDate <= date && a.endDate >= date);
    const byTutor = new Map<string, typeof sessions>();
    for (const s of sessions) {
      const tutor = s.substituteTutorId ?? s.group.primaryTutorId;
      if (out(tutor, s.date)) continue;
      byTutor.set(tutor, [...(byTutor.get(tutor) ?? []), s]);
    }
    const tutors = await db.user.findMany({
      where: { id: { in: [...byTutor.keys()] }, role: 'TUTOR', active: true, notifyReminder: true },
      select: { id: true, email: true, name: true },
    });
    for (const t of tutors)
      await deliver('REMINDER', t.id, async () =>
        reminderMail({
          to: t.email,
          name: t.name,
          base: appUrl(),
          sessions: byTutor.get(t.id)!.map((s) => ({
            id: s.id,
            date: s.date.toISOString().slice(0, 10),
            startMinute: s.startMinute,
            groupName: s.group.name,
          })),
        }),
      );
  }

  if (weekday === 1 && minute >= WEEKLY_REVIEW_AT) {
    const leaders = await db.user.findMany({
      where: { role: { in: ['DISTRICT_LEADER', 'DISTRICT_ADMIN'] }, active: true, notifyWeeklyReview: true },
      select: { id: true, email: true },
    });
    if (leaders.length) {
      const week: IsoDate = lastCompleteWeek(today);
      let mail: Omit<Mail, 'to'> | null = null;
      const composeOnce = async () => {
        if (mail) return mail;
        const review = await weeklyReview({ week, policy: await metricsPolicy(db, now) });
        const c = review.current;
        const share = (v: number | null) => (v === null ? '—' : formatPercent(v));
        mail = weeklyReviewMail({
          to: '',
          weekLabel: weekLabel(week),
          base: appUrl(),
          href: `/district/weekly-review?week=${week}`,
          figures: [
            {
              label: 'Dose delivered vs scheduled',
              value: `${share(c.doseRate)} (${formatCount(c.delivered)} of ${formatCount(c.scheduled)} min)`,
            },
            {
              label: 'Attendance rate',
              value: `${share(c.attendanceRate)} (${formatCount(c.attended)} attended of ${formatCount(c.held)} student-sessions held)`,
            },
            {
              label: 'Session delivery rate',
              value: `${share(c.deliveryRate)} (${formatCount(c.sessionsHeld)} held of ${formatCount(c.sessionsHeld + c.sessionsCancelled)} held or cancelled)`,
            },
            {
              label: 'Students meeting the target dose',
              value: `${share(c.meetingTargetShare)} (${formatCount(c.studentsMeetingTarget)} of ${formatCount(c.studentsWithWeeks)} students)`,
            },
          ],
          tables: weeklyReviewTables(review, 'district'),
        });
        return mail;
      };
      for (const l of leaders)
        await deliver('WEEKLY_REVIEW', l.id, async () => ({ ...(await composeOnce()), to: l.email }));
    }
  }
  return summary;
}
