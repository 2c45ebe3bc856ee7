// Which rows a metric counts: one scope filter shared by every metrics query, and
// the policy figures (target dose, today) the queries need.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Scope: `from`/`to` are session dates (inclusive). `siteIds`, `subject`,
//   `cycleId`, `groupId` filter the group; `grades` the student's current grade;
//   `providerId` the provider of the group's primary tutor. Access filters the
//   student's own site. An empty `siteIds` matches nothing.
import { readDistrictSettings, type SettingsReader } from '@/lib/settings/district';
import { z } from 'zod';
import { isoDateSchema } from '@/lib/dates';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { localDate } from '@/lib/dates/zone';
import { now as clockNow } from '@/lib/clock';

const isoDate = isoDateSchema();

export const metricsScopeSchema = z
  .object({
    cycleId: z.uuid().optional(),
    /** Session dates, both ends included, in the district's calendar. */
    from: isoDate,
    to: isoDate,
    /** The groups' sites. An empty list matches nothing (a coordinator with no site sees nothing). */
    siteIds: z.array(z.uuid()).optional(),
    subject: z.enum(['MATH', 'ELA']).optional(),
    /** The students' current grades. */
    grades: z.array(z.number().int().min(-1).max(12)).optional(),
    /** The provider of the group's primary tutor. */
    providerId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    studentId: z.uuid().optional(),
  })
  .refine((s) => s.from <= s.to, { message: 'The window ends before it starts.', path: ['to'] });

export type MetricsScope = z.input<typeof metricsScopeSchema>;

/** Conditions on a group row (alias `g`): cycle, sites, subject, group, provider. */
export function groupFilterSql(scope: MetricsScope, g = 'g'): Prisma.Sql {
  const G = Prisma.raw(g);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (scope.cycleId) parts.push(Prisma.sql`${G}."cycleId" = ${scope.cycleId}::uuid`);
  if (scope.siteIds) parts.push(Prisma.sql`${G}."siteId" = ANY(${scope.siteIds}::uuid[])`);
  if (scope.subject) parts.push(Prisma.sql`${G}.subject = ${scope.subject}::"Subject"`);
  if (scope.groupId) parts.push(Prisma.sql`${G}.id = ${scope.groupId}::uuid`);
  if (scope.providerId) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM tutor_profile tp WHERE tp."userId" = ${G}."primaryTutorId" AND tp."providerId" = ${scope.providerId}::uuid)`,
    );
  }
  return Prisma.join(parts, ' AND ');
}

/** Conditions on a student row (alias `st`): one student, grades. */
export function studentFilterSql(scope: MetricsScope, st = 'st'): Prisma.Sql {
  const S = Prisma.raw(st);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (scope.studentId) parts.push(Prisma.sql`${S}.id = ${scope.studentId}::uuid`);
  if (scope.grades) parts.push(Prisma.sql`${S}.grade = ANY(${scope.grades}::int[])`);
  return Prisma.join(parts, ' AND ');
}

export const hasStudentFilter = (scope: MetricsScope) => Boolean(scope.studentId || scope.grades);

/** The policy figures metrics use, with "today" in the district's time zone. */
export interface MetricsPolicy {
  today: IsoDate;
  timeZone: string;
  targetMinutesPerWeek: number;
  targetSessionsPerWeek: number;
  targetMinutesPerSession: number;
  maxGroupSize: number;
  minProgramWeeks: number;
  eligibilityPercentile: number;
  underDosedPercent: number;
  suppressionMinN: number;
}

export async function metricsPolicy(db: SettingsReader, now = clockNow()): Promise<MetricsPolicy> {
  const s = await readDistrictSettings(db);
  return {
    today: localDate(s.timeZone, now),
    timeZone: s.timeZone,
    targetMinutesPerWeek: s.targetMinutesPerWeek,
    targetSessionsPerWeek: s.targetSessionsPerWeek,
    targetMinutesPerSession: s.targetMinutesPerSession,
    maxGroupSize: s.maxGroupSize,
    minProgramWeeks: s.minProgramWeeks,
    eligibilityPercentile: s.eligibilityPercentile,
    underDosedPercent: s.flagDoseRatePercent,
    suppressionMinN: s.suppressionMinN,
  };
}
