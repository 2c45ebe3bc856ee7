// Site follow-up: flagged groups, make-ups linked to the session they replace, and
// follow-ups recorded as history.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { recordFollowUpAction, scheduleMakeupAction } from '../../lib/followup/actions';
import { cancelledWithoutMakeup, flaggedGroups } from '../../lib/followup/queries';
import { localDate } from '../../lib/dates/zone';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';
import { formOf } from '../setup/forms';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const TODAY = localDate('America/Chicago');
const day = (plus: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const policy = {
  today: TODAY,
  timeZone: 'America/Chicago',
  maxGroupSize: 4,
  eligibilityPercentile: 40,
  targetMinutesPerWeek: 90,
  minProgramWeeks: 10,
};

let siteId: string;
let groupId: string;
let cancelledId: string;

beforeEach(async () => {
  await truncateAll(pool);
  siteId = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  const cycle = await db.cycle.create({ data: { name: 'Fall', startDate: d(day(-60)), endDate: d(day(60)) } });
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
  await db.user.create({
    data: { email: 'coord@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId }] } },
  });
  groupId = (
    await db.group.create({
      data: {
        siteId,
        cycleId: cycle.id,
        name: 'Math 3A',
        subject: 'MATH',
        gradeMin: 3,
        gradeMax: 3,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: tutor.id,
        modality: 'PUSH_IN',
        startDate: d(day(-40)),
        endDate: d(day(40)),
      },
    })
  ).id;
  // Held three weeks ago, then a cancellation last week, and nothing since.
  await db.session.create({
    data: {
      groupId,
      date: d(day(-21)),
      startMinute: 600,
      plannedMinutes: 30,
      startsAt: d(day(-21)),
      status: 'HELD',
      actualMinutes: 30,
      deliveredById: tutor.id,
    },
  });
  cancelledId = (
    await db.session.create({
      data: {
        groupId,
        date: d(day(-7)),
        startMinute: 600,
        plannedMinutes: 30,
        startsAt: d(day(-7)),
        status: 'CANCELLED',
        cancellationReason: 'TUTOR_ABSENT',
      },
    })
  ).id;
  await signInAs('coord@test.example');
});

describe('site follow-up', () => {
  it('flags a group without a held session lately and lists its cancelled session to make up', async () => {
    expect(await flaggedGroups(siteId, policy)).toEqual([
      {
        id: groupId,
        name: 'Math 3A',
        flags: [{ kind: 'no_held_session', message: `No session held since ${day(-21)} (7+ days)` }],
      },
    ]);
    expect((await cancelledWithoutMakeup(siteId, policy)).map((s) => s.id)).toEqual([cancelledId]);
  });

  it('schedules a make-up linked to the cancelled session, once, and records it as a follow-up', async () => {
    const result = await scheduleMakeupAction(null, { sessionId: cancelledId, date: day(2), startTime: '11:00' });
    expect(result).toMatchObject({ ok: true });
    const makeup = await db.session.findFirstOrThrow({ where: { makeupForId: cancelledId } });
    expect([makeup.date.toISOString().slice(0, 10), makeup.startMinute, makeup.status, makeup.plannedMinutes]).toEqual([
      day(2),
      660,
      'SCHEDULED',
      30,
    ]);
    expect(await db.followUp.findFirstOrThrow({ where: { makeupSessionId: makeup.id } })).toMatchObject({
      action: 'MAKEUP_SCHEDULED',
      groupId,
    });
    expect(await cancelledWithoutMakeup(siteId, policy)).toEqual([]);
    expect(
      await scheduleMakeupAction(null, { sessionId: cancelledId, date: day(3), startTime: '11:00' }),
    ).toMatchObject({ ok: false, message: 'A make-up is already scheduled for that session.' });
  });

  it('refuses a make-up on a day off, in the past, or for a session that was held', async () => {
    await db.noSchoolDay.create({ data: { date: d(day(2)), kind: 'HOLIDAY', name: 'Holiday' } });
    expect(
      await scheduleMakeupAction(null, { sessionId: cancelledId, date: day(2), startTime: '11:00' }),
    ).toMatchObject({ ok: false, message: `${day(2)} is a day without school (Holiday).` });
    expect(
      await scheduleMakeupAction(null, { sessionId: cancelledId, date: day(-1), startTime: '11:00' }),
    ).toMatchObject({ ok: false, message: 'Schedule the make-up for today or later.' });
    const held = await db.session.findFirstOrThrow({ where: { status: 'HELD' } });
    expect(await scheduleMakeupAction(null, { sessionId: held.id, date: day(3), startTime: '11:00' })).toMatchObject({
      ok: false,
      message: 'Only a cancelled session can be made up.',
    });
    expect(await db.session.count({ where: { makeupForId: { not: null } } })).toBe(0);
  });

  it('records a follow-up for a group, kept as history that cannot be rewritten', async () => {
    // The form starts with no action chosen: sent as it is, nothing is recorded.
    expect(
      await recordFollowUpAction(null, formOf({ siteId, groupId, flag: 'no_held_session', action: '', note: '' })),
    ).toMatchObject({ ok: false, fieldErrors: { action: ['Choose what was done.'] } });
    expect(await db.followUp.count()).toBe(0);
    const result = await recordFollowUpAction(null, {
      siteId,
      groupId,
      flag: 'no_held_session',
      action: 'TALKED_WITH_TUTOR',
      note: 'Tutor back Monday',
    });
    expect(result).toMatchObject({ ok: true, data: { message: 'Recorded for Math 3A: talked with the tutor.' } });
    const row = await db.followUp.findFirstOrThrow();
    await expect(db.followUp.update({ where: { id: row.id }, data: { note: 'changed' } })).rejects.toThrow(
      /append-only/,
    );
    expect(await recordFollowUpAction(null, { siteId, flag: 'absences', action: 'OTHER' })).toMatchObject({
      ok: false,
      fieldErrors: { studentId: ['Name the student or the group.'] },
    });
  });
});
