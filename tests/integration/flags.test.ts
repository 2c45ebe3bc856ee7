// Early-warning flags computed from real rows: absences in a row, low dose over the
// window, no recent probe, and scores under the aim line.
import { afterAll, beforeEach, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { siteStudentFlags } from '../../lib/flags/students';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

const TODAY = '2026-11-23';
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const policy = {
  today: TODAY,
  consecutiveAbsences: 3,
  doseRatePercent: 70,
  doseWindowWeeks: 4,
  noProbeWeeks: 6,
  probesBelowAim: 3,
};

let siteId: string;

beforeEach(async () => {
  await truncateAll(pool);
  siteId = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
});

it('flags a student absent three times in a row, under-dosed, unprobed and below the aim line; not a classmate on track', async () => {
  const cycle = await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = await db.user.create({
    data: {
      email: 't@test.example',
      name: 'Tess',
      role: 'TUTOR',
      tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
    },
  });
  const group = await db.group.create({
    data: {
      siteId,
      cycleId: cycle.id,
      name: 'Math 3A',
      subject: 'MATH',
      gradeMin: 3,
      gradeMax: 3,
      targetSkill: 'x',
      probeMeasure: await testMeasure(db, 'Facts /20'),
      primaryTutorId: tutor.id,
      modality: 'PUSH_IN',
      startDate: d('2026-09-14'),
      endDate: d('2026-12-14'),
    },
  });
  const student = (sisId: string) =>
    db.student.create({ data: { sisId, firstName: sisId, lastName: 'S', grade: 3, siteId } });
  const [ana, ben] = [await student('ANA'), await student('BEN')];
  const place = (studentId: string) =>
    db.membership.create({
      data: { groupId: group.id, studentId, startDate: d('2026-09-14'), goalScore: 20, goalDate: d('2026-12-14') },
    });
  const [ma, mb] = [await place(ana.id), await place(ben.id)];
  // Five held sessions in the last four weeks; Ana misses the last three.
  const dates = ['2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17', '2026-11-20'];
  for (const [i, date] of dates.entries()) {
    const session = await db.session.create({
      data: {
        groupId: group.id,
        date: d(date),
        startMinute: 600,
        plannedMinutes: 30,
        startsAt: d(date),
        status: 'HELD',
        actualMinutes: 30,
        deliveredById: tutor.id,
      },
    });
    await db.attendance.create({
      data: { sessionId: session.id, studentId: ana.id, status: i >= 2 ? 'ABSENT_UNEXCUSED' : 'PRESENT' },
    });
    await db.attendance.create({ data: { sessionId: session.id, studentId: ben.id, status: 'PRESENT' } });
  }
  const probe = (studentId: string, membershipId: string, kind: 'PRE' | 'PROGRESS', date: string, score: number) =>
    db.probe.create({
      data: { studentId, membershipId, groupId: group.id, measure: 'Facts /20', kind, score, administeredOn: d(date) },
    });
  await probe(ana.id, ma.id, 'PRE', '2026-09-14', 5);
  for (const [date, score] of [
    ['2026-09-21', 5],
    ['2026-09-28', 5],
    ['2026-10-05', 6],
  ] as const)
    await probe(ana.id, ma.id, 'PROGRESS', date, score);
  await probe(ben.id, mb.id, 'PRE', '2026-09-14', 5);
  await probe(ben.id, mb.id, 'PROGRESS', '2026-11-17', 17);

  const flags = await siteStudentFlags(siteId, policy);
  expect(flags.get(ana.id)?.map((f) => f.message)).toEqual([
    'Math 3A: Absent the last 3 sessions in a row',
    'Math 3A: Dose 40% over the last 4 weeks (60 of 150 min)',
    'Math 3A: No probe since 2026-10-05',
    'Math 3A: Last 3 scores below the aim line: the intervention may need changing',
  ]);
  expect(flags.has(ben.id)).toBe(false);
});
