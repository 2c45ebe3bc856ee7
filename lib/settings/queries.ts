import 'server-only';
import { db } from '@/lib/db';
import { settingsSelect } from './district';
import { DEFAULT_SETTINGS } from './fields';

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
