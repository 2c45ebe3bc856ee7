// A site's follow-up list: flagged students and groups (DOMAIN.md early-warning flags),
// cancelled sessions still without a make-up, and what has been done lately.
import 'server-only';
import { readDistrictSettings } from '@/lib/settings/district';
import { db } from '@/lib/db';
import { flagPolicy, siteStudentFlags } from '@/lib/flags/students';
import type { Flag } from '@/lib/flags/rules';
import { addDays } from '@/lib/dates';
import type { Policy } from '@/lib/placement/policy';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';

export type GroupFlagKind = 'over_size' | 'no_held_session';

export interface GroupFlag {
  kind: GroupFlagKind;
  message: string;
}

export async function flaggedStudents(siteId: string, policy: Policy) {
  const flags = await siteStudentFlags(siteId, await flagPolicy(policy.today));
  const students = await db.student.findMany({
    where: { id: { in: [...flags.keys()] } },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, sisId: true, firstName: true, lastName: true },
  });
  return students.map((s) => ({ ...s, flags: flags.get(s.id) as Flag[] }));
}

/** Groups over the size limit today, or without a held session for the policy's number of days. */
export async function flaggedGroups(siteId: string, policy: Policy) {
  const days = (await readDistrictSettings(db)).flagNoHeldSessionDays;
  const since = addDays(policy.today, -days);
  const today = fromIsoDate(policy.today);
  const groups = await db.group.findMany({
    where: { siteId, status: 'ACTIVE', startDate: { lte: fromIsoDate(since) }, endDate: { gte: today } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      memberships: {
        where: { startDate: { lte: today }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { id: true },
      },
      sessions: { where: { status: 'HELD' }, orderBy: { date: 'desc' }, take: 1, select: { date: true } },
    },
  });
  const flagged: { id: string; name: string; flags: GroupFlag[] }[] = [];
  for (const g of groups) {
    const flags: GroupFlag[] = [];
    if (g.memberships.length > policy.maxGroupSize)
      flags.push({
        kind: 'over_size',
        message: `${g.memberships.length} students; the limit is ${policy.maxGroupSize}`,
      });
    const last = g.sessions[0] ? toIsoDate(g.sessions[0].date) : null;
    if (!last || last < since)
      flags.push({
        kind: 'no_held_session',
        message: last ? `No session held since ${last} (${days}+ days)` : 'No session held yet',
      });
    if (flags.length) flagged.push({ id: g.id, name: g.name, flags });
  }
  return flagged;
}

/** Cancelled sessions of the last four weeks that no make-up replaces yet. */
export async function cancelledWithoutMakeup(siteId: string, policy: Policy) {
  const sessions = await db.session.findMany({
    where: {
      group: { siteId, status: 'ACTIVE' },
      status: 'CANCELLED',
      makeup: null,
      date: { gte: fromIsoDate(addDays(policy.today, -28)), lte: fromIsoDate(policy.today) },
    },
    orderBy: [{ date: 'desc' }, { startMinute: 'asc' }],
    take: 50,
    select: {
      id: true,
      date: true,
      startMinute: true,
      plannedMinutes: true,
      cancellationReason: true,
      group: { select: { id: true, name: true } },
    },
  });
  return sessions.map((s) => ({ ...s, date: toIsoDate(s.date) }));
}

export async function recentFollowUps(siteId: string) {
  const rows = await db.followUp.findMany({
    where: { siteId },
    orderBy: { createdAt: 'desc' },
    take: 25,
    select: {
      id: true,
      flag: true,
      action: true,
      note: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      student: { select: { firstName: true, lastName: true } },
      group: { select: { id: true, name: true } },
      makeupSession: { select: { date: true, startMinute: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    makeupSession: r.makeupSession ? { ...r.makeupSession, date: toIsoDate(r.makeupSession.date) } : null,
  }));
}
