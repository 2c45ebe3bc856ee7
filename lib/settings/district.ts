// The district's settings row, read in one place: every policy (placement, metrics,
// flags) and every "today in the district" is derived from what this returns. Takes
// the caller's client, so a transaction reads it through its own connection.
import { now as clockNow } from '@/lib/clock';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { localDate, localMinuteOfDay } from '@/lib/dates/zone';
import { DEFAULT_SETTINGS, type SettingsValues } from './fields';

export type SettingsReader = Pick<Prisma.TransactionClient, 'districtSettings'>;

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
} as const satisfies Record<keyof SettingsValues, true>;

/** The settings in force: the saved row, or DOMAIN.md's defaults until someone saves. */
export async function readDistrictSettings(client: SettingsReader): Promise<SettingsValues> {
  return (
    (await client.districtSettings.findUnique({ where: { id: 1 }, select: settingsSelect })) ?? { ...DEFAULT_SETTINGS }
  );
}

/** The district's time zone (IANA). */
export async function districtTimeZone(client: SettingsReader): Promise<string> {
  const row = await client.districtSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return row?.timeZone ?? DEFAULT_SETTINGS.timeZone;
}

/** Today in the district (its time zone, the app's clock). */
export async function districtToday(client: SettingsReader, now = clockNow()): Promise<IsoDate> {
  return localDate(await districtTimeZone(client), now);
}

/** Today and the minute of the day now, in the district. */
export async function districtNow(
  client: SettingsReader,
  now = clockNow(),
): Promise<{ today: IsoDate; minute: number }> {
  const timeZone = await districtTimeZone(client);
  return { today: localDate(timeZone, now), minute: localMinuteOfDay(timeZone, now) };
}
