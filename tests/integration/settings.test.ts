// District settings: validated with the database's own bounds, audited, admins only.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { updateSettingsAction } from '../../lib/settings/actions';
import { DEFAULT_SETTINGS, SETTINGS_NUMBER_FIELDS } from '../../lib/settings/fields';
import { districtSettings } from '../../lib/settings/queries';
import { districtNow, districtToday, readDistrictSettings } from '../../lib/settings/district';
import { placementPolicy } from '../../lib/placement/policy';
import { metricsPolicy } from '../../lib/metrics/scope';
import { flagPolicy } from '../../lib/flags/students';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada Admin', role: 'DISTRICT_ADMIN' } });
  await db.user.create({ data: { email: 'leader@test.example', name: 'Lee Leader', role: 'DISTRICT_LEADER' } });
  await db.districtSettings.create({ data: { id: 1 } });
});

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, String(value));
  return data;
}

const current = { ...DEFAULT_SETTINGS };

describe('district settings', () => {
  it('an admin saves a change; the audit event holds the changed values before and after', async () => {
    const { userId } = await signInAs('admin@test.example');
    const result = await updateSettingsAction(
      null,
      form({ ...current, maxGroupSize: 3, timeZone: 'america/new_york', districtName: '  Riverside USD ' }),
    );
    expect(result.ok).toBe(true);
    const row = await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({
      maxGroupSize: 3,
      timeZone: 'America/New_York',
      districtName: 'Riverside USD',
      updatedById: userId,
    });

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'settings.update' } });
    expect(event).toMatchObject({ actorId: userId, entityType: 'district_settings', entityId: '1' });
    expect(event.before).toEqual({
      maxGroupSize: 4,
      timeZone: 'America/Chicago',
      districtName: 'Demo Unified School District',
    });
    expect(event.after).toEqual({ maxGroupSize: 3, timeZone: 'America/New_York', districtName: 'Riverside USD' });

    const shown = await districtSettings();
    expect(shown.values.maxGroupSize).toBe(3);
    expect(shown.updatedByName).toBe('Ada Admin');
  });

  it('saving without a change records no change to the settings', async () => {
    await signInAs('admin@test.example');
    expect(await updateSettingsAction(null, form(current))).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await db.auditEvent.count({ where: { entityType: 'district_settings' } })).toBe(0);
  });

  it.each([
    ['maxGroupSize', 0],
    ['maxGroupSize', 13],
    ['eligibilityPercentile', 101],
    ['suppressionMinN', 0],
    ['targetMinutesPerSession', 'thirty'],
    ['flagDoseRatePercent', 70.5],
  ])('refuses %s = %s with a field error and saves nothing', async (field, value) => {
    await signInAs('admin@test.example');
    const result = await updateSettingsAction(null, form({ ...current, [field]: value }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toMatch(/whole number from \d+ to \d+/);
    expect(await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject(current);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses a time zone Intl does not know, and a blank district name', async () => {
    await signInAs('admin@test.example');
    const result = await updateSettingsAction(
      null,
      form({ ...current, timeZone: 'Mars/Olympus_Mons', districtName: '   ' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['districtName', 'timeZone']);
  });

  it('accepts exactly the range the database accepts, for every number', async () => {
    await signInAs('admin@test.example');
    const at = (pick: 'min' | 'max') => Object.fromEntries(SETTINGS_NUMBER_FIELDS.map((f) => [f.name, f[pick]]));
    expect((await updateSettingsAction(null, form({ ...current, ...at('min') }))).ok).toBe(true);
    expect((await updateSettingsAction(null, form({ ...current, ...at('max') }))).ok).toBe(true);
    for (const field of SETTINGS_NUMBER_FIELDS) {
      const above = await updateSettingsAction(null, form({ ...current, [field.name]: field.max + 1 }));
      expect(above.ok, field.name).toBe(false);
      await expect(
        db.districtSettings.update({ where: { id: 1 }, data: { [field.name]: field.max + 1 } }),
        field.name,
      ).rejects.toThrow(/district_settings_positive/);
    }
  });

  it('refuses a save over a change made after the form was loaded', async () => {
    await signInAs('admin@test.example');
    const loaded = (await districtSettings()).updatedAt!;
    await db.districtSettings.update({ where: { id: 1 }, data: { maxGroupSize: 2 } });
    const result = await updateSettingsAction(
      null,
      form({ ...current, maxGroupSize: 3, loadedUpdatedAt: loaded.toISOString() }),
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/Someone else changed the settings/) });
    expect((await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).maxGroupSize).toBe(2);
  });

  it('a leader may view the settings but not change them', async () => {
    await signInAs('leader@test.example');
    const result = await updateSettingsAction(null, form({ ...current, maxGroupSize: 2 }));
    expect(result).toEqual({ ok: false, message: 'Your role does not allow that.' });
    expect((await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).maxGroupSize).toBe(4);
    expect(await db.auditEvent.count()).toBe(0);
    expect((await districtSettings()).values.maxGroupSize).toBe(4);
  });

  it('creates the settings row on the first save when none exists yet', async () => {
    await db.districtSettings.deleteMany();
    await signInAs('admin@test.example');
    expect((await updateSettingsAction(null, form({ ...current, suppressionMinN: 11 }))).ok).toBe(true);
    expect((await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).suppressionMinN).toBe(11);
  });

  it('one loader: every policy and "today" read the saved row, and the defaults before there is one', async () => {
    await db.districtSettings.update({
      where: { id: 1 },
      data: { timeZone: 'Pacific/Auckland', maxGroupSize: 3, flagConsecutiveAbsences: 5, suppressionMinN: 12 },
    });
    // 2026-12-07 11:30 UTC is already the 8th in Auckland (UTC+13), still the 7th in Chicago.
    const instant = new Date('2026-12-07T11:30:00Z');
    expect(await districtToday(db, instant)).toBe('2026-12-08');
    expect(await districtNow(db, instant)).toEqual({ today: '2026-12-08', minute: 30 });
    expect(await readDistrictSettings(db)).toMatchObject({ timeZone: 'Pacific/Auckland', maxGroupSize: 3 });
    expect(await placementPolicy(db)).toMatchObject({ timeZone: 'Pacific/Auckland', maxGroupSize: 3 });
    expect(await metricsPolicy(db, instant)).toMatchObject({ today: '2026-12-08', suppressionMinN: 12 });
    expect(await flagPolicy('2026-12-08')).toMatchObject({ consecutiveAbsences: 5 });

    await db.districtSettings.delete({ where: { id: 1 } });
    expect(await readDistrictSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(await districtToday(db, instant)).toBe('2026-12-07');
  });
});
