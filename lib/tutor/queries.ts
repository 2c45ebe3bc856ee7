import 'server-only';
import { measureDetail } from '@/lib/measures/names';
import { db } from '@/lib/db';
import { deliveredMinutesSql } from '@/lib/metrics/dose-sql';
import { addDays, weekStart } from '@/lib/dates';
import { districtNow, districtToday } from '@/lib/settings/district';
import { fromIsoDate } from '@/lib/sessions/schedule';
import { deliveredBy } from '@/lib/sessions/to-log';
import type { IsoDate } from '@/lib/dates';
import type { Flag } from '@/lib/flags/rules';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import { groupReach, SUBSTITUTE_WINDOW, type GroupReach } from '@/lib/auth/guards';
import type { SessionUser } from '@/lib/auth/session';

/** Today's sessions a tutor delivers: their own groups' and the ones they cover. */
export async function tutorSessionsToday(tutorId: string) {
  const { today, minute: nowMinute } = await districtNow(db);
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
            where: {
              startDate: { lte: fromIsoDate(today) },
              OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }],
            },
            select: { student: { select: { firstName: true, lastName: true } } },
          },
        },
      },
    },
  });
  // The next session: the first still to log that has not ended yet.
  const nextId =
    sessions.find((s) => s.status === 'SCHEDULED' && s.startMinute + s.plannedMinutes > nowMinute)?.id ?? null;
  return { today, sessions, nextId };
}

const probeDates = (reach: GroupReach) =>
  reach.kind === 'whole'
    ? {}
    : { OR: reach.windows.map((w) => ({ administeredOn: { gte: fromIsoDate(w.from), lte: fromIsoDate(w.to) } })) };

/** Past sessions the tutor delivers that nobody has logged yet (the last four weeks). */
export async function tutorUnloggedSessions(tutorId: string) {
  const today = await districtToday(db);
  const from = fromIsoDate(addDays(today, -28));
  const sessions = await db.session.findMany({
    where: {
      status: 'SCHEDULED',
      date: { gte: from, lt: fromIsoDate(today) },
      // A covered session leaves a substitute's reach after the late-entry window (lib/auth/guards.ts).
      OR: [
        {
          substituteTutorId: tutorId,
          date: { gte: fromIsoDate(addDays(today, -SUBSTITUTE_WINDOW.daysAfter)) },
        },
        { substituteTutorId: null, group: { primaryTutorId: tutorId } },
      ],
    },
    orderBy: [{ date: 'desc' }, { startMinute: 'asc' }],
    take: 30,
    select: { id: true, date: true, startMinute: true, group: { select: { name: true } } },
  });
  return sessions.map((s) => ({ ...s, date: s.date.toISOString().slice(0, 10) }));
}

/**
 * A session as the log form shows it: the tutor's own (delivered by them), or with
 * `tutorId` null any session (a coordinator logging it for the tutor, already authorized).
 */
export async function sessionForLog(sessionId: string, tutorId: string | null) {
  const session = await db.session.findFirst({
    where: { id: sessionId, ...(tutorId ? deliveredBy(tutorId) : {}) },
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
      group: {
        select: {
          name: true,
          room: true,
          siteId: true,
          site: { select: { name: true } },
          primaryTutor: { select: { name: true } },
        },
      },
      substituteTutor: { select: { name: true } },
      attendance: { select: { studentId: true, status: true, minutesAttended: true } },
    },
  });
  if (!session) return null;
  const members = await db.membership.findMany({
    where: {
      groupId: session.groupId,
      startDate: { lte: session.date },
      OR: [{ endDate: null }, { endDate: { gte: session.date } }],
    },
    orderBy: { student: { lastName: 'asc' } },
    select: { student: { select: { id: true, firstName: true, lastName: true } } },
  });
  const date = session.date.toISOString().slice(0, 10);
  const students = members.map((m) => m.student);
  return {
    ...session,
    date,
    students,
    /** Still to come (held is logged on the day; a cancellation may come ahead). */
    ahead: date > (await districtToday(db)),
    /** What the log form takes (components/tutor/log-session-form.tsx). */
    form: {
      id: session.id,
      plannedMinutes: session.plannedMinutes,
      status: session.status,
      cancellationReason: session.cancellationReason,
      actualMinutes: session.actualMinutes,
      note: session.note,
      students,
      attendance: session.attendance,
    },
  };
}

/**
 * A group's students today with their scores on the group's measure and their aim line,
 * as far as the person reaches (lib/auth/guards.ts): a substitute sees only the scores
 * dated inside the windows of the sessions they cover; no reach, null.
 */
export async function groupProbes(user: SessionUser, groupId: string) {
  const reach = await groupReach(user, groupId);
  if (!reach) return null;
  const today = await districtToday(db);
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      probeMeasure: true,
      endDate: true,
      measure: { select: { maxScore: true, direction: true, benchmark: true } },
    },
  });
  if (!group) return null;
  const memberships = await db.membership.findMany({
    where: {
      groupId,
      startDate: { lte: fromIsoDate(today) },
      OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }],
    },
    orderBy: { student: { lastName: 'asc' } },
    select: {
      id: true,
      startDate: true,
      goalScore: true,
      goalDate: true,
      student: { select: { id: true, firstName: true, lastName: true } },
      probes: {
        where: { measure: group.probeMeasure, ...probeDates(reach) },
        orderBy: { administeredOn: 'asc' },
        select: { kind: true, score: true, administeredOn: true },
      },
    },
  });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    today,
    group: {
      id: group.id,
      name: group.name,
      measure: group.probeMeasure,
      maxScore: group.measure.maxScore === null ? null : Number(group.measure.maxScore),
      /** "out of 15 · benchmark 12 · lower is better", as the list says it. */
      detail: measureDetail({
        maxScore: group.measure.maxScore === null ? null : Number(group.measure.maxScore),
        benchmark: group.measure.benchmark === null ? null : Number(group.measure.benchmark),
        direction: group.measure.direction,
      }),
    },
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

/** This week's sessions (Monday to Sunday) the tutor delivers, in time order. */
export async function tutorWeek(tutorId: string) {
  const today = await districtToday(db);
  const monday = weekStart(today);
  const sessions = await db.session.findMany({
    where: { date: { gte: fromIsoDate(monday), lte: fromIsoDate(addDays(monday, 6)) }, ...deliveredBy(tutorId) },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      substituteTutorId: true,
      groupId: true,
      group: { select: { name: true, room: true } },
    },
  });
  return {
    today,
    monday,
    sessions: sessions.map((s) => ({ ...s, date: s.date.toISOString().slice(0, 10) })),
  };
}

export interface TutorStudentRow {
  studentId: string;
  name: string;
  groupName: string;
  week: { scheduled: number; delivered: number };
  cycle: { scheduled: number; delivered: number };
  streak: { kind: 'present' | 'absent'; count: number } | null;
  latest: { score: number; date: string } | null;
}

/** Students of the groups the tutor teaches today: dose this week and this cycle, streaks, latest score. */
export async function tutorStudents(tutorId: string): Promise<{ today: string; rows: TutorStudentRow[] }> {
  const today = await districtToday(db);
  const monday = weekStart(today);
  const rows = await db.$queryRaw<
    {
      membershipId: string;
      studentId: string;
      name: string;
      groupName: string;
      weekScheduled: number;
      weekDelivered: number;
      cycleScheduled: number;
      cycleDelivered: number;
      marks: string[] | null;
    }[]
  >`
    WITH mine AS (
      SELECT m.id, m."studentId", m."groupId", m."startDate", m."endDate", g.name AS "groupName", s."firstName" || ' ' || s."lastName" AS name
      FROM membership m JOIN tutoring_group g ON g.id = m."groupId" JOIN student s ON s.id = m."studentId"
      WHERE g."primaryTutorId" = ${tutorId}::uuid AND g.status = 'ACTIVE'
        AND m."startDate" <= ${today}::date AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date)
    ), rows AS (
      SELECT mine.id, se.date, se."startMinute", se."plannedMinutes", se."makeupForId", se.status AS session_status,
        ${deliveredMinutesSql('se', 'a')} AS delivered,
        a.status AS mark
      FROM mine
      JOIN session se ON se."groupId" = mine."groupId" AND se.date >= mine."startDate" AND se.date <= ${today}::date
      LEFT JOIN attendance a ON a."sessionId" = se.id AND a."studentId" = mine."studentId"
    )
    SELECT mine.id AS "membershipId", mine."studentId", mine.name, mine."groupName",
      COALESCE(SUM(r."plannedMinutes") FILTER (WHERE r.date >= ${monday}::date AND r."makeupForId" IS NULL), 0)::int AS "weekScheduled",
      COALESCE(SUM(r.delivered) FILTER (WHERE r.date >= ${monday}::date), 0)::int AS "weekDelivered",
      COALESCE(SUM(r."plannedMinutes") FILTER (WHERE r."makeupForId" IS NULL), 0)::int AS "cycleScheduled",
      COALESCE(SUM(r.delivered), 0)::int AS "cycleDelivered",
      array_agg(r.mark::text ORDER BY r.date, r."startMinute") FILTER (WHERE r.session_status = 'HELD' AND r.mark IS NOT NULL) AS marks
    FROM mine LEFT JOIN rows r ON r.id = mine.id
    GROUP BY mine.id, mine."studentId", mine.name, mine."groupName"
    ORDER BY mine."groupName", mine.name`;
  const latest = await db.probe.findMany({
    where: { membershipId: { in: rows.map((r) => r.membershipId) }, kind: { not: 'PRE' } },
    orderBy: { administeredOn: 'desc' },
    distinct: ['membershipId'],
    select: { membershipId: true, score: true, administeredOn: true },
  });
  const latestOf = new Map(
    latest.map((p) => [p.membershipId, { score: Number(p.score), date: p.administeredOn.toISOString().slice(0, 10) }]),
  );
  return {
    today,
    rows: rows.map((r) => {
      const marks = r.marks ?? [];
      const last = marks[marks.length - 1];
      let count = 0;
      const absent = last?.startsWith('ABSENT') ?? false;
      for (let i = marks.length - 1; i >= 0 && marks[i]!.startsWith('ABSENT') === absent; i--) count++;
      return {
        studentId: r.studentId,
        name: r.name,
        groupName: r.groupName,
        week: { scheduled: r.weekScheduled, delivered: r.weekDelivered },
        cycle: { scheduled: r.cycleScheduled, delivered: r.cycleDelivered },
        streak: last ? { kind: absent ? 'absent' : 'present', count } : null,
        latest: latestOf.get(r.membershipId) ?? null,
      };
    }),
  };
}

/** Early-warning flags (DOMAIN.md) of the tutor's students, by student id. */
export async function tutorStudentFlags(tutorId: string, today: IsoDate): Promise<Map<string, Flag[]>> {
  const groups = await db.group.findMany({
    where: { primaryTutorId: tutorId, status: 'ACTIVE' },
    select: { siteId: true },
  });
  const policy = await flagPolicy(today);
  const bySite = await Promise.all(
    [...new Set(groups.map((g) => g.siteId))].map((siteId) => siteStudentFlags(siteId, policy)),
  );
  const flags = new Map<string, Flag[]>();
  for (const site of bySite)
    for (const [studentId, list] of site) flags.set(studentId, [...(flags.get(studentId) ?? []), ...list]);
  return flags;
}
