// DOMAIN.md's metrics on a small hand-built program, every expected figure worked
// out by hand below. Window: four weeks, Mon Sep 14 – Sun Oct 11 2026; today is
// Wed Oct 7, so the figures count sessions up to Tue Oct 6 ("as of") and the rest
// is still to come. Week 3 (Sep 28) is fall break: nothing is scheduled.
//
// Math 1 (Tess, Mon/Wed/Fri 30 min):
//   9/14 held 30 · 9/16 held 30 by Sam (substitute) · 9/18 cancelled, tutor absent
//   9/21 held 30 · 9/22 make-up for 9/18, held 30 · 9/23 cancelled, testing
//   9/25 never logged · Mon 10/5 PD day (no session) · 10/7 (today) and 10/9 still to come
// Math 2 (Pat, Tue/Thu 45 min):
//   9/15 held 45 · 9/17 held 45 · 9/22 held 45 · 9/24 cancelled, student/school event · 10/6 held 40
// Ana: Math 1 from 9/14. Ben: Math 1 from Wed 9/16 (mid-week) to 9/21, then Math 2 from 9/22.
// Cal: Math 2 from 9/14.
// The last block checks that the figures served from the rollup tables equal the
// live computation, then changes the program (logging, a move, cancellations, a
// schedule regeneration, a new primary tutor) and checks again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { accessBySubgroup } from '../../lib/metrics/access-queries';
import { growthByDoseBand, placementGrowth } from '../../lib/metrics/growth-queries';
import { totalLost } from '../../lib/metrics/dose';
import { groupProgramStandard } from '../../lib/metrics/standard-queries';
import { sessionDelivery } from '../../lib/metrics/session-queries';
import { readStudentFacts, studentMetrics, studentWeekDose } from '../../lib/metrics/student-queries';
import { tutorCost } from '../../lib/metrics/cost-queries';
import { refreshRollups, withoutRollup } from '../../lib/metrics/rollup';
import { rollupWorkerStatus, startRollupWorker, stopRollupWorker } from '../../lib/metrics/rollup-worker';
import { regenerateGroupSessions } from '../../lib/sessions/schedule';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const policy = { today: '2026-10-07', targetMinutesPerWeek: 90, eligibilityPercentile: 40 };
const window = { from: '2026-09-14', to: '2026-10-11' };

const ids = {} as Record<
  'site' | 'cycle' | 'corps' | 'partner' | 'tess' | 'sam' | 'pat' | 'math1' | 'math2' | 'ana' | 'ben' | 'cal' | 'eve',
  string
>;

beforeAll(async () => {
  await truncateAll(pool);
  ids.site = (await db.site.create({ data: { code: 'M', name: 'Madison', gradeMin: 0, gradeMax: 5 } })).id;
  ids.cycle = (
    await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } })
  ).id;
  await db.noSchoolDay.createMany({
    data: [
      ...['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02'].map((date) => ({
        date: d(date),
        kind: 'BREAK' as const,
        name: 'Fall break',
      })),
      { date: d('2026-10-05'), kind: 'PD_DAY', name: 'PD day' },
    ],
  });
  ids.corps = (await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } })).id;
  ids.partner = (await db.provider.create({ data: { name: 'Partner', kind: 'PARTNER' } })).id;
  const tutor = async (name: string, providerId: string) =>
    (
      await db.user.create({
        data: {
          email: `${name}@test.example`,
          name,
          role: 'TUTOR',
          tutorProfile: { create: { providerId, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
        },
      })
    ).id;
  ids.tess = await tutor('tess', ids.corps);
  ids.sam = await tutor('sam', ids.corps);
  ids.pat = await tutor('pat', ids.partner);
  const group = async (name: string, primaryTutorId: string) =>
    (
      await db.group.create({
        data: {
          siteId: ids.site,
          cycleId: ids.cycle,
          name,
          subject: 'MATH',
          gradeMin: 3,
          gradeMax: 4,
          targetSkill: 'Fractions',
          probeMeasure: await testMeasure(db, 'Fractions /10'),
          primaryTutorId,
          modality: 'PUSH_IN',
          startDate: d('2026-09-14'),
          endDate: d('2026-12-18'),
        },
      })
    ).id;
  ids.math1 = await group('Math 1', ids.tess);
  ids.math2 = await group('Math 2', ids.pat);
  await db.groupMeeting.createMany({
    data: [
      ...[1, 3, 5].map((weekday) => ({ groupId: ids.math1, weekday, startMinute: 600, plannedMinutes: 30 })),
      ...[2, 4].map((weekday) => ({ groupId: ids.math2, weekday, startMinute: 600, plannedMinutes: 45 })),
    ],
  });

  const student = async (
    sisId: string,
    extra: { grade?: number; multilingualLearner?: boolean; status?: 'WITHDRAWN'; withdrawnOn?: Date } = {},
  ) =>
    (
      await db.student.create({
        data: { sisId, firstName: sisId, lastName: 'S', grade: 3, siteId: ids.site, ...extra },
      })
    ).id;
  ids.ana = await student('ANA', { multilingualLearner: true });
  ids.ben = await student('BEN', { grade: 4 });
  ids.cal = await student('CAL');
  ids.eve = await student('EVE', { multilingualLearner: true });
  const dee = await student('DEE');
  const fran = await student('FRAN');
  const gus = await student('GUS', { status: 'WITHDRAWN', withdrawnOn: d('2026-09-01') });
  const screener = (studentId: string, subject: 'MATH' | 'ELA', percentile: number, testedOn = '2026-09-02') =>
    db.screenerResult.create({ data: { studentId, subject, measure: 'Screener', percentile, testedOn: d(testedOn) } });
  await screener(ids.ana, 'MATH', 12);
  await screener(ids.ben, 'MATH', 30);
  await screener(ids.cal, 'MATH', 35);
  await screener(ids.eve, 'ELA', 10); // eligible in ELA, not placed
  await screener(dee, 'MATH', 55); // not eligible
  await screener(fran, 'MATH', 25, '2026-05-01');
  await screener(fran, 'MATH', 45); // the latest screener decides: not eligible
  await screener(gus, 'MATH', 5); // withdrew before the window

  const place = (groupId: string, studentId: string, startDate: string, endDate?: string) =>
    db.membership.create({
      data: { groupId, studentId, startDate: d(startDate), endDate: endDate ? d(endDate) : null },
    });
  const anaIn1 = await place(ids.math1, ids.ana, '2026-09-14');
  await place(ids.math1, ids.ben, '2026-09-16', '2026-09-21');
  await place(ids.math2, ids.ben, '2026-09-22');
  const calIn2 = await place(ids.math2, ids.cal, '2026-09-14');
  await db.membership.update({ where: { id: anaIn1.id }, data: { goalScore: 8 } });
  await db.membership.update({ where: { id: calIn2.id }, data: { goalScore: 9, goalDate: d('2026-11-09') } });
  const probe = (
    studentId: string,
    membershipId: string,
    groupId: string,
    kind: 'PRE' | 'PROGRESS' | 'POST',
    date: string,
    score: number,
    measure = 'Fractions /10',
  ) => db.probe.create({ data: { studentId, membershipId, groupId, measure, kind, score, administeredOn: d(date) } });
  await probe(ids.ana, anaIn1.id, ids.math1, 'PRE', '2026-09-14', 4);
  await probe(ids.ana, anaIn1.id, ids.math1, 'PROGRESS', '2026-09-21', 5);
  await probe(ids.ana, anaIn1.id, ids.math1, 'PROGRESS', '2026-10-05', 7);
  await probe(ids.ana, anaIn1.id, ids.math1, 'PROGRESS', '2026-10-05', 2, 'Another measure'); // not the group's measure
  await probe(ids.ana, anaIn1.id, ids.math1, 'POST', '2026-10-20', 10); // after the window
  await probe(ids.cal, calIn2.id, ids.math2, 'PRE', '2026-09-15', 6);
  await probe(ids.cal, calIn2.id, ids.math2, 'POST', '2026-10-06', 9);

  type Mark = 'PRESENT' | 'ABSENT_EXCUSED' | 'ABSENT_UNEXCUSED' | number;
  const session = async (
    groupId: string,
    date: string,
    planned: number,
    outcome: {
      held?: { minutes: number; by: string; marks: Record<string, Mark> };
      cancelled?: 'TUTOR_ABSENT' | 'TESTING' | 'STUDENT_OR_SCHOOL_EVENT';
      makeupFor?: string;
      substitute?: string;
    },
  ) => {
    const s = await db.session.create({
      data: {
        groupId,
        date: d(date),
        startMinute: outcome.makeupFor ? 900 : 600,
        plannedMinutes: planned,
        startsAt: d(date),
        status: outcome.held ? 'HELD' : outcome.cancelled ? 'CANCELLED' : 'SCHEDULED',
        cancellationReason: outcome.cancelled ?? null,
        actualMinutes: outcome.held?.minutes ?? null,
        deliveredById: outcome.held?.by ?? null,
        substituteTutorId: outcome.substitute ?? null,
        makeupForId: outcome.makeupFor ?? null,
      },
    });
    for (const [studentId, mark] of Object.entries(outcome.held?.marks ?? {})) {
      await db.attendance.create({
        data: {
          sessionId: s.id,
          studentId,
          status: typeof mark === 'number' ? 'PARTIAL' : mark,
          minutesAttended: typeof mark === 'number' ? mark : null,
        },
      });
    }
    return s.id;
  };
  const { math1, math2, tess, sam, pat, ana, ben, cal } = ids;
  await session(math1, '2026-09-14', 30, { held: { minutes: 30, by: tess, marks: { [ana]: 'PRESENT' } } });
  await session(math1, '2026-09-16', 30, {
    substitute: sam,
    held: { minutes: 30, by: sam, marks: { [ana]: 20, [ben]: 'PRESENT' } },
  });
  const cancelled = await session(math1, '2026-09-18', 30, { cancelled: 'TUTOR_ABSENT' });
  await session(math1, '2026-09-21', 30, {
    held: { minutes: 30, by: tess, marks: { [ana]: 'ABSENT_EXCUSED', [ben]: 'PRESENT' } },
  });
  await session(math1, '2026-09-22', 30, {
    makeupFor: cancelled,
    held: { minutes: 30, by: tess, marks: { [ana]: 'PRESENT' } },
  });
  await session(math1, '2026-09-23', 30, { cancelled: 'TESTING' });
  await session(math1, '2026-09-25', 30, {}); // never logged
  await session(math1, '2026-10-07', 30, {}); // today
  await session(math1, '2026-10-09', 30, {});
  await session(math2, '2026-09-15', 45, { held: { minutes: 45, by: pat, marks: { [cal]: 'PRESENT' } } });
  await session(math2, '2026-09-17', 45, { held: { minutes: 45, by: pat, marks: { [cal]: 'PRESENT' } } });
  await session(math2, '2026-09-22', 45, {
    held: { minutes: 45, by: pat, marks: { [ben]: 'PRESENT', [cal]: 'ABSENT_UNEXCUSED' } },
  });
  await session(math2, '2026-09-24', 45, { cancelled: 'STUDENT_OR_SCHOOL_EVENT' });
  await session(math2, '2026-10-06', 45, { held: { minutes: 40, by: pat, marks: { [ben]: 'PRESENT' } } }); // Cal not marked
});

const noCancellations = { TUTOR_ABSENT: 0, STUDENT_OR_SCHOOL_EVENT: 0, TESTING: 0, SCHOOL_CLOSURE: 0, OTHER: 0 };

describe('student metrics', () => {
  it('sums dose, lost minutes, attendance and tutor consistency for each student', async () => {
    const rows = await studentMetrics(db, window, { policy });
    const of = (id: string) => rows.find((r) => r.key === id)!;

    // Ana, week 1: 90 scheduled; 30 + 20 delivered; 10 short (late), 30 lost to the tutor's absence.
    // Week 2: 9/21 absent (30), make-up 30 delivered (0 scheduled), testing 30, 9/25 unlogged 30.
    // Week 3: nothing. Week 4: Mon 10/5 is a PD day; 10/7 (today) and 10/9 are still to come,
    // in none of the figures. Weeks counted: two whole school weeks (target 2 × 90).
    expect(of(ids.ana)).toMatchObject({
      scheduled: 180,
      delivered: 80,
      weeks: 2,
      targetMinutes: 180,
      held: 4,
      attended: 3,
      attendedWithPrimary: 2, // 9/16 was Sam's
      lost: {
        studentAbsence: 30,
        attendanceNotRecorded: 0,
        shortened: 10,
        cancelled: { ...noCancellations, TUTOR_ABSENT: 30, TESTING: 30 },
        unlogged: 30,
        madeUp: -30,
      },
      stillToCome: { sessions: 2, minutes: 60 },
    });
    expect(of(ids.ana).doseRate).toBeCloseTo(80 / 180);
    expect(of(ids.ana).doseVsTarget).toBeCloseTo(80 / 180);
    expect(of(ids.ana).attendanceRate).toBe(0.75);
    expect(of(ids.ana).tutorConsistency).toBeCloseTo(2 / 3);

    // Ben: Math 1 from Wed 9/16: 9/16 (30, Sam) and 9/18 (cancelled) in week 1, 9/21 (30) in week 2;
    // Math 2 from 9/22: 9/22 (45), 9/24 cancelled (45), 10/6 held 40 of 45.
    // School days, each placement apart: Math 1 Wed–Fri 9/16–9/18 (3) + Mon 9/21 (1); Math 2
    // Tue–Fri 9/22–9/25 (4) + Tue 10/6 (1: Monday is a PD day, Wednesday on is after "as of").
    expect(of(ids.ben)).toMatchObject({
      scheduled: 60 + 30 + 90 + 45,
      delivered: 30 + 30 + 45 + 40,
      weeks: 9 / 5,
      targetMinutes: 162,
      held: 4,
      attended: 4,
      attendedWithPrimary: 3,
      lost: {
        studentAbsence: 0,
        attendanceNotRecorded: 0,
        shortened: 5,
        cancelled: { ...noCancellations, TUTOR_ABSENT: 30, STUDENT_OR_SCHOOL_EVENT: 45 },
        unlogged: 0,
        madeUp: 0,
      },
      stillToCome: { sessions: 0, minutes: 0 },
    });
    expect(of(ids.ben).doseVsTarget).toBeCloseTo(145 / 162);
    expect(of(ids.ben).tutorConsistency).toBe(0.75);

    // Cal: week 1 90 of 90; week 2 absent (45) and cancelled (45); 10/6 held but Cal not marked (45).
    // School days 5 + 5 + 1.
    expect(of(ids.cal)).toMatchObject({
      scheduled: 225,
      delivered: 90,
      weeks: 11 / 5,
      held: 4,
      attended: 2,
      attendedWithPrimary: 2,
      lost: {
        studentAbsence: 45,
        attendanceNotRecorded: 45,
        shortened: 0,
        cancelled: { ...noCancellations, STUDENT_OR_SCHOOL_EVENT: 45 },
        unlogged: 0,
        madeUp: 0,
      },
    });
    expect(of(ids.cal).doseVsTarget).toBeCloseTo(90 / 198);
    for (const row of rows) expect(totalLost(row.lost)).toBe(row.scheduled - row.delivered);
  });

  it('pools students for the whole scope and counts who reached the target dose', async () => {
    const [all] = await studentMetrics(db, window, { by: 'all', policy });
    expect(all).toMatchObject({
      key: 'all',
      students: 3,
      scheduled: 630,
      delivered: 315,
      weeks: 6,
      targetMinutes: 540,
      studentsMeetingTarget: 0,
      studentsWithWeeks: 3,
      stillToCome: { sessions: 2, minutes: 60 },
    });
    // Pooled: all delivered ÷ all targets, not a mean of the students' ratios.
    expect(all!.doseVsTarget).toBeCloseTo(315 / 540);
    expect(all!.meanStudentDoseRate).toBeCloseTo((80 / 180 + 145 / 225 + 90 / 225) / 3);
    expect(totalLost(all!.lost)).toBe(315);

    // Week 1 alone: Cal got 90 of 90 (meets the target); Ana 50, Ben 30.
    const [week1] = await studentMetrics(db, { from: '2026-09-14', to: '2026-09-20' }, { by: 'all', policy });
    expect(week1).toMatchObject({
      students: 3,
      scheduled: 90 + 60 + 90,
      delivered: 50 + 30 + 90,
      studentsMeetingTarget: 1,
    });
  });

  it('applies the scope filters', async () => {
    const byGroup = await studentMetrics(db, window, { by: 'group', policy });
    expect(byGroup.find((r) => r.key === ids.math1)).toMatchObject({ students: 2, scheduled: 180 + 90 });
    // Grade 4 is Ben alone; the partner's groups are Math 2 (Ben from 9/22, and Cal).
    expect((await studentMetrics(db, { ...window, grades: [4] }, { policy })).map((r) => r.key)).toEqual([ids.ben]);
    const [partner] = await studentMetrics(db, { ...window, providerId: ids.partner }, { by: 'all', policy });
    expect(partner).toMatchObject({ students: 2, scheduled: 135 + 225 });
    expect(await studentMetrics(db, { ...window, siteIds: [] }, { policy })).toEqual([]);
    expect(await studentMetrics(db, { ...window, cycleId: ids.cycle, subject: 'ELA' }, { policy })).toEqual([]);
  });
});

describe('student-week dose', () => {
  it('has a row for every placed week, empty dose rate in the week with nothing scheduled', async () => {
    const rows = await studentWeekDose(db, { ...window, studentId: ids.ben }, policy);
    const named = rows.map(
      (r) =>
        [r.groupId === ids.math1 ? 'Math 1' : 'Math 2', r.weekStart, r.scheduled, r.delivered, r.doseRate] as const,
    );
    // Rows come by student and week; within a week, in no set group order.
    expect(named.map((r) => r[1])).toEqual([...named.map((r) => r[1])].sort());
    expect([...named].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))).toEqual([
      ['Math 1', '2026-09-14', 60, 30, 0.5],
      ['Math 1', '2026-09-21', 30, 30, 1],
      ['Math 2', '2026-09-21', 90, 45, 0.5],
      ['Math 2', '2026-09-28', 0, 0, null],
      ['Math 2', '2026-10-05', 45, 40, 40 / 45],
    ]);
    // Math 1's first week: 30 delivered of a target prorated to Wed–Fri (3/5 × 90).
    expect(rows.find((r) => r.groupId === ids.math1)).toMatchObject({ schoolDays: 3 });
    expect(rows.find((r) => r.groupId === ids.math1)!.doseVsTarget).toBeCloseTo(30 / 54);
    expect(rows.find((r) => r.weekStart === '2026-09-28')!.doseVsTarget).toBeNull();
  });
});

describe('session delivery rate', () => {
  it('is held ÷ (held + cancelled) by group, tutor and for one student', async () => {
    const byGroup = await sessionDelivery(db, window, { policy });
    // Math 1: held 9/14, 9/16, 9/21 and the 9/22 make-up; cancelled 9/18, 9/23; 9/25 unlogged; 10/7, 10/9 to come.
    expect(byGroup.find((r) => r.key === ids.math1)).toMatchObject({
      held: 4,
      cancelled: 2,
      cancelledByReason: { ...noCancellations, TUTOR_ABSENT: 1, TESTING: 1 },
      unlogged: 1,
      stillToCome: 2,
      makeupsHeld: 1,
    });
    expect(byGroup.find((r) => r.key === ids.math1)!.deliveryRate).toBeCloseTo(4 / 6);
    expect(byGroup.find((r) => r.key === ids.math2)!.deliveryRate).toBe(0.8);

    const byTutor = await sessionDelivery(db, window, { by: 'tutor', policy });
    expect(byTutor.find((r) => r.key === ids.tess)!.deliveryRate).toBe(0.6);
    expect(byTutor.find((r) => r.key === ids.sam)).toMatchObject({ held: 1, cancelled: 0, deliveryRate: 1 });

    // Ben's sessions: Math 1 9/16–9/21 and Math 2 from 9/22: held 4, cancelled 2.
    const [ben] = await sessionDelivery(db, { ...window, studentId: ids.ben }, { by: 'all', policy });
    expect(ben).toMatchObject({ held: 4, cancelled: 2 });
  });
});

describe('access', () => {
  it('is placed ÷ eligible, for all students and each subgroup', async () => {
    const rows = await accessBySubgroup(db, window, policy);
    const of = (dimension: string, value: string) => rows.find((r) => r.dimension === dimension && r.value === value);
    // Eligible: Ana, Ben, Cal (math) and Eve (ELA); not Dee (55th), Fran (latest 45th), Gus (withdrawn). Eve is not placed.
    expect(of('all', 'all')).toEqual({ dimension: 'all', value: 'all', eligible: 4, placed: 3, access: 0.75 });
    expect(of('multilingualLearner', 'yes')).toMatchObject({ eligible: 2, placed: 1, access: 0.5 });
    expect(of('grade', '4')).toMatchObject({ eligible: 1, placed: 1 });
    expect(of('site', ids.site)).toMatchObject({ eligible: 4, placed: 3 });
    const [math] = await accessBySubgroup(db, { ...window, subject: 'MATH' }, policy);
    expect(math).toEqual({ dimension: 'all', value: 'all', eligible: 3, placed: 3, access: 1 });
    // A site's (or some students') scope reads only their screeners: the same figures.
    expect(await accessBySubgroup(db, { ...window, siteIds: [ids.site] }, policy)).toEqual(rows);
    expect(await accessBySubgroup(db, { ...window, siteIds: [] }, policy)).toEqual([]);
    const [grade4] = await accessBySubgroup(db, { ...window, grades: [4] }, policy, ['all']);
    expect(grade4).toEqual({ dimension: 'all', value: 'all', eligible: 1, placed: 1, access: 1 });
    const [ana] = await accessBySubgroup(db, { ...window, studentId: ids.ana }, policy, ['all']);
    expect(ana).toMatchObject({ eligible: 1, placed: 1 });
  });
});

describe('growth', () => {
  it('computes growth, rate of improvement, the aim line and the judgement per placement, up to the window end', async () => {
    const rows = await placementGrowth(db, window, { ...policy, underDosedPercent: 70 });
    const ana = rows.find((r) => r.studentId === ids.ana)!;
    // Weeks 0, 1, 3 with 4, 5, 7: a perfect 1 a week; growth 7 − 4; 7 < 8, but her own dose up to "as of" (yesterday; the 10/7 and 10/9 sessions are still to come) is 80 of 180: under-dosed.
    expect(ana).toMatchObject({
      measure: 'Fractions /10',
      goal: 8,
      goalDate: '2026-12-18',
      growth: 3,
      doseScheduled: 180,
      doseDelivered: 80,
      judgement: 'under-dosed',
    });
    expect(ana.rateOfImprovement).toBeCloseTo(1);
    // Aim line: 4 on 9/14 to 8 on 12/18 (95 days).
    expect(ana.aimSlopePerWeek).toBeCloseTo(4 / (95 / 7));
    const cal = rows.find((r) => r.studentId === ids.cal)!;
    // 9 ≥ 9, but 90 of 225 minutes (40 %): under-dosed — not yet judged, even though the goal is met.
    expect(cal).toMatchObject({
      growth: 3,
      rateOfImprovement: null,
      goalDate: '2026-11-09',
      doseScheduled: 225,
      doseDelivered: 90,
      judgement: 'under-dosed',
    });
    expect(
      (await placementGrowth(db, window, { ...policy, underDosedPercent: 40 })).find((r) => r.studentId === ids.cal)!
        .judgement,
    ).toBe('met');
    // Ben's two placements, each with its own dose: Math 1 60 of 90, Math 2 85 of 135.
    expect(
      rows
        .filter((r) => r.studentId === ids.ben)
        .map((r) => [r.groupId, r.growth, r.doseScheduled, r.doseDelivered, r.judgement]),
    ).toEqual([
      [ids.math1, null, 90, 60, 'under-dosed'],
      [ids.math2, null, 135, 85, 'under-dosed'],
    ]);
  });

  it('relates growth to dose: placements banded by their own dose rate, under-dosed ones not judged', async () => {
    const bands = await growthByDoseBand(db, window, { ...policy, underDosedPercent: 70 });
    const band = (label: string) => bands.find((b) => b.band === label)!;
    // Ana 33 % and Cal 40 % under 50 %; Ben's placements 67 % and 63 % in 50–69 %.
    expect(band('Under 50%').byMeasure).toEqual([{ measure: 'Fractions /10', students: 2, meanGrowth: 3 }]);
    expect(band('Under 50%').judgements).toEqual({
      met: 0,
      'not-met': 0,
      'under-dosed': 2,
      'not-judged': 0,
      judged: 0,
      metShare: null,
    });
    expect(band('50–69%').judgements).toMatchObject({ 'under-dosed': 2, judged: 0 });
    expect(band('70–89%').judgements.judged).toBe(0);
    // With the flag at 30 %, Cal (40 %, met) and Ana (33 %, not met) are judged: 1 of 2.
    const low = await growthByDoseBand(db, window, { ...policy, underDosedPercent: 30 });
    expect(low.find((b) => b.band === 'Under 30%')!.judgements.judged).toBe(0);
    expect(low.find((b) => b.band === '30–49%')!.judgements).toMatchObject({
      met: 1,
      'not-met': 1,
      judged: 2,
      metShare: 0.5,
    });
  });
});

describe('program standard', () => {
  it('checks each group: sessions a week, minutes, size, weeks, a consistent tutor', async () => {
    const policyAll = {
      ...policy,
      targetSessionsPerWeek: 3,
      targetMinutesPerSession: 30,
      maxGroupSize: 4,
      minProgramWeeks: 10,
    };
    const rows = await groupProgramStandard(db, window, policyAll);
    const failed = (groupId: string) =>
      rows
        .find((r) => r.groupId === groupId)!
        .checks.filter((c) => c.met === false)
        .map((c) => c.key);
    // Math 1: 3 × 30 min, at most 2 students at once (Ana; Ben 9/16–9/21); its sessions fall in
    // three Monday-weeks (9/14, 9/21, 10/5: the break week has none), and Tess delivered 3 of its
    // 4 held sessions (75 % < 80 %).
    expect(rows.find((r) => r.groupId === ids.math1)!.facts).toEqual({
      sessionsPerWeek: 3,
      minutesPerSession: 30,
      largestGroupSize: 2,
      weeks: 3,
      primaryTutorShare: 0.75,
    });
    expect(failed(ids.math1)).toEqual(['weeks', 'consistent_tutor']);
    // Math 2 meets twice a week, also in three weeks.
    expect(failed(ids.math2)).toEqual(['sessions_per_week', 'weeks']);
    expect(
      (await groupProgramStandard(db, { ...window, grades: [4], to: '2026-09-20' }, policyAll)).map((r) => r.groupId),
    ).toEqual([ids.math1]);
  });
});

describe('rollup', () => {
  type Db = Parameters<typeof studentMetrics>[0];
  const todays = ['2026-10-07', '2026-09-01', '2026-12-31'];
  const scopes = () => [
    window,
    { from: '2026-09-16', to: '2026-10-22' }, // starts and ends mid-week
    { from: '2026-09-14', to: '2026-09-25' }, // ends on a Friday: the last week is served whole
    { from: '2026-09-15', to: '2026-10-11', groupId: ids.math2 }, // Math 2 never meets on Mondays: so is the first
    { from: '2026-09-14', to: '2026-12-18', cycleId: ids.cycle },
    // Kept week totals: a cycle, one site, one subject (and a window ending on a Friday).
    { from: '2026-09-01', to: '2026-10-16', cycleId: ids.cycle, siteIds: [ids.site], subject: 'MATH' as const },
    { from: '2026-09-08', to: '2026-10-25', cycleId: ids.cycle, siteIds: [ids.site] },
    { ...window, grades: [4] },
    { ...window, providerId: ids.partner },
    { ...window, studentId: ids.ben },
  ];
  // Averages may be summed in another order: compare to 12 significant digits.
  const rounded = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)),
    ) as unknown;
  async function figures(client: Db = db) {
    const out: unknown[] = [];
    for (const scope of scopes()) {
      for (const today of todays) {
        const policy = { today, targetMinutesPerWeek: 90 };
        out.push(
          await studentMetrics(client, scope, { policy }),
          await studentMetrics(client, scope, { by: 'all', policy }),
          await studentWeekDose(client, scope, policy),
          await sessionDelivery(client, scope, { policy }),
          await sessionDelivery(client, scope, { by: 'tutor', policy }),
          // Every placement's sums and each week's totals, as a page reads them.
          await readStudentFacts(client, scope, policy).then((f) => ({
            ...f,
            placements: f.placements.sort((a, b) =>
              `${a.studentId}:${a.groupId}` < `${b.studentId}:${b.groupId}` ? -1 : 1,
            ),
          })),
          await tutorCost(client, scope, { by: 'group', policy }),
          // Growth from the kept probe series (or the probes, for a placement still marked or scored after the window).
          await placementGrowth(client, scope, { ...policy, underDosedPercent: 50 }),
        );
      }
      for (const today of todays)
        out.push(
          await groupProgramStandard(client, scope, {
            today,
            targetSessionsPerWeek: 3,
            targetMinutesPerSession: 30,
            maxGroupSize: 4,
            minProgramWeeks: 10,
          }),
        );
    }
    return rounded(out);
  }
  const stale = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM metrics_stale')).rows[0]!.n;
  const rolledUp = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM metrics_student_week')).rows[0]!.n;

  /** `via`: the queries get the client (the refresh opens its own transaction) or the caller's transaction. */
  async function expectRollupEqualsLive(via: 'client' | 'transaction' = 'client') {
    const live = await withoutRollup(() => figures());
    const read = () => (via === 'client' ? figures() : db.$transaction((tx) => figures(tx), { timeout: 60_000 }));
    // Before the fact worker's refresh: stale weeks are read live, and reading writes nothing.
    const markers = await stale();
    if (markers > 0) {
      expect(await read()).toEqual(live);
      const unrefreshed = await db.$transaction((tx) => figures(tx), {
        isolationLevel: 'RepeatableRead',
        timeout: 60_000,
      });
      expect(unrefreshed).toEqual(live);
      expect(await stale()).toBe(markers);
    }
    // What the fact worker does after a write; then the weeks come from the rollup.
    await refreshRollups(db);
    expect(await stale()).toBe(0);
    expect(await read()).toEqual(live);
    return live;
  }

  it('serves whole weeks from the rollup with the live figures, edge weeks and the current week live', async () => {
    await refreshRollups(db);
    expect(await stale()).toBe(0);
    // Ana 3 weeks + Ben (Math 1: 2, Math 2: 2) + Cal 3 — the 10/9 session is future, so Ana's week 10/5 is stored too.
    expect(await rolledUp()).toBeGreaterThan(0);
    const count = async (table: string) =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    // A running total per rollup row, and week totals for the cycle, its site, its subject and both.
    expect(await count('metrics_student_cume')).toBe(await rolledUp());
    expect(await count('metrics_group_cume')).toBe(await count('metrics_group_week'));
    expect(await count('metrics_week_total')).toBe(
      4 *
        (await pool.query<{ n: number }>('SELECT count(DISTINCT "weekStart")::int AS n FROM metrics_student_week'))
          .rows[0]!.n,
    );
    await expectRollupEqualsLive();
    // Between a pair step and the week step: the pairs are current, their week totals not yet.
    await pool.query(
      'INSERT INTO metrics_week_stale SELECT DISTINCT "weekStart" FROM metrics_student_week ON CONFLICT DO NOTHING',
    );
    await pool.query('UPDATE metrics_week_total SET students = students + 100, scheduled = scheduled + 1000');
    const live = await withoutRollup(() => figures());
    expect(await figures()).toEqual(live);
    await refreshRollups(db);
    expect(await count('metrics_week_stale')).toBe(0);
    expect(await figures()).toEqual(live);
    expect(await count('probe_series')).toBe(2); // Ana in Math 1, Cal in Math 2
    expect(await count('metrics_group_standard')).toBe(await count('tutoring_group'));
    // And the kept week totals, running totals and probe series are what the figures read (a changed row shows).
    // Each change in a transaction rolled back after the check.
    const changed = async (sql: string) => {
      const undo = new Error('rolled back');
      await expect(
        db.$transaction(
          async (tx) => {
            await tx.$executeRawUnsafe(sql);
            expect(await figures(tx)).not.toEqual(live);
            throw undo;
          },
          { timeout: 60_000 },
        ),
      ).rejects.toBe(undo);
    };
    await changed('UPDATE metrics_week_total SET students = students + 100');
    await changed('UPDATE metrics_student_cume SET delivered = delivered + 7');
    await changed('UPDATE metrics_group_cume SET "heldMinutes" = "heldMinutes" + 7');
    await changed(`UPDATE probe_series SET scores = replace(scores, ':PRE:', ':POST:')`);
    await changed('UPDATE metrics_group_standard SET largest = largest + 5');
    expect(await figures()).toEqual(live);
  });

  it('stays exact after a session is logged and an unlogged one is held late', async () => {
    const { math1, tess, ana } = ids;
    const late = await db.session.findFirstOrThrow({ where: { groupId: math1, date: d('2026-09-25') } });
    await db.session.update({
      where: { id: late.id },
      data: { status: 'HELD', actualMinutes: 25, deliveredById: tess, loggedAt: new Date() },
    });
    await db.attendance.create({ data: { sessionId: late.id, studentId: ana, status: 'PRESENT' } });
    const today = await db.session.findFirstOrThrow({ where: { groupId: math1, date: d('2026-10-07') } });
    await db.session.update({
      where: { id: today.id },
      data: { status: 'HELD', actualMinutes: 30, deliveredById: tess },
    });
    await db.attendance.create({
      data: { sessionId: today.id, studentId: ana, status: 'PARTIAL', minutesAttended: 15 },
    });
    expect(await stale()).toBeGreaterThan(0);
    await expectRollupEqualsLive();
    const [anaNow] = await studentMetrics(db, { ...window, studentId: ana }, { policy });
    // Today's session is held, but today is not a complete day: still to come, with Friday's.
    expect(anaNow).toMatchObject({
      delivered: 80 + 25,
      lost: { unlogged: 0 },
      stillToCome: { sessions: 2, minutes: 60 },
    });
  });

  it('stays exact after a membership moves, a grade changes and a student leaves', async () => {
    const { math1, math2, ana, cal, ben } = ids;
    const anaIn1 = await db.membership.findFirstOrThrow({ where: { groupId: math1, studentId: ana } });
    await db.membership.update({ where: { id: anaIn1.id }, data: { endDate: d('2026-09-22') } });
    await db.membership.create({ data: { groupId: math2, studentId: ana, startDate: d('2026-09-23') } });
    await db.student.update({ where: { id: ben }, data: { grade: 3 } }); // read live: no rollup change needed
    await db.student.update({ where: { id: cal }, data: { grade: 4 } });
    const calIn2 = await db.membership.findFirstOrThrow({ where: { groupId: math2, studentId: cal } });
    await db.membership.update({ where: { id: calIn2.id }, data: { endDate: d('2026-09-30') } });
    await expectRollupEqualsLive('transaction');
  });

  it('stays exact after cancellations (a held session cancelled, a future one) and a make-up', async () => {
    const { math2, pat, ben, cal } = ids;
    const held = await db.session.findFirstOrThrow({ where: { groupId: math2, date: d('2026-09-17') } });
    await db.$transaction([
      db.attendance.deleteMany({ where: { sessionId: held.id } }),
      db.session.update({
        where: { id: held.id },
        data: { status: 'CANCELLED', cancellationReason: 'SCHOOL_CLOSURE', actualMinutes: null, deliveredById: null },
      }),
    ]);
    const future = await db.session.findFirstOrThrow({ where: { groupId: ids.math1, date: d('2026-10-09') } });
    await db.session.update({ where: { id: future.id }, data: { status: 'CANCELLED', cancellationReason: 'OTHER' } });
    const makeup = await db.session.create({
      data: {
        groupId: math2,
        date: d('2026-09-18'),
        startMinute: 900,
        plannedMinutes: 45,
        startsAt: d('2026-09-18'),
        status: 'HELD',
        actualMinutes: 45,
        deliveredById: pat,
        makeupForId: held.id,
      },
    });
    await db.attendance.createMany({
      data: [
        { sessionId: makeup.id, studentId: cal, status: 'PRESENT' },
        { sessionId: makeup.id, studentId: ben, status: 'ABSENT_EXCUSED' },
      ],
    });
    // Probes: a new score, a corrected one, a deleted one, and Ben's first.
    const calIn2 = await db.membership.findFirstOrThrow({ where: { groupId: math2, studentId: cal } });
    const benIn2 = await db.membership.findFirstOrThrow({ where: { groupId: math2, studentId: ben } });
    await db.probe.create({
      data: {
        studentId: cal,
        membershipId: calIn2.id,
        groupId: math2,
        measure: 'Fractions /10',
        kind: 'PROGRESS',
        score: 7.5,
        administeredOn: d('2026-09-29'),
      },
    });
    await db.probe.updateMany({ where: { membershipId: calIn2.id, kind: 'POST' }, data: { score: 8.25 } });
    await db.probe.deleteMany({ where: { studentId: ids.ana, kind: 'PROGRESS', administeredOn: d('2026-09-21') } });
    await db.probe.createMany({
      data: [
        {
          studentId: ben,
          membershipId: benIn2.id,
          groupId: math2,
          measure: 'Fractions /10',
          kind: 'PRE',
          score: 3,
          administeredOn: d('2026-09-16'),
        },
        {
          studentId: ben,
          membershipId: benIn2.id,
          groupId: math2,
          measure: 'Fractions /10',
          kind: 'POST',
          score: 6,
          administeredOn: d('2026-10-05'),
        },
      ],
    });
    expect(
      Number((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM probe_stale')).rows[0]!.n),
    ).toBeGreaterThan(0);
    await expectRollupEqualsLive();
    expect(Number((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM probe_stale')).rows[0]!.n)).toBe(0);
  });

  it('stays exact after a schedule regeneration and a new primary tutor', async () => {
    const { math2, math1, sam } = ids;
    await db.groupMeeting.create({ data: { groupId: math2, weekday: 5, startMinute: 600, plannedMinutes: 45 } });
    await db.$transaction((tx) => regenerateGroupSessions(tx, math2, '2026-10-08'));
    await db.group.update({ where: { id: math1 }, data: { primaryTutorId: sam } });
    // Math 1 now counts the other measure's probes.
    await db.group.update({ where: { id: math1 }, data: { probeMeasure: await testMeasure(db, 'Another measure') } });
    const live = await expectRollupEqualsLive('transaction');
    expect(live).not.toEqual([]);
  });

  it('the fact worker refreshes after a write by itself, and reading never writes', async () => {
    const held = await db.session.findFirstOrThrow({
      where: { status: 'HELD', actualMinutes: { gt: 10 } },
      orderBy: { date: 'asc' },
    });
    await db.session.update({ where: { id: held.id }, data: { actualMinutes: held.actualMinutes! - 5 } });
    const markers = await stale();
    expect(markers).toBeGreaterThan(0);
    const live = await withoutRollup(() => figures());
    expect(await figures()).toEqual(live);
    expect(await stale()).toBe(markers); // a read left the markers alone
    startRollupWorker();
    try {
      await expect.poll(stale, { timeout: 20_000, interval: 100 }).toBe(0);
      expect(rollupWorkerStatus()).toMatchObject({ running: true, failuresInARow: 0 });
      expect(rollupWorkerStatus()!.pairsRefreshed).toBeGreaterThan(0);
    } finally {
      stopRollupWorker();
    }
    expect(await figures()).toEqual(live);
  });
});
