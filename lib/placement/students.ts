// A site's students as the coordinator workspace reads them: screener results,
// eligibility, placement priority and dose so far; the waitlist per subject. Priorities
// are ranked here, with the pure rules of ./priority.
import 'server-only';
import { db } from '@/lib/db';
import { toIsoDate } from '@/lib/sessions/schedule';
import type { IsoDate } from '@/lib/dates';
import { deliveredMinutesSql, scheduledMinutesSql } from '@/lib/metrics/dose-sql';
import { eligibilityReason, isEligible, rankByPriority, waitlistReason, type SubjectCode } from './priority';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import type { Flag } from '@/lib/flags/rules';
import { currentOn } from './groups';
import { SUBJECTS, type Policy } from './policy';

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
