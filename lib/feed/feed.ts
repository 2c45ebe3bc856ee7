// A tutor's calendar feed: who a token belongs to, and the sessions it lists (from a
// week back to eight weeks ahead, the ones they deliver, cancellations marked).
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { now as clockNow } from '@/lib/clock';
import { db } from '@/lib/db';
import { calendar, type FeedEvent } from './ics';

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newFeedToken = () => randomBytes(32).toString('base64url');

/** The feed's text, or null when the token is unknown, revoked, or its tutor can no longer sign in. */
export async function feedFor(token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { revokedAt: true, user: { select: { id: true, name: true, active: true, role: true } } },
  });
  if (!feed || feed.revokedAt || !feed.user.active || feed.user.role !== 'TUTOR') return null;
  const tutorId = feed.user.id;
  const now = clockNow().getTime();
  const sessions = await db.session.findMany({
    where: {
      startsAt: { gte: new Date(now - 7 * 86_400_000), lte: new Date(now + 56 * 86_400_000) },
      OR: [{ substituteTutorId: tutorId }, { substituteTutorId: null, group: { primaryTutorId: tutorId } }],
    },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      plannedMinutes: true,
      status: true,
      updatedAt: true,
      substituteTutorId: true,
      group: { select: { name: true, room: true, site: { select: { name: true } } } },
    },
  });
  const events: FeedEvent[] = sessions.map((s) => ({
    uid: `${s.id}@tutoring-ops`,
    start: s.startsAt,
    minutes: s.plannedMinutes,
    summary: s.group.name,
    location: [s.group.room, s.group.site.name].filter(Boolean).join(', ') || null,
    description: s.substituteTutorId === tutorId ? 'You are covering this session.' : null,
    cancelled: s.status === 'CANCELLED',
    updated: s.updatedAt,
  }));
  return calendar(`${feed.user.name}: tutoring sessions`, events);
}
