'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { DEFAULT_SETTINGS } from './fields';
import { settingsSelect } from './district';
import { settingsSchema } from './schemas';

export const updateSettingsAction = defineAction({
  name: 'settings.update',
  permission: 'settings.update',
  input: settingsSchema,
  async run({ tx, user, input, audit }) {
    const { loadedUpdatedAt, ...values } = input;
    // Lock the row so two admins saving at once apply one after the other.
    await tx.$executeRaw`SELECT 1 FROM district_settings WHERE id = 1 FOR UPDATE`;
    const current = await tx.districtSettings.findUnique({
      where: { id: 1 },
      select: { ...settingsSelect, updatedAt: true },
    });
    if (current && loadedUpdatedAt && current.updatedAt.getTime() !== new Date(loadedUpdatedAt).getTime()) {
      throw new ActionError(
        'Someone else changed the settings after you opened this page. Reload the page to see their change, then try again.',
      );
    }
    const { updatedAt: lastUpdatedAt, ...stored } = current ?? { ...DEFAULT_SETTINGS, updatedAt: null };
    const before: Record<string, string | number> = stored;
    const changedBefore: Record<string, string | number> = {};
    const changedAfter: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(values)) {
      if (before[key] === value) continue;
      changedBefore[key] = before[key]!;
      changedAfter[key] = value;
    }
    if (Object.keys(changedAfter).length === 0)
      return { changed: [] as string[], updatedAt: lastUpdatedAt?.toISOString() ?? null };

    const saved = await tx.districtSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...values, updatedById: user.id },
      update: { ...values, updatedById: user.id },
      select: { updatedAt: true },
    });
    await audit({ entityType: 'district_settings', entityId: '1', before: changedBefore, after: changedAfter });
    revalidatePath('/', 'layout');
    return { changed: Object.keys(changedAfter), updatedAt: saved.updatedAt.toISOString() };
  },
});
