// Which sessions are a tutor's, and which are still to log: the one filter the tablet's
// lists, the reminder emails and the coordinator's Remind share.
import type { IsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fromIsoDate } from './schedule';

/** Sessions a tutor delivers: the ones they cover, and their groups' uncovered ones. */
export const deliveredBy = (tutorId: string) =>
  ({
    OR: [{ substituteTutorId: tutorId }, { substituteTutorId: null, group: { primaryTutorId: tutorId } }],
  }) satisfies Prisma.SessionWhereInput;

/** Sessions of active groups (of a site) that have started by `now`, dated `through` or before (and `since` on), not logged. */
export function startedUnlogged(range: {
  now: Date;
  through: IsoDate;
  since?: IsoDate;
  siteId?: string;
}): Prisma.SessionWhereInput {
  return {
    status: 'SCHEDULED',
    date: { ...(range.since ? { gte: fromIsoDate(range.since) } : {}), lte: fromIsoDate(range.through) },
    startsAt: { lte: range.now },
    group: { status: 'ACTIVE', ...(range.siteId ? { siteId: range.siteId } : {}) },
  };
}
