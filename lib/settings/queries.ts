import 'server-only';
import { db } from '@/lib/db';
import { DEFAULT_SETTINGS } from './fields';

export const settingsSelect = {
  districtName: true,
  timeZone: true,
  targetSessionsPerWeek: true,
  targetMinutesPerSession: true,
  targetMinutesPerWeek: true,
  maxGroupSize: true,
  eligibilityPercentile: true,
  minProgramWeeks: true,
  flagConsecutiveAbsences: true,
  flagDoseRatePercent: true,
  flagDoseWindowWeeks: true,
  flagNoProbeWeeks: true,
  flagProbesBelowAim: true,
  flagNoHeldSessionDays: true,
  suppressionMinN: true,
} as const;

/** The policy in force (the defaults until someone saves), with who last changed it. */
export async function districtSettings() {
  const row = await db.districtSettings.findUnique({
    where: { id: 1 },
    select: { ...settingsSelect, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  if (!row) return { values: { ...DEFAULT_SETTINGS }, updatedAt: null, updatedByName: null };
  const { updatedAt, updatedBy, ...values } = row;
  return { values, updatedAt, updatedByName: updatedBy?.name ?? null };
}

export async function districtTimeZone(): Promise<string> {
  const row = await db.districtSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return row?.timeZone ?? DEFAULT_SETTINGS.timeZone;
}
