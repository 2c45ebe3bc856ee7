// What the coordinator workspace reads: a site's students with their screener
// results, eligibility, placement priority and dose so far; its groups with seats
// and schedules. Priorities are ranked here, with the pure rules of ./priority.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import type { IsoDate } from '@/lib/sessions/generate';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import { localDate } from '@/lib/time';
import { deliveredMinutesSql, scheduledMinutesSql } from '@/lib/metrics/dose-sql';
import { eligibilityReason, isEligible, rankByPriority, waitlistReason, type SubjectCode } from './priority';
import type { Commitment, Meeting } from './rules';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import type { Flag } from '@/lib/flags/rules';

export const SUBJECTS: readonly SubjectCode[] = ['MATH', 'ELA'];

export interface Policy {
  today: IsoDate;
  timeZone: string;
  maxGroupSize: number;
  eligibilityPercentile: number;
}

/** The district's placement settings; inside a transaction, pass its client. */
export async function placementPolicy(client: Prisma.TransactionClient = db): Promise<Policy> {
  const row = await client.districtSettings.findUnique({
    where: { id: 1 },
    select: { timeZone: true, maxGroupSize: true, eligibilityPercentile: true },
  });
  const values = row ?? DEFAULT_SETTINGS;
  return {
    today: localDate(values.timeZone),
    timeZone: values.timeZone,
    maxGroupSize: values.maxGroupSize,
    eligibilityPercentile: values.eligibilityPercentile,
  };
}

export interface ScreenerView {
  subject: SubjectCode;
  measure: string;
  score: number | null;
  percentile: number;
  testedOn: IsoDate;
}

export interface PlacementView {
  membershipId: string;
  groupId: string;
  groupName: string;
  subject: SubjectCode;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface SubjectStanding {
  subject: SubjectCode;
  screener: ScreenerView | null;
  eligible: boolean;
  placement: PlacementView | null;
  /** On the waitlist: rank among the site's eligible unplaced students in the subject. */
  rank: number | null;
  waitlistSize: number;
  reason: string;
}

export interface StudentRow {
  id: string;
  sisId: string;
  firstName: string;
  lastName: string;
  grade: number;
  referredOn: IsoDate | null;
  supports: string[];
  standings: Record<SubjectCode, SubjectStanding>;
  dose: { scheduled: number; delivered: number };
  /** Early-warning flags of current placements (loaded on request). */
  flags: Flag[];
}

const currentOn = (today: IsoDate): Prisma.MembershipWhereInput => ({
  OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(today) } }],
});

function supportsOf(s: {
  multilingualLearner: boolean;
  iep: boolean;
  section504: boolean;
  economicallyDisadvantaged: boolean;
  foster: boolean;
  homeless: boolean;
}): string[] {
  return [
    s.multilingualLearner && 'Multilingual learner',
    s.iep && 'IEP',
    s.section504 && '504',
    s.economicallyDisadvantaged && 'Econ. disadvantaged',
    s.foster && 'Foster',
    s.homeless && 'Homeless',
  ].filter((x): x is string => typeof x === 'string');
}

/** Minutes scheduled and delivered so far (DOMAIN.md dose) for each student of a site, in current placements' groups. */
export async function doseSoFar(
  siteId: string,
  today: IsoDate,
): Promise<Map<string, { scheduled: number; delivered: number }>> {
  const rows = await db.$queryRaw<{ studentId: string; scheduled: number; delivered: number }[]>`
    SELECT m."studentId",
      COALESCE(SUM(${scheduledMinutesSql('s')}), 0)::int AS scheduled,
      COALESCE(SUM(${deliveredMinutesSql('s', 'a')}), 0)::int AS delivered
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN session s ON s."groupId" = m."groupId" AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
    LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
    WHERE g."siteId" = ${siteId}::uuid AND s.date <= ${today}::date
      AND g."cycleId" IN (SELECT "cycleId" FROM tutoring_group WHERE "siteId" = ${siteId}::uuid AND "endDate" >= ${today}::date)
    GROUP BY m."studentId"`;
  return new Map(rows.map((r) => [r.studentId, { scheduled: r.scheduled, delivered: r.delivered }]));
}

/** Every active student of a site, with eligibility, placement and priority per subject. */
export async function siteStudents(siteId: string, policy: Policy, { withFlags = false } = {}): Promise<StudentRow[]> {
  const [students, dose, flags] = await Promise.all([
    db.student.findMany({
      where: { siteId, status: 'ACTIVE' },
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
      select: {
        id: true,
        sisId: true,
        firstName: true,
        lastName: true,
        grade: true,
        referredOn: true,
        multilingualLearner: true,
        iep: true,
        section504: true,
        economicallyDisadvantaged: true,
        foster: true,
        homeless: true,
        screeners: {
          orderBy: [{ testedOn: 'desc' }, { percentile: 'asc' }],
          select: { subject: true, measure: true, score: true, percentile: true, testedOn: true },
        },
        memberships: {
          where: currentOn(policy.today),
          orderBy: { startDate: 'asc' },
          select: {
            id: true,
            startDate: true,
            endDate: true,
            group: { select: { id: true, name: true, subject: true } },
          },
        },
      },
    }),
    doseSoFar(siteId, policy.today),
    withFlags
      ? flagPolicy(policy.today).then((p) => siteStudentFlags(siteId, p))
      : Promise.resolve(new Map<string, Flag[]>()),
  ]);

  const rows: StudentRow[] = students.map((s) => {
    const standings = {} as Record<SubjectCode, SubjectStanding>;
    for (const subject of SUBJECTS) {
      const latest = s.screeners.find((r) => r.subject === subject);
      const screener: ScreenerView | null = latest
        ? {
            subject,
            measure: latest.measure,
            score: latest.score === null ? null : Number(latest.score),
            percentile: latest.percentile,
            testedOn: toIsoDate(latest.testedOn),
          }
        : null;
      const current = s.memberships.find((m) => m.group.subject === subject);
      const placement: PlacementView | null = current
        ? {
            membershipId: current.id,
            groupId: current.group.id,
            groupName: current.group.name,
            subject,
            startDate: toIsoDate(current.startDate),
            endDate: current.endDate ? toIsoDate(current.endDate) : null,
          }
        : null;
      const eligible = isEligible(screener?.percentile ?? null, policy.eligibilityPercentile);
      standings[subject] = {
        subject,
        screener,
        eligible,
        placement,
        rank: null,
        waitlistSize: 0,
        reason: eligibilityReason(subject, screener?.percentile ?? null, policy.eligibilityPercentile),
      };
    }
    return {
      id: s.id,
      sisId: s.sisId,
      firstName: s.firstName,
      lastName: s.lastName,
      grade: s.grade,
      referredOn: s.referredOn ? toIsoDate(s.referredOn) : null,
      supports: supportsOf(s),
      standings,
      dose: dose.get(s.id) ?? { scheduled: 0, delivered: 0 },
      flags: flags.get(s.id) ?? [],
    };
  });

  for (const subject of SUBJECTS) {
    const waiting = rows
      .filter((r) => r.standings[subject].eligible && !r.standings[subject].placement)
      .map((r) => ({
        studentId: r.id,
        sisId: r.sisId,
        percentile: r.standings[subject].screener!.percentile,
        referredOn: r.referredOn,
        row: r,
      }));
    for (const { candidate, rank, total } of rankByPriority(waiting)) {
      const standing = candidate.row.standings[subject];
      standing.rank = rank;
      standing.waitlistSize = total;
      standing.reason = waitlistReason(subject, candidate.percentile, rank, total);
    }
    for (const row of rows) {
      const standing = row.standings[subject];
      if (standing.placement && standing.screener) {
        standing.reason = `${eligibilityReason(subject, standing.screener.percentile, policy.eligibilityPercentile).split(' — ')[0]} — placed in ${standing.placement.groupName}`;
      }
    }
  }
  return rows;
}

/** The waitlist of one subject at a site, in priority order. */
export function waitlistOf(rows: readonly StudentRow[], subject: SubjectCode): StudentRow[] {
  return rows
    .filter((r) => r.standings[subject].rank !== null)
    .sort((a, b) => a.standings[subject].rank! - b.standings[subject].rank!);
}

const meetingSelect = { weekday: true, startMinute: true, plannedMinutes: true } as const;

export interface GroupSummary {
  id: string;
  name: string;
  subject: SubjectCode;
  gradeMin: number;
  gradeMax: number;
  targetSkill: string;
  probeMeasure: string;
  modality: string;
  room: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  status: string;
  tutor: { id: string; name: string };
  meetings: Meeting[];
  /** Students placed today (or on the group's start date, before it starts). */
  seatsTaken: number;
}

/** A site's groups that have not ended, with seats taken on `today` (or their first day). */
export async function siteGroups(
  siteId: string,
  policy: Policy,
  { includeEnded = false } = {},
): Promise<GroupSummary[]> {
  const groups = await db.group.findMany({
    where: { siteId, ...(includeEnded ? {} : { status: 'ACTIVE', endDate: { gte: fromIsoDate(policy.today) } }) },
    orderBy: [{ subject: 'asc' }, { gradeMin: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      subject: true,
      gradeMin: true,
      gradeMax: true,
      targetSkill: true,
      probeMeasure: true,
      modality: true,
      room: true,
      startDate: true,
      endDate: true,
      status: true,
      primaryTutor: { select: { id: true, name: true } },
      meetings: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }], select: meetingSelect },
      memberships: { where: currentOn(policy.today), select: { startDate: true, endDate: true } },
    },
  });
  return groups.map((g) => {
    const startDate = toIsoDate(g.startDate);
    const day = policy.today > startDate ? policy.today : startDate;
    const seatsTaken = g.memberships.filter(
      (m) => toIsoDate(m.startDate) <= day && (m.endDate === null || toIsoDate(m.endDate) >= day),
    ).length;
    return {
      id: g.id,
      name: g.name,
      subject: g.subject,
      gradeMin: g.gradeMin,
      gradeMax: g.gradeMax,
      targetSkill: g.targetSkill,
      probeMeasure: g.probeMeasure,
      modality: g.modality,
      room: g.room,
      startDate,
      endDate: toIsoDate(g.endDate),
      status: g.status,
      tutor: g.primaryTutor,
      meetings: g.meetings,
      seatsTaken,
    };
  });
}

/** A student's current placements as commitments the rules can check against. */
export async function studentCommitments(
  tx: Prisma.TransactionClient | typeof db,
  studentId: string,
  from: IsoDate,
): Promise<Commitment[]> {
  const memberships = await tx.membership.findMany({
    where: { studentId, ...currentOn(from) },
    select: {
      startDate: true,
      endDate: true,
      group: { select: { id: true, name: true, subject: true, meetings: { select: meetingSelect } } },
    },
  });
  return memberships.map((m) => ({
    groupId: m.group.id,
    groupName: m.group.name,
    subject: m.group.subject,
    meetings: m.group.meetings,
    startDate: toIsoDate(m.startDate),
    endDate: m.endDate ? toIsoDate(m.endDate) : null,
  }));
}

/** A tutor's active groups that have not ended by `from`. */
export async function tutorCommitments(
  tx: Prisma.TransactionClient | typeof db,
  tutorId: string,
  from: IsoDate,
): Promise<Commitment[]> {
  const groups = await tx.group.findMany({
    where: { primaryTutorId: tutorId, status: 'ACTIVE', endDate: { gte: fromIsoDate(from) } },
    select: {
      id: true,
      name: true,
      subject: true,
      startDate: true,
      endDate: true,
      meetings: { select: meetingSelect },
    },
  });
  return groups.map((g) => ({
    groupId: g.id,
    groupName: g.name,
    subject: g.subject,
    meetings: g.meetings,
    startDate: toIsoDate(g.startDate),
    endDate: toIsoDate(g.endDate),
  }));
}

/** Tutors who may teach at a site (tutor role, active, assigned to the site). */
export async function siteTutorOptions(siteId: string) {
  const tutors = await db.user.findMany({
    where: { role: 'TUTOR', active: true, sites: { some: { siteId } }, tutorProfile: { isNot: null } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      tutorProfile: {
        select: { subjects: true, gradeMin: true, gradeMax: true, capacityGroups: true, capacityMinutesPerWeek: true },
      },
    },
  });
  return tutors.map((t) => ({ id: t.id, name: t.name, ...t.tutorProfile! }));
}

export async function cycleOptions() {
  const cycles = await db.cycle.findMany({
    orderBy: { startDate: 'desc' },
    select: { id: true, name: true, startDate: true, endDate: true },
  });
  return cycles.map((c) => ({
    id: c.id,
    name: c.name,
    startDate: toIsoDate(c.startDate),
    endDate: toIsoDate(c.endDate),
  }));
}

/** Current placements of many students at once, for the rules' verdicts on a page. */
export async function commitmentsFor(studentIds: string[], from: IsoDate): Promise<Map<string, Commitment[]>> {
  const memberships = await db.membership.findMany({
    where: { studentId: { in: studentIds }, ...currentOn(from) },
    select: {
      studentId: true,
      startDate: true,
      endDate: true,
      group: { select: { id: true, name: true, subject: true, meetings: { select: meetingSelect } } },
    },
  });
  const byStudent = new Map<string, Commitment[]>();
  for (const m of memberships) {
    const list = byStudent.get(m.studentId) ?? [];
    list.push({
      groupId: m.group.id,
      groupName: m.group.name,
      subject: m.group.subject,
      meetings: m.group.meetings,
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
    });
    byStudent.set(m.studentId, list);
  }
  return byStudent;
}

/** One group with its members now and before (placements are never deleted once begun). */
export async function groupDetail(groupId: string) {
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      siteId: true,
      subject: true,
      gradeMin: true,
      gradeMax: true,
      targetSkill: true,
      probeMeasure: true,
      modality: true,
      room: true,
      startDate: true,
      endDate: true,
      status: true,
      cycle: { select: { name: true } },
      primaryTutor: { select: { id: true, name: true } },
      meetings: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }], select: meetingSelect },
      memberships: {
        orderBy: [{ startDate: 'asc' }],
        select: {
          id: true,
          startDate: true,
          endDate: true,
          endReason: true,
          goalScore: true,
          student: { select: { id: true, firstName: true, lastName: true, grade: true, sisId: true } },
        },
      },
    },
  });
  if (!group) return null;
  return {
    ...group,
    startDate: toIsoDate(group.startDate),
    endDate: toIsoDate(group.endDate),
    memberships: group.memberships.map((m) => ({
      ...m,
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
      goalScore: m.goalScore === null ? null : Number(m.goalScore),
    })),
  };
}

/** A group's next sessions with who teaches each (the primary tutor or a substitute). */
export async function upcomingSessions(groupId: string, from: IsoDate, take = 12) {
  const sessions = await db.session.findMany({
    where: { groupId, date: { gte: fromIsoDate(from) } },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    take,
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      status: true,
      cancellationReason: true,
      makeupForId: true,
      substituteTutor: { select: { name: true } },
    },
  });
  return sessions.map((s) => ({ ...s, date: toIsoDate(s.date) }));
}
