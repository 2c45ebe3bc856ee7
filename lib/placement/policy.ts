// The placement policy a coordinator's pages and actions apply: the district's
// eligibility and group-size settings and the district's today, read in one place.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import { localDate } from '@/lib/time';
import { type SubjectCode } from './priority';

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
