// The district calendar: a day off takes unlogged sessions off every affected group's
// calendar (from today on), keeps logged ones, and giving the day back restores them.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { addNoSchoolAction, createCycleAction, removeNoSchoolAction } from '../../lib/calendar/actions';
import { db } from '../../lib/db';
import { regenerateGroupSessions } from '../../lib/sessions/schedule';
import { localDate } from '../../lib/time';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const day = (iso: string, plus = 0) => new Date(new Date(`${iso}T00:00:00Z`).getTime() + plus * 86_400_000).toISOString().slice(0, 10);
const TODAY = localDate('America/Chicago');
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let siteA: string;
let siteB: string;
let groupA: string;
let groupB: string;

beforeEach(async () => {
  await truncateAll(pool);
  siteA = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  siteB = (await db.site.create({ data: { code: 'B', name: 'Baker', gradeMin: 0, gradeMax: 5 } })).id;
  const cycle = await db.cycle.create({ data: { name: 'Test', startDate: d(day(TODAY, -30)), endDate: d(day(TODAY, 60)) } });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = await db.user.create({
    data: { email: 't@test.example', name: 'Tess', role: 'TUTOR', tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } } },
  });
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada', role: 'DISTRICT_ADMIN' } });
  await db.user.create({ data: { email: 'coord@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId: siteA }] } } });
  // Every day of the week, so any date has a session.
  const meetings = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, plannedMinutes: 30 }));
  const make = async (siteId: string) => {
    const g = await db.group.create({
      data: {
        siteId, cycleId: cycle.id, name: `G ${siteId.slice(0, 4)}`, subject: 'MATH', gradeMin: 0, gradeMax: 5, targetSkill: 'x', probeMeasure: 'y',
        primaryTutorId: tutor.id, modality: 'PUSH_IN', startDate: d(day(TODAY, -20)), endDate: d(day(TODAY, 40)), meetings: { create: meetings },
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
    await db.session.updateMany({ where: { groupId: groupA, date: d(last) }, data: { status: 'CANCELLED', cancellationReason: 'TESTING' } });
    const result = await addNoSchoolAction(null, { startDate: first, endDate: last, name: 'State testing', kind: 'TESTING', siteId: siteA });
    expect(result).toMatchObject({ ok: true, data: { message: 'State testing: 2 days from ' + first + ' off. 1 unlogged session(s) were taken off the calendar; 1 already logged stay as recorded.' } });
    expect([await sessionsOn(groupA, first), await sessionsOn(groupA, last), await sessionsOn(groupB, first)]).toEqual([0, 1, 1]);

    const dayOff = await db.noSchoolDay.findFirstOrThrow({ where: { date: d(first) } });
    expect(await removeNoSchoolAction(null, { noSchoolDayId: dayOff.id })).toMatchObject({ ok: true });
    expect(await sessionsOn(groupA, first)).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: 'no_school_day' } })).toBe(2);
  });

  it('a past day off keeps its sessions (an unplanned closure is logged as a cancellation)', async () => {
    const past = day(TODAY, -2);
    expect(await addNoSchoolAction(null, { startDate: past, name: 'Snow day', kind: 'OTHER' })).toMatchObject({ ok: true });
    expect(await sessionsOn(groupA, past)).toBe(1);
  });

  it('refuses a date already off, and anyone but a district admin', async () => {
    await addNoSchoolAction(null, { startDate: day(TODAY, 5), name: 'Holiday', kind: 'HOLIDAY' });
    expect(await addNoSchoolAction(null, { startDate: day(TODAY, 5), name: 'Again', kind: 'HOLIDAY', siteId: siteA })).toMatchObject({
      ok: false,
      message: `${day(TODAY, 5)} is already a day off.`,
    });
    await signInAs('coord@test.example');
    expect(await addNoSchoolAction(null, { startDate: day(TODAY, 6), name: 'Mine', kind: 'OTHER', siteId: siteA })).toMatchObject({ ok: false, message: expect.stringMatching(/role does not allow/) });
    expect(await createCycleAction(null, { name: 'Spring', startDate: '2027-01-04', endDate: '2027-05-28' })).toMatchObject({ ok: false });
    expect(await db.noSchoolDay.count()).toBe(1);
  });
});
