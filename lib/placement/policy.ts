// The placement policy a coordinator's pages and actions apply: the district's
// eligibility and group-size settings and the district's today, read in one place.
import 'server-only';
import { readDistrictSettings } from '@/lib/settings/district';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { localDate } from '@/lib/dates/zone';
import { type SubjectCode } from './priority';

export const SUBJECTS: readonly SubjectCode[] = ['MATH', 'ELA'];

export interface Policy {
  today: IsoDate;
  timeZone: string;
  maxGroupSize: number;
  eligibilityPercentile: number;
  /** The program standard a new or changed group's plan is checked against. */
  targetMinutesPerWeek: number;
  minProgramWeeks: number;
}

/** The district's placement settings (today by the app's clock, or `now`); inside a transaction, pass its client. */
export async function placementPolicy(client: Prisma.TransactionClient = db, now?: Date): Promise<Policy> {
  const values = await readDistrictSettings(client);
  return {
    today: localDate(values.timeZone, now),
    timeZone: values.timeZone,
    maxGroupSize: values.maxGroupSize,
    eligibilityPercentile: values.eligibilityPercentile,
    targetMinutesPerWeek: values.targetMinutesPerWeek,
    minProgramWeeks: values.minProgramWeeks,
  };
}
