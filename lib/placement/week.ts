// A site's week at a glance: every session of its groups from Monday to Sunday,
// arranged by who teaches it (the substitute where there is one) or by room.
import 'server-only';
import { db } from '@/lib/db';
import { addDays, type IsoDate } from '@/lib/dates';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';

export interface WeekSession {
  id: string;
  date: IsoDate;
  startMinute: number;
  plannedMinutes: number;
  status: 'SCHEDULED' | 'HELD' | 'CANCELLED';
  groupId: string;
  groupName: string;
  room: string;
  teacher: string;
  substitute: boolean;
}

export async function siteWeek(siteId: string, monday: IsoDate): Promise<WeekSession[]> {
  const sessions = await db.session.findMany({
    where: { group: { siteId }, date: { gte: fromIsoDate(monday), lte: fromIsoDate(addDays(monday, 6)) } },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      substituteTutor: { select: { name: true } },
      deliveredBy: { select: { name: true } },
      group: { select: { id: true, name: true, room: true, primaryTutor: { select: { name: true } } } },
    },
  });
  return sessions.map((s) => {
    const teacher = s.deliveredBy?.name ?? s.substituteTutor?.name ?? s.group.primaryTutor.name;
    return {
      id: s.id,
      date: toIsoDate(s.date),
      startMinute: s.startMinute,
      plannedMinutes: s.plannedMinutes,
      status: s.status,
      groupId: s.group.id,
      groupName: s.group.name,
      room: s.group.room ?? 'No room set',
      teacher,
      substitute: teacher !== s.group.primaryTutor.name,
    };
  });
}
