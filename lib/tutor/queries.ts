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
      groupId: true,
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

const deliveredBy = (tutorId: string) => ({ OR: [{ substituteTutorId: tutorId }, { substituteTutorId: null, group: { primaryTutorId: tutorId } }] });

/** Past sessions the tutor delivers that nobody has logged yet (the last four weeks). */
export async function tutorUnloggedSessions(tutorId: string) {
  const settings = await db.districtSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const today = localDate(settings?.timeZone ?? 'America/Chicago');
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 28 * 86_400_000);
  const sessions = await db.session.findMany({
    where: { status: 'SCHEDULED', date: { gte: from, lt: fromIsoDate(today) }, ...deliveredBy(tutorId) },
    orderBy: [{ date: 'desc' }, { startMinute: 'asc' }],
    take: 30,
    select: { id: true, date: true, startMinute: true, group: { select: { name: true } } },
  });
  return sessions.map((s) => ({ ...s, date: s.date.toISOString().slice(0, 10) }));
}

/** One session for the log form, if this tutor delivers it (else null: not theirs). */
export async function sessionForLog(sessionId: string, tutorId: string) {
  const session = await db.session.findFirst({
    where: { id: sessionId, ...deliveredBy(tutorId) },
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      cancellationReason: true,
      actualMinutes: true,
      note: true,
      loggedAt: true,
      groupId: true,
      group: { select: { name: true, room: true, site: { select: { name: true } } } },
      attendance: { select: { studentId: true, status: true, minutesAttended: true } },
    },
  });
  if (!session) return null;
  const members = await db.membership.findMany({
    where: { groupId: session.groupId, startDate: { lte: session.date }, OR: [{ endDate: null }, { endDate: { gte: session.date } }] },
    orderBy: { student: { lastName: 'asc' } },
    select: { student: { select: { id: true, firstName: true, lastName: true } } },
  });
  return { ...session, date: session.date.toISOString().slice(0, 10), students: members.map((m) => m.student) };
}

/** A group's students today with their scores on the group's measure and their aim line. */
export async function groupProbes(groupId: string) {
  const settings = await db.districtSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const today = localDate(settings?.timeZone ?? 'America/Chicago');
  const group = await db.group.findUnique({ where: { id: groupId }, select: { id: true, name: true, probeMeasure: true, endDate: true } });
  if (!group) return null;
  const memberships = await db.membership.findMany({
    where: { groupId, startDate: { lte: fromIsoDate(today) }, OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }] },
    orderBy: { student: { lastName: 'asc' } },
    select: {
      id: true,
      startDate: true,
      goalScore: true,
      goalDate: true,
      student: { select: { id: true, firstName: true, lastName: true } },
      probes: { where: { measure: group.probeMeasure }, orderBy: { administeredOn: 'asc' }, select: { kind: true, score: true, administeredOn: true } },
    },
  });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    today,
    group: { id: group.id, name: group.name, measure: group.probeMeasure },
    students: memberships.map((m) => ({
      id: m.student.id,
      name: `${m.student.firstName} ${m.student.lastName}`,
      placedOn: iso(m.startDate),
      goal: m.goalScore === null ? null : Number(m.goalScore),
      goalDate: iso(m.goalDate ?? group.endDate),
      scores: m.probes.map((p) => ({ date: iso(p.administeredOn), score: Number(p.score), kind: p.kind })),
    })),
  };
}
