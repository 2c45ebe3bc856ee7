// The app's clock (lib/clock.ts) decides "today" for every calendar question, not the
// machine's: this file starts it on Wed Oct 21 2026, weeks before any real run day.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db';
import { programOverview } from '../../lib/district/overview';
import { metricsPolicy } from '../../lib/metrics/scope';
import { placementPolicy } from '../../lib/placement/policy';
import { siteTutors } from '../../lib/users/queries';
import { addDays, dateOf, today } from '../setup/dates';
import { testMeasure } from '../setup/fixtures';
import { pgPoolForTests, truncateAll } from '../setup/db-client';

const TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-10-21';
  return '2026-10-21';
});

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

let siteId: string;

beforeAll(async () => {
  await truncateAll(pool);
  siteId = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  const cycle = await db.cycle.create({
    data: { name: 'Fall', startDate: dateOf('2026-09-01'), endDate: dateOf('2026-12-18') },
  });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = await db.user.create({
    data: {
      email: 't@test.example',
      name: 'Tess',
      role: 'TUTOR',
      sites: { create: [{ siteId }] },
      tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
    },
  });
  // One group ended yesterday; one ends on Nov 1, after the app's today but before any real run day.
  for (const [name, endDate] of [
    ['Ended', addDays(TODAY, -1)],
    ['Running', '2026-11-01'],
  ] as const) {
    const group = await db.group.create({
      data: {
        siteId,
        cycleId: cycle.id,
        name,
        subject: 'MATH',
        gradeMin: 3,
        gradeMax: 3,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: tutor.id,
        modality: 'PUSH_IN',
        startDate: dateOf('2026-09-14'),
        endDate: dateOf(endDate),
      },
    });
    await db.groupMeeting.create({ data: { groupId: group.id, weekday: 1, startMinute: 600, plannedMinutes: 30 } });
    // Held this week (Mon Oct 19) and the week before (Mon Oct 12).
    for (const date of ['2026-10-12', '2026-10-19']) {
      await db.session.create({
        data: {
          groupId: group.id,
          date: dateOf(date),
          startMinute: 600,
          plannedMinutes: 30,
          startsAt: new Date(`${date}T15:00:00Z`),
          status: 'HELD',
          actualMinutes: 30,
          deliveredById: tutor.id,
        },
      });
    }
  }
});

describe('the app clock', () => {
  it('gives every policy the pinned day as today', async () => {
    expect(today()).toBe(TODAY);
    expect((await metricsPolicy(db)).today).toBe(TODAY);
    expect((await placementPolicy()).today).toBe(TODAY);
  });

  it('counts this week by the pinned day in the district overview', async () => {
    expect(await programOverview(siteId)).toMatchObject({ heldThisWeek: 2, scheduledThisWeek: 2 });
  });

  it('counts a tutor’s load from groups not ended by the pinned day', async () => {
    const [tess] = await siteTutors(siteId);
    expect(tess?.load).toEqual({ groups: 1, minutesPerWeek: 30 });
    expect(tess?.activeGroups).toBe(1);
  });
});
