// Loads the evidence behind each placed student's early-warning flags at a site:
// a handful of set-based queries for the whole site, then the pure rules.
import 'server-only';
import { readDistrictSettings } from '@/lib/settings/district';
import { db } from '@/lib/db';
import { deliveredMinutesSql, scheduledMinutesSql } from '@/lib/metrics/dose-sql';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import type { IsoDate } from '@/lib/dates';
import { addDays } from '@/lib/dates';
import { studentFlags, type Flag, type FlagPolicy } from './rules';

export async function flagPolicy(today: IsoDate): Promise<FlagPolicy> {
  const s = await readDistrictSettings(db);
  return {
    today,
    consecutiveAbsences: s.flagConsecutiveAbsences,
    doseRatePercent: s.flagDoseRatePercent,
    doseWindowWeeks: s.flagDoseWindowWeeks,
    noProbeWeeks: s.flagNoProbeWeeks,
    probesBelowAim: s.flagProbesBelowAim,
  };
}

/** Flags of every student placed at the site today, each message led by the group's name. */
export async function siteStudentFlags(siteId: string, policy: FlagPolicy): Promise<Map<string, Flag[]>> {
  const today = fromIsoDate(policy.today);
  const memberships = await db.membership.findMany({
    where: { group: { siteId }, startDate: { lte: today }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
    select: {
      id: true,
      studentId: true,
      startDate: true,
      goalScore: true,
      goalDate: true,
      group: { select: { name: true, endDate: true, measure: { select: { direction: true } } } },
    },
  });
  if (memberships.length === 0) return new Map();
  const ids = memberships.map((m) => m.id);
  const windowStart = addDays(policy.today, -(policy.doseWindowWeeks * 7));
  const [attendance, dose, probes] = await Promise.all([
    db.$queryRaw<{ membershipId: string; status: string }[]>`
      SELECT m.id AS "membershipId", a.status::text AS status
      FROM membership m
      JOIN session s ON s."groupId" = m."groupId" AND s.status = 'HELD' AND s.date >= m."startDate" AND s.date <= ${policy.today}::date
      JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
      WHERE m.id = ANY(${ids}::uuid[])
      ORDER BY s.date, s."startMinute"`,
    db.$queryRaw<{ membershipId: string; scheduled: number; delivered: number }[]>`
      SELECT m.id AS "membershipId",
        COALESCE(SUM(${scheduledMinutesSql('s')}), 0)::int AS scheduled,
        COALESCE(SUM(${deliveredMinutesSql('s', 'a')}), 0)::int AS delivered
      FROM membership m
      JOIN session s ON s."groupId" = m."groupId" AND s.date >= GREATEST(m."startDate", ${windowStart}::date) AND s.date < ${policy.today}::date
      LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
      WHERE m.id = ANY(${ids}::uuid[])
      GROUP BY m.id`,
    db.probe.findMany({
      where: { membershipId: { in: ids } },
      orderBy: { administeredOn: 'asc' },
      select: { membershipId: true, kind: true, score: true, administeredOn: true },
    }),
  ]);

  const byMembership = <T extends { membershipId: string | null }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      if (!row.membershipId) continue;
      const list = map.get(row.membershipId);
      if (list) list.push(row);
      else map.set(row.membershipId, [row]);
    }
    return map;
  };
  const [attendanceOf, probesOf] = [byMembership(attendance), byMembership(probes)];
  const doseOf = new Map(dose.map((d) => [d.membershipId, d]));
  const flags = new Map<string, Flag[]>();
  for (const m of memberships) {
    const own = probesOf.get(m.id) ?? [];
    const pre = own.find((p) => p.kind === 'PRE');
    const placedOn = toIsoDate(m.startDate);
    const goalDate = toIsoDate(m.goalDate ?? m.group.endDate);
    const found = studentFlags(
      {
        attendance: (attendanceOf.get(m.id) ?? []).map((a) => a.status),
        dose: doseOf.get(m.id) ?? { scheduled: 0, delivered: 0 },
        placedOn,
        lastProbeOn: own.length ? toIsoDate(own[own.length - 1]!.administeredOn) : null,
        aim:
          pre && m.goalScore !== null
            ? {
                start: placedOn,
                pre: Number(pre.score),
                goalDate,
                goal: Number(m.goalScore),
                lowerIsBetter: m.group.measure.direction === 'LOWER_IS_BETTER',
              }
            : null,
        progress: own
          .filter((p) => p.kind !== 'PRE')
          .map((p) => ({ date: toIsoDate(p.administeredOn), score: Number(p.score) })),
      },
      policy,
    );
    if (found.length)
      flags.set(m.studentId, [
        ...(flags.get(m.studentId) ?? []),
        ...found.map((f) => ({ ...f, message: `${m.group.name}: ${f.message}` })),
      ]);
  }
  return flags;
}
