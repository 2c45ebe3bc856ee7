// The per-student export (dashboards issue, item 7): one row per student and group
// placed in the window, with their dose, sessions and goal, for staff with access to
// those students — student-level, so nothing is suppressed — and one audit event per
// download (who, the window, the filters, the row count). Figures come from the
// metrics module (studentWeekDose, placementGrowth, latestOutcome).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { toCsv } from '@/lib/reports/csv';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { latestOutcome, placementGrowth, studentWeekDose, type PlacementGrowth } from '@/lib/metrics';
import { metricsPolicy } from '@/lib/metrics/scope';
import { toIsoDate } from '@/lib/sessions/schedule';
import { STUDENT_EXPORT_COLUMNS, type StudentExportQuery } from './form';

export { MAX_EXPORT_DAYS, STUDENT_EXPORT_COLUMNS, studentExportQuerySchema, type StudentExportQuery } from './form';

export type StudentExportRow = Record<(typeof STUDENT_EXPORT_COLUMNS)[number], string>;

const metGoalText = { met: 'yes', 'not-met': 'no', 'under-dosed': 'under-dosed', 'not-judged': '' } as const;

const number = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : String(Math.round(n * 100) / 100);

/** The rows, sorted by site, student, subject and group. */
export async function studentExportRows(
  query: StudentExportQuery,
  tx: Prisma.TransactionClient = db,
): Promise<StudentExportRow[]> {
  const policy = await metricsPolicy(tx);
  const scope = {
    from: query.from,
    to: query.to,
    siteIds: query.site ? [query.site] : undefined,
    subject: query.subject,
  };
  const weeks = await studentWeekDose(tx, scope, policy);
  const placements = await placementGrowth(tx, scope, policy);

  const key = (studentId: string, groupId: string) => `${studentId}|${groupId}`;
  const dose = new Map<
    string,
    { studentId: string; groupId: string; scheduled: number; delivered: number; sessions: number; attended: number }
  >();
  for (const w of weeks) {
    const k = key(w.studentId, w.groupId);
    const d = dose.get(k) ?? {
      studentId: w.studentId,
      groupId: w.groupId,
      scheduled: 0,
      delivered: 0,
      sessions: 0,
      attended: 0,
    };
    d.scheduled += w.scheduled;
    d.delivered += w.delivered;
    d.sessions += w.scheduledSessions;
    d.attended += w.attended;
    dose.set(k, d);
  }
  // A student placed in the same group twice: the latest placement's goal and scores.
  const growth = new Map<string, PlacementGrowth>();
  for (const p of placements) {
    const k = key(p.studentId, p.groupId);
    const seen = growth.get(k);
    if (!seen || seen.placedOn <= p.placedOn) growth.set(k, p);
    if (!dose.has(k))
      dose.set(k, { studentId: p.studentId, groupId: p.groupId, scheduled: 0, delivered: 0, sessions: 0, attended: 0 });
  }

  const [students, groups] = await Promise.all([
    tx.student.findMany({
      where: { id: { in: [...new Set([...dose.values()].map((d) => d.studentId))] } },
      select: { id: true, sisId: true },
    }),
    tx.group.findMany({
      where: { id: { in: [...new Set([...dose.values()].map((d) => d.groupId))] } },
      select: { id: true, subject: true, site: { select: { code: true } } },
    }),
  ]);
  const sisOf = new Map(students.map((s) => [s.id, s.sisId]));
  const groupOf = new Map(groups.map((g) => [g.id, g]));
  const rows = [...dose.entries()].map(([k, d]): StudentExportRow => {
    const g = growth.get(k);
    const group = groupOf.get(d.groupId);
    return {
      student_sis_id: sisOf.get(d.studentId) ?? '',
      site_code: group?.site.code ?? '',
      subject: group?.subject ?? '',
      group_id: d.groupId,
      dose_scheduled_minutes: String(d.scheduled),
      dose_delivered_minutes: String(d.delivered),
      sessions_scheduled: String(d.sessions),
      sessions_attended: String(d.attended),
      latest_score: number(g ? latestOutcome(g.scores)?.score : null),
      goal: number(g?.goal),
      // The one judgement every view uses: under-dosed placements are not judged.
      met_goal: g ? metGoalText[g.judgement] : '',
    };
  });
  const order = (r: StudentExportRow) => [r.site_code, r.student_sis_id, r.subject, r.group_id];
  return rows.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

export function studentExportCsv(rows: readonly StudentExportRow[]): string {
  return toCsv([[...STUDENT_EXPORT_COLUMNS], ...rows.map((r) => STUDENT_EXPORT_COLUMNS.map((c) => r[c]))]);
}

export const STUDENT_EXPORT_ACTION = 'exports.students';

/**
 * Builds the rows, then records the download in the audit log before the file is
 * returned: if the audit insert fails, no file leaves.
 */
export async function exportStudents(
  actorId: string,
  query: StudentExportQuery,
): Promise<{ csv: string; rows: number; exportId: string }> {
  const rows = await studentExportRows(query);
  const exportId = randomUUID();
  await db.auditEvent.create({
    data: {
      actorId,
      action: STUDENT_EXPORT_ACTION,
      entityType: 'export',
      entityId: exportId,
      siteId: query.site ?? null,
      after: {
        kind: 'per-student',
        from: query.from,
        to: query.to,
        site: query.site ?? null,
        subject: query.subject ?? null,
        rows: rows.length,
        columns: [...STUDENT_EXPORT_COLUMNS],
      },
    },
  });
  return { csv: studentExportCsv(rows), rows: rows.length, exportId };
}

/** The form's default window: the latest cycle that has started, from its start to today (or its end). */
export async function exportDefaults(): Promise<{ from: string; to: string }> {
  const [policy, cycles] = await Promise.all([
    metricsPolicy(db),
    db.cycle.findMany({ select: { startDate: true, endDate: true }, orderBy: { startDate: 'asc' } }),
  ]);
  const today = policy.today;
  const running = cycles
    .map((c) => ({ start: toIsoDate(c.startDate), end: toIsoDate(c.endDate) }))
    .filter((c) => c.start <= today)
    .at(-1);
  return { from: running?.start ?? today, to: running && running.end < today ? running.end : today };
}
