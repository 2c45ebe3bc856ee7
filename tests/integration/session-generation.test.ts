// Regenerating a group's sessions after a schedule change, against the database.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { regenerateGroupSessions, toIsoDate } from '../../lib/sessions/schedule';
import { pgPoolForTests, prismaForTests, truncateAll } from '../setup/db-client';
import { day, makeCycle, makeGroup, makeSite, makeStudent, makeTutor } from '../setup/fixtures';

const db = prismaForTests();
const pool = pgPoolForTests(2);
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
});

const TUE = 2;
const THU = 4;
const MON = 1;
const WED = 3;

async function setUp() {
  await truncateAll(pool);
  await pool.query(`INSERT INTO district_settings (id, "updatedAt", "timeZone") VALUES (1, now(), 'America/Chicago')`);
  const site = await makeSite(db);
  const cycle = await makeCycle(db, '2026-09-08', '2026-12-18');
  const tutor = await makeTutor(db);
  const group = await makeGroup(db, {
    siteId: site.id,
    cycleId: cycle.id,
    tutorId: tutor.id,
    startDate: '2026-10-26',
    endDate: '2026-11-20',
  });
  await db.groupMeeting.createMany({
    data: [TUE, THU].map((weekday) => ({ groupId: group.id, weekday, startMinute: 13 * 60 + 30, plannedMinutes: 30 })),
  });
  await db.noSchoolDay.create({ data: { date: day('2026-11-11'), kind: 'HOLIDAY', name: 'Veterans Day' } });
  await db.noSchoolDay.create({
    data: { date: day('2026-11-12'), siteId: site.id, kind: 'PD_DAY', name: 'Site PD day' },
  });
  const student = await makeStudent(db, site.id);
  return { group, tutor, student };
}

const sessionsOf = async (groupId: string) =>
  (await db.session.findMany({ where: { groupId }, orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] })).map((s) => ({
    date: toIsoDate(s.date),
    status: s.status,
    startsAt: s.startsAt.toISOString(),
  }));

describe('regenerateGroupSessions', () => {
  beforeEach(async () => {
    await truncateAll(pool);
  });

  it('generates every meeting between the group dates, skipping district and site no-school days, across the DST change', async () => {
    const { group } = await setUp();
    await db.$transaction((tx) => regenerateGroupSessions(tx, group.id, '2026-10-26'));
    const sessions = await sessionsOf(group.id);
    expect(sessions.map((s) => s.date)).toEqual([
      '2026-10-27',
      '2026-10-29',
      '2026-11-03',
      '2026-11-05',
      '2026-11-10',
      '2026-11-17',
      '2026-11-19',
    ]);
    // 13:30 in Chicago is 18:30Z before the clocks change on Nov 1 and 19:30Z after.
    expect(sessions[0]!.startsAt).toBe('2026-10-27T18:30:00.000Z');
    expect(sessions[2]!.startsAt).toBe('2026-11-03T19:30:00.000Z');
  });

  it('after a schedule change keeps logged sessions, never duplicates, and moves only future unlogged ones', async () => {
    const { group, tutor, student } = await setUp();
    await db.$transaction((tx) => regenerateGroupSessions(tx, group.id, '2026-10-26'));
    const [first, second] = await db.session.findMany({
      where: { groupId: group.id },
      orderBy: { date: 'asc' },
      take: 3,
    });
    await db.session.update({
      where: { id: first!.id },
      data: { status: 'HELD', actualMinutes: 30, deliveredById: tutor.id },
    });
    await db.attendance.create({ data: { sessionId: first!.id, studentId: student.id, status: 'PRESENT' } });
    await db.session.update({
      where: { id: second!.id },
      data: { status: 'CANCELLED', cancellationReason: 'TESTING' },
    });
    // A future session that already has attendance (logged early) must survive too.
    const future = await db.session.findFirstOrThrow({ where: { groupId: group.id, date: day('2026-11-17') } });
    await db.attendance.create({ data: { sessionId: future.id, studentId: student.id, status: 'ABSENT_EXCUSED' } });

    await db.groupMeeting.deleteMany({ where: { groupId: group.id } });
    await db.groupMeeting.createMany({
      data: [MON, WED].map((weekday) => ({ groupId: group.id, weekday, startMinute: 14 * 60, plannedMinutes: 30 })),
    });
    const summary = await db.$transaction((tx) => regenerateGroupSessions(tx, group.id, '2026-11-02'));

    const sessions = await sessionsOf(group.id);
    expect(sessions.map((s) => `${s.date} ${s.status}`)).toEqual([
      '2026-10-27 HELD',
      '2026-10-29 CANCELLED',
      '2026-11-02 SCHEDULED',
      '2026-11-04 SCHEDULED',
      '2026-11-09 SCHEDULED',
      '2026-11-16 SCHEDULED',
      '2026-11-17 SCHEDULED', // has attendance: kept on its old day for a person to resolve
      '2026-11-18 SCHEDULED',
    ]);
    expect(summary).toEqual({ created: 5, removed: 4, updated: 0, kept: 3 });
    expect(await db.attendance.count()).toBe(2);

    const again = await db.$transaction((tx) => regenerateGroupSessions(tx, group.id, '2026-11-02'));
    expect(again).toMatchObject({ created: 0, removed: 0, updated: 0 });
    expect(await sessionsOf(group.id)).toEqual(sessions);
  });
});
