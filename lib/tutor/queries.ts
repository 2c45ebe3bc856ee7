import 'server-only';
import { db } from '@/lib/db';
import { localDate } from '@/lib/time';
import { fromIsoDate } from '@/lib/sessions/schedule';

/** Today's sessions a tutor delivers: their own groups' and the ones they cover. */
export async function tutorSessionsToday(tutorId: string) {
  const settings = await db.districtSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const today = localDate(settings?.timeZone ?? 'America/Chicago');
  const sessions = await db.session.findMany({
    where: {
      date: fromIsoDate(today),
      OR: [{ substituteTutorId: tutorId }, { substituteTutorId: null, group: { primaryTutorId: tutorId } }],
    },
    orderBy: { startMinute: 'asc' },
    select: {
      id: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      substituteTutorId: true,
      group: {
        select: {
          name: true,
          room: true,
          site: { select: { name: true } },
          memberships: {
            where: { startDate: { lte: fromIsoDate(today) }, OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }] },
            select: { student: { select: { firstName: true, lastName: true } } },
          },
        },
      },
    },
  });
  return { today, sessions };
}
