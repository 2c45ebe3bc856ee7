// The district calendar: a day off takes unlogged sessions off every affected group's
// calendar (from today on), keeps logged ones, and giving the day back restores them.
// A cycle can be edited only around its groups and sessions, and deleted only when empty.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addNoSchoolAction,
  createCycleAction,
  deleteCycleAction,
  removeNoSchoolAction,
  updateCycleAction,
} from '../../lib/calendar/actions';
import { db } from '../../lib/db';
import { regenerateGroupSessions } from '../../lib/sessions/schedule';
import { localDate } from '../../lib/dates/zone';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const day = (iso: string, plus = 0) =>
  new Date(new Date(`${iso}T00:00:00Z`).getTime() + plus * 86_400_000).toISOString().slice(0, 10);
const TODAY = localDate('America/Chicago');
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A later cycle, clear of the test cycle (TODAY − 30 to TODAY + 60). */
const SPRING = { start: day(TODAY, 120), end: day(TODAY, 264) };

let siteA: string;
let siteB: string;
let groupA: string;
let groupB: string;
let cycleId: string;

beforeEach(async () => {
  await truncateAll(pool);
  siteA = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  siteB = (await db.site.create({ data: { code: 'B', name: 'Baker', gradeMin: 0, gradeMax: 5 } })).id;
  const cycle = await db.cycle.create({
    data: { name: 'Test', startDate: d(day(TODAY, -30)), endDate: d(day(TODAY, 60)) },
  });
  cycleId = cycle.id;
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = await db.user.create({
    data: {
      email: 't@test.example',
      name: 'Tess',
      role: 'TUTOR',
      tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
    },
  });
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada', role: 'DISTRICT_ADMIN' } });
  await db.user.create({
    data: {
      email: 'coord@test.example',
      name: 'Cora',
      role: 'SITE_COORDINATOR',
      sites: { create: [{ siteId: siteA }] },
    },
  });
  // Every day of the week, so any date has a session.
  const meetings = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, plannedMinutes: 30 }));
  const make = async (siteId: string) => {
    const g = await db.group.create({
      data: {
        siteId,
        cycleId: cycle.id,
        name: `G ${siteId.slice(0, 4)}`,
        subject: 'MATH',
        gradeMin: 0,
        gradeMax: 5,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: tutor.id,
        modality: 'PUSH_IN',
        startDate: d(day(TODAY, -20)),
        endDate: d(day(TODAY, 40)),
        meetings: { create: meetings },
      },
    });
    await db.$transaction((tx) => regenerateGroupSessions(tx, g.id, day(TODAY, -20)));
    return g.id;
  };
  groupA = await make(siteA);
  groupB = await make(siteB);
  await signInAs('admin@test.example');
});

const sessionsOn = (groupId: string, date: string) => db.session.count({ where: { groupId, date: d(date) } });

describe('days without school', () => {
  it('a site day off removes that site’s unlogged sessions only, keeps logged ones, and can be given back', async () => {
    const [first, last] = [day(TODAY, 3), day(TODAY, 4)];
    await db.session.updateMany({
      where: { groupId: groupA, date: d(last) },
      data: { status: 'CANCELLED', cancellationReason: 'TESTING' },
    });
    const result = await addNoSchoolAction(null, {
      startDate: first,
      endDate: last,
      name: 'State testing',
      kind: 'TESTING',
      siteId: siteA,
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        message:
          'State testing: 2 days from ' +
          first +
          ' off. 1 unlogged session(s) were taken off the calendar; 1 already logged stay as recorded.',
      },
    });
    expect([await sessionsOn(groupA, first), await sessionsOn(groupA, last), await sessionsOn(groupB, first)]).toEqual([
      0, 1, 1,
    ]);

    const dayOff = await db.noSchoolDay.findFirstOrThrow({ where: { date: d(first) } });
    expect(await removeNoSchoolAction(null, { noSchoolDayId: dayOff.id })).toMatchObject({ ok: true });
    expect(await sessionsOn(groupA, first)).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: 'no_school_day' } })).toBe(2);
  });

  it('a past day off keeps its sessions (an unplanned closure is logged as a cancellation)', async () => {
    const past = day(TODAY, -2);
    expect(await addNoSchoolAction(null, { startDate: past, name: 'Snow day', kind: 'OTHER' })).toMatchObject({
      ok: true,
    });
    expect(await sessionsOn(groupA, past)).toBe(1);
  });

  it('refuses a date already off, and anyone but a district admin', async () => {
    await addNoSchoolAction(null, { startDate: day(TODAY, 5), name: 'Holiday', kind: 'HOLIDAY' });
    expect(
      await addNoSchoolAction(null, { startDate: day(TODAY, 5), name: 'Again', kind: 'HOLIDAY', siteId: siteA }),
    ).toMatchObject({
      ok: false,
      message: `${day(TODAY, 5)} is already a day off.`,
    });
    await signInAs('coord@test.example');
    expect(
      await addNoSchoolAction(null, { startDate: day(TODAY, 6), name: 'Mine', kind: 'OTHER', siteId: siteA }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/role does not allow/) });
    expect(
      await createCycleAction(null, { name: 'Spring', startDate: SPRING.start, endDate: SPRING.end }),
    ).toMatchObject({ ok: false });
    expect(await db.noSchoolDay.count()).toBe(1);
  });
});

describe('cycles', () => {
  const cycleNow = () =>
    db.cycle.findUniqueOrThrow({ where: { id: cycleId }, select: { name: true, startDate: true, endDate: true } });
  const original = () => ({ name: 'Test', startDate: d(day(TODAY, -30)), endDate: d(day(TODAY, 60)) });
  const audited = (action: string) => db.auditEvent.count({ where: { action } });

  it('renames a cycle and moves its dates, and records the change', async () => {
    const input = { cycleId, name: 'Test (extended)', startDate: day(TODAY, -25), endDate: day(TODAY, 75) };
    expect(await updateCycleAction(null, input)).toMatchObject({
      ok: true,
      data: { message: `Test (extended) now runs ${input.startDate} to ${input.endDate}.` },
    });
    expect(await cycleNow()).toEqual({
      name: 'Test (extended)',
      startDate: d(input.startDate),
      endDate: d(input.endDate),
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'calendar.cycles.update' } });
    expect(event).toMatchObject({
      entityType: 'cycle',
      entityId: cycleId,
      before: { name: 'Test', startDate: day(TODAY, -30), endDate: day(TODAY, 60) },
      after: { name: 'Test (extended)' },
    });
  });

  it('refuses a range that would leave groups outside, names them, and changes nothing', async () => {
    const names = (await db.group.findMany({ orderBy: { name: 'asc' }, select: { name: true } })).map((g) => g.name);
    const result = await updateCycleAction(null, {
      cycleId,
      name: 'Shorter',
      startDate: day(TODAY, -30),
      endDate: day(TODAY, 30),
    });
    expect(result).toMatchObject({
      ok: false,
      message: `Nothing was changed: 2 groups in Test would fall outside ${day(TODAY, -30)} to ${day(TODAY, 30)} (${names[0]} and ${names[1]}). Change those groups' dates first, or keep the cycle wider.`,
      fieldErrors: { endDate: [`Groups in this cycle run or meet until ${day(TODAY, 40)}.`] },
    });
    if (!result.ok) expect(result.fieldErrors?.startDate).toBeUndefined();
    expect(await cycleNow()).toEqual(original());
    expect(await audited('calendar.cycles.update')).toBe(0);
  });

  it('counts a session outside its group’s dates (a make-up) as outside the cycle too', async () => {
    await db.session.create({
      data: {
        groupId: groupA,
        date: d(day(TODAY, 50)),
        startMinute: 900,
        plannedMinutes: 30,
        startsAt: new Date(`${day(TODAY, 50)}T20:00:00Z`),
      },
    });
    const groupName = (await db.group.findUniqueOrThrow({ where: { id: groupA }, select: { name: true } })).name;
    const result = await updateCycleAction(null, {
      cycleId,
      name: 'Test',
      startDate: day(TODAY, -30),
      endDate: day(TODAY, 45),
    });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        `1 group in Test would fall outside ${day(TODAY, -30)} to ${day(TODAY, 45)} (${groupName})`,
      ),
    });
    expect(await cycleNow()).toEqual(original());
  });

  it('gives field errors for bad input, and for a name another cycle uses', async () => {
    const blank = await updateCycleAction(null, {
      cycleId,
      name: ' ',
      startDate: day(TODAY, 10),
      endDate: day(TODAY, 10),
    });
    expect(blank).toMatchObject({
      ok: false,
      fieldErrors: { name: ['Name the cycle.'], endDate: ['The end date must be after the start date.'] },
    });
    const form = new FormData();
    form.append('cycleId', cycleId);
    form.append('name', 'Test');
    form.append('startDate', '2026-02-30');
    form.append('endDate', 'soon');
    expect(await updateCycleAction(null, form)).toMatchObject({
      ok: false,
      fieldErrors: {
        startDate: ['The start date is not a real date.'],
        endDate: expect.arrayContaining(['Enter the end date as a date (YYYY-MM-DD).']),
      },
    });
    await db.cycle.create({ data: { name: 'Spring', startDate: d(SPRING.start), endDate: d(SPRING.end) } });
    // The unique name is left to the database; its refusal still comes back as a field error.
    expect(
      await updateCycleAction(null, { cycleId, name: 'Spring', startDate: day(TODAY, -30), endDate: day(TODAY, 60) }),
    ).toMatchObject({
      ok: false,
      message: 'Nothing was changed: another cycle already has that name.',
      fieldErrors: { name: ['Choose a name no other cycle uses.'] },
    });
    expect(await cycleNow()).toEqual(original());
    expect(
      await updateCycleAction(null, {
        cycleId: '00000000-0000-4000-8000-000000000000',
        name: 'Gone',
        startDate: SPRING.start,
        endDate: day(SPRING.start, 31),
      }),
    ).toMatchObject({
      ok: false,
      message: 'That cycle no longer exists. Reload the page.',
    });
  });

  it('refuses to delete a cycle that groups use, saying how many', async () => {
    expect(await deleteCycleAction(null, { cycleId })).toEqual({
      ok: false,
      message: 'Test cannot be deleted: 2 groups use it. Only a cycle without groups can be deleted.',
    });
    expect(await db.cycle.count({ where: { id: cycleId } })).toBe(1);
    expect(await audited('calendar.cycles.delete')).toBe(0);
  });

  it('deletes an empty cycle, leaving the calendar’s days off in place', async () => {
    const created = await createCycleAction(null, { name: 'Spring', startDate: SPRING.start, endDate: SPRING.end });
    if (!created.ok) throw new Error(created.message);
    await addNoSchoolAction(null, { startDate: day(SPRING.start, 14), name: 'MLK Day', kind: 'HOLIDAY' });
    expect(await deleteCycleAction(null, { cycleId: created.data.cycleId })).toMatchObject({
      ok: true,
      data: { message: 'Spring was deleted.' },
    });
    expect(await db.cycle.findMany({ select: { name: true } })).toEqual([{ name: 'Test' }]);
    expect(await db.noSchoolDay.count({ where: { name: 'MLK Day' } })).toBe(1);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'calendar.cycles.delete' } })).toMatchObject({
      entityId: created.data.cycleId,
      before: { name: 'Spring', startDate: SPRING.start },
    });
    expect(await deleteCycleAction(null, { cycleId: created.data.cycleId })).toMatchObject({
      ok: false,
      message: 'That cycle no longer exists. Reload the page.',
    });
  });

  it('is for district admins only', async () => {
    await signInAs('coord@test.example');
    expect(
      await updateCycleAction(null, { cycleId, name: 'Mine', startDate: day(TODAY, -30), endDate: day(TODAY, 60) }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/role does not allow/) });
    expect(await deleteCycleAction(null, { cycleId })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/role does not allow/),
    });
    expect(await cycleNow()).toEqual(original());
  });
});
