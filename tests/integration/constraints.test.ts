// The database itself refuses what must never be wrong, whatever the app does.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { day, makeCycle, makeGroup, makeSession, makeSite, makeStudent, makeTutor } from '../setup/fixtures';
import { pgPoolForTests, prismaForTests, truncateAll } from '../setup/db-client';

const db = prismaForTests();
const pool = pgPoolForTests(4);
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
});

async function world() {
  const site = await makeSite(db);
  const cycle = await makeCycle(db);
  const tutor = await makeTutor(db);
  const group = await makeGroup(db, { siteId: site.id, cycleId: cycle.id, tutorId: tutor.id });
  return { site, cycle, tutor, group };
}

async function place(groupId: string, studentId: string, startDate = '2026-09-14', endDate?: string) {
  return db.membership.create({
    data: { groupId, studentId, startDate: day(startDate), endDate: endDate ? day(endDate) : null },
  });
}

beforeEach(async () => {
  await truncateAll(pool);
  await pool.query(`INSERT INTO district_settings (id, "updatedAt") VALUES (1, now())`);
});

describe('uniqueness', () => {
  it('refuses a second student with the same SIS id', async () => {
    const site = await makeSite(db);
    await makeStudent(db, site.id, '000123');
    await expect(makeStudent(db, site.id, '000123')).rejects.toThrow(/Unique constraint failed.*sisId/s);
  });

  it('refuses two attendance rows for one session and student', async () => {
    const { site, group } = await world();
    const student = await makeStudent(db, site.id);
    const session = await makeSession(db, group.id);
    await db.attendance.create({ data: { sessionId: session.id, studentId: student.id, status: 'PRESENT' } });
    await expect(
      db.attendance.create({ data: { sessionId: session.id, studentId: student.id, status: 'ABSENT_EXCUSED' } }),
    ).rejects.toThrow(/Unique constraint failed/);
  });

  it('refuses two sessions of one group on the same date and start time', async () => {
    const { group } = await world();
    await makeSession(db, group.id, '2026-09-15', 600);
    await expect(makeSession(db, group.id, '2026-09-15', 600)).rejects.toThrow(/Unique constraint failed/);
    await expect(makeSession(db, group.id, '2026-09-15', 660)).resolves.toBeTruthy();
  });
});

describe('checks', () => {
  it('refuses negative minutes and partial attendance without minutes', async () => {
    const { site, group } = await world();
    const student = await makeStudent(db, site.id);
    const session = await makeSession(db, group.id);
    await expect(
      db.session.update({ where: { id: session.id }, data: { status: 'HELD', actualMinutes: -5 } }),
    ).rejects.toThrow(/session_actual_minutes/);
    await expect(
      db.attendance.create({
        data: { sessionId: session.id, studentId: student.id, status: 'PRESENT', minutesAttended: -1 },
      }),
    ).rejects.toThrow(/attendance_minutes/);
    await expect(
      db.attendance.create({ data: { sessionId: session.id, studentId: student.id, status: 'PARTIAL' } }),
    ).rejects.toThrow(/attendance_partial_minutes/);
  });

  it('requires a reason exactly when a session is cancelled, and minutes when held', async () => {
    const { group } = await world();
    const session = await makeSession(db, group.id);
    await expect(db.session.update({ where: { id: session.id }, data: { status: 'CANCELLED' } })).rejects.toThrow(
      /session_cancellation_reason/,
    );
    await expect(db.session.update({ where: { id: session.id }, data: { status: 'HELD' } })).rejects.toThrow(
      /session_held_minutes/,
    );
    await expect(
      db.session.update({ where: { id: session.id }, data: { status: 'CANCELLED', cancellationReason: 'TESTING' } }),
    ).resolves.toMatchObject({ status: 'CANCELLED' });
  });

  it('refuses values outside an enum', async () => {
    const { group } = await world();
    await expect(
      pool.query(
        `INSERT INTO session (id, "groupId", date, "startMinute", "plannedMinutes", "startsAt", status, "updatedAt")
         VALUES (gen_random_uuid(), $1, '2026-09-16', 600, 30, now(), 'POSTPONED', now())`,
        [group.id],
      ),
    ).rejects.toThrow(/invalid input value for enum "SessionStatus"/);
  });

  it('refuses dates that run backwards and e-mail addresses in mixed case', async () => {
    await expect(makeCycle(db, '2026-12-18', '2026-09-08')).rejects.toThrow(/cycle_dates/);
    await expect(db.user.create({ data: { email: 'Mixed@Test.example', name: 'X', role: 'TUTOR' } })).rejects.toThrow(
      /app_user_email_lowercase/,
    );
  });
});

describe('dates and group size (triggers)', () => {
  it('keeps a group inside its cycle', async () => {
    const site = await makeSite(db);
    const cycle = await makeCycle(db);
    const tutor = await makeTutor(db);
    await expect(
      makeGroup(db, { siteId: site.id, cycleId: cycle.id, tutorId: tutor.id, endDate: '2027-01-15' }),
    ).rejects.toThrow(/group_outside_cycle/);
  });

  it('keeps a membership inside its group and refuses overlapping placements of one student', async () => {
    const { site, group } = await world();
    const student = await makeStudent(db, site.id);
    await expect(place(group.id, student.id, '2026-09-01')).rejects.toThrow(/membership_outside_group/);
    await place(group.id, student.id, '2026-09-14', '2026-10-01');
    await expect(place(group.id, student.id, '2026-09-30')).rejects.toThrow(/membership_overlap/);
    await expect(place(group.id, student.id, '2026-10-05')).resolves.toBeTruthy();
  });

  it('never lets a group hold more students at once than the policy limit', async () => {
    const { site, group } = await world();
    const students = await Promise.all([1, 2, 3, 4, 5].map(() => makeStudent(db, site.id)));
    const [s1, s2, s3, s4, s5] = students as [
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
    ];
    await place(group.id, s1.id, '2026-09-14', '2026-10-09');
    await place(group.id, s2.id);
    await place(group.id, s3.id);
    await place(group.id, s4.id);
    // Four at once until Oct 9: a fifth overlapping that span is refused...
    await expect(place(group.id, s5.id, '2026-10-01')).rejects.toThrow(/group_full/);
    // ...but may join once the first student has left.
    await expect(place(group.id, s5.id, '2026-10-12')).resolves.toBeTruthy();
  });

  it('follows the policy when the district lowers the size limit', async () => {
    await pool.query(`UPDATE district_settings SET "maxGroupSize" = 2 WHERE id = 1`);
    const { site, group } = await world();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => makeStudent(db, site.id)));
    await place(group.id, a!.id);
    await place(group.id, b!.id);
    await expect(place(group.id, c!.id)).rejects.toThrow(/group_full: .* already has 2 students .*limit 2/);
  });

  it('gives the last seat to exactly one of two simultaneous placements', async () => {
    const { site, group } = await world();
    const students = await Promise.all([1, 2, 3, 4, 5].map(() => makeStudent(db, site.id)));
    for (const s of students.slice(0, 3)) await place(group.id, s.id);
    const results = await Promise.allSettled(
      students
        .slice(3)
        .map((s) =>
          db.$transaction((tx) =>
            tx.membership.create({ data: { groupId: group.id, studentId: s.id, startDate: day('2026-09-14') } }),
          ),
        ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/group_full/);
    expect(await db.membership.count({ where: { groupId: group.id } })).toBe(4);
  });
});

describe('history is never silently deleted', () => {
  it('refuses to delete a student, session or group that has history', async () => {
    const { site, group } = await world();
    const student = await makeStudent(db, site.id);
    const session = await makeSession(db, group.id);
    await db.attendance.create({ data: { sessionId: session.id, studentId: student.id, status: 'PRESENT' } });
    await expect(db.student.delete({ where: { id: student.id } })).rejects.toThrow(
      /Foreign key constraint|violates RESTRICT|foreign key/i,
    );
    await expect(db.session.delete({ where: { id: session.id } })).rejects.toThrow(
      /Foreign key constraint|violates RESTRICT|foreign key/i,
    );
    await expect(db.group.delete({ where: { id: group.id } })).rejects.toThrow(
      /Foreign key constraint|violates RESTRICT|foreign key/i,
    );
    expect(await db.attendance.count()).toBe(1);
  });

  it('keeps the audit log append-only', async () => {
    await db.auditEvent.create({ data: { action: 'test', entityType: 'student', entityId: 'x' } });
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.updateMany({ data: { action: 'changed' } })).rejects.toThrow(/append-only/);
  });
});
