// DOMAIN.md's "as of", dose vs target per placement prorated by school days, and
// tutor consistency on the session's date, checked against a plain TypeScript
// recomputation from the raw rows (memberships, sessions, attendance, calendar).
// Today is pinned to Thu Dec 10 2026: figures count sessions up to Wed Dec 9.
//
// Adams: Thanksgiving Wed–Fri Nov 25–27 off (Adams only; Baker's Mon Nov 23 off is
// not Adams'). Math (Tess, Mon/Tue/Wed 30 min) and ELA (Tom, Tue/Thu 30 min) from
// Mon Nov 16, sessions generated from the schedule. Ana: Math. Ben: Math from Wed
// Nov 18. Cal: Math and ELA.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db';
import { accessBySubgroup } from '../../lib/metrics/access-queries';
import { groupProgramStandard } from '../../lib/metrics/standard-queries';
import { sessionDelivery } from '../../lib/metrics/session-queries';
import { studentMetrics, studentWeekDose } from '../../lib/metrics/student-queries';
import { refreshRollups, withoutRollup } from '../../lib/metrics/rollup';
import { regenerateGroupSessions } from '../../lib/sessions/schedule';
import { addDays, isoWeekday, weekStart } from '@/lib/dates';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-12-10';
});

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const TODAY = '2026-12-10';
const policy = { today: TODAY, targetMinutesPerWeek: 90 };
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const ids = {} as Record<'adams' | 'baker' | 'tess' | 'tom' | 'math' | 'ela' | 'ana' | 'ben' | 'cal', string>;

beforeAll(async () => {
  await truncateAll(pool);
  ids.adams = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  ids.baker = (await db.site.create({ data: { code: 'B', name: 'Baker', gradeMin: 0, gradeMax: 5 } })).id;
  const cycle = await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } });
  await db.noSchoolDay.createMany({
    data: [
      ...['2026-11-25', '2026-11-26', '2026-11-27'].map((date) => ({
        date: d(date),
        siteId: ids.adams,
        kind: 'HOLIDAY' as const,
        name: 'Thanksgiving',
      })),
      { date: d('2026-11-23'), siteId: ids.baker, kind: 'PD_DAY', name: 'Baker PD day' },
    ],
  });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = async (name: string) =>
    (
      await db.user.create({
        data: {
          email: `${name}@test.example`,
          name,
          role: 'TUTOR',
          sites: { create: { siteId: ids.adams } },
          tutorProfile: {
            create: {
              providerId: provider.id,
              subjects: ['MATH', 'ELA'],
              gradeMin: 0,
              gradeMax: 5,
              credentialStatus: 'CLEARED',
              capacityGroups: 5,
            },
          },
        },
      })
    ).id;
  ids.tess = await tutor('tess');
  ids.tom = await tutor('tom');
  await db.user.create({
    data: {
      email: 'cora@test.example',
      name: 'Cora',
      role: 'SITE_COORDINATOR',
      sites: { create: { siteId: ids.adams } },
    },
  });
  const group = async (
    name: string,
    subject: 'MATH' | 'ELA',
    primaryTutorId: string,
    weekdays: number[],
    startMinute: number,
  ) => {
    const g = await db.group.create({
      data: {
        siteId: ids.adams,
        cycleId: cycle.id,
        name,
        subject,
        gradeMin: 3,
        gradeMax: 4,
        targetSkill: 'Skill',
        probeMeasure: await testMeasure(db, 'Probe'),
        primaryTutorId,
        modality: 'PUSH_IN',
        startDate: d('2026-11-16'),
        endDate: d('2026-12-18'),
        meetings: { create: weekdays.map((weekday) => ({ weekday, startMinute, plannedMinutes: 30 })) },
      },
    });
    await db.$transaction((tx) => regenerateGroupSessions(tx, g.id, '2026-11-16'));
    return g.id;
  };
  ids.math = await group('Math', 'MATH', ids.tess, [1, 2, 3], 600);
  ids.ela = await group('ELA', 'ELA', ids.tom, [2, 4], 780);
  const student = async (sisId: string) =>
    (await db.student.create({ data: { sisId, firstName: sisId, lastName: 'S', grade: 3, siteId: ids.adams } })).id;
  ids.ana = await student('ANA');
  ids.ben = await student('BEN');
  ids.cal = await student('CAL');
  await db.membership.createMany({
    data: [
      { groupId: ids.math, studentId: ids.ana, startDate: d('2026-11-16') },
      { groupId: ids.math, studentId: ids.ben, startDate: d('2026-11-18') }, // a Wednesday
      { groupId: ids.math, studentId: ids.cal, startDate: d('2026-11-16') },
      { groupId: ids.ela, studentId: ids.cal, startDate: d('2026-11-16') },
    ],
  });

  // Log every session up to today (today's ELA session too: logged, but today is not complete).
  const absent: Record<string, string[]> = { [ids.ben]: ['2026-11-24'], [ids.cal]: ['2026-12-01'] };
  const unlogged = new Set([`${ids.ela}:2026-12-08`]);
  for (const groupId of [ids.math, ids.ela]) {
    const members = (await db.membership.findMany({ where: { groupId } })).map((m) => ({
      studentId: m.studentId,
      from: iso(m.startDate),
    }));
    const sessions = await db.session.findMany({
      where: { groupId, date: { lte: d(TODAY) } },
      include: { group: true },
    });
    for (const s of sessions) {
      const date = iso(s.date);
      if (unlogged.has(`${groupId}:${date}`)) continue;
      await db.session.update({
        where: { id: s.id },
        data: { status: 'HELD', actualMinutes: 30, deliveredById: s.group.primaryTutorId, loggedAt: new Date() },
      });
      const marks = members
        .filter((m) => m.from <= date)
        .map((m) => ({
          sessionId: s.id,
          studentId: m.studentId,
          status: absent[m.studentId]?.includes(date) ? ('ABSENT_EXCUSED' as const) : ('PRESENT' as const),
        }));
      await db.attendance.createMany({ data: marks });
    }
  }
});

/** Raw rows, read with plain SQL: the reference below recomputes every figure from them. */
async function rawRows() {
  const q = async <T extends Record<string, unknown>>(sql: string) => (await pool.query<T>(sql)).rows;
  return {
    memberships: await q<{ studentId: string; groupId: string; siteId: string; start: string; end: string | null }>(
      `SELECT m."studentId", m."groupId", g."siteId", to_char(m."startDate", 'YYYY-MM-DD') AS start, to_char(m."endDate", 'YYYY-MM-DD') AS "end" FROM membership m JOIN tutoring_group g ON g.id = m."groupId"`,
    ),
    sessions: await q<{
      id: string;
      groupId: string;
      date: string;
      planned: number;
      actual: number | null;
      status: string;
      makeup: boolean;
      deliveredById: string | null;
      primaryTutorId: string;
    }>(
      `SELECT id, "groupId", to_char(date, 'YYYY-MM-DD') AS date, "plannedMinutes" AS planned, "actualMinutes" AS actual, status::text, "makeupForId" IS NOT NULL AS makeup, "deliveredById", "primaryTutorId" FROM session`,
    ),
    attendance: await q<{ sessionId: string; studentId: string; status: string; minutes: number | null }>(
      `SELECT "sessionId", "studentId", status::text, "minutesAttended" AS minutes FROM attendance`,
    ),
    noSchool: await q<{ date: string; siteId: string | null }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, "siteId" FROM no_school_day`,
    ),
  };
}

/** DOMAIN.md's definitions, written out plainly over the raw rows. */
function reference(raw: Awaited<ReturnType<typeof rawRows>>, from: string, to: string) {
  const yesterday = addDays(TODAY, -1);
  const asOf = to < yesterday ? to : yesterday;
  const students = new Map<
    string,
    {
      delivered: number;
      target: number;
      placements: boolean[];
      attended: number;
      withPrimary: number;
      laterSessions: number;
      laterMinutes: number;
    }
  >();
  for (const m of raw.memberships) {
    const first = m.start > from ? m.start : from;
    const last = m.end && m.end < asOf ? m.end : asOf;
    const inPlacement = (date: string) => date >= m.start && (m.end === null || date <= m.end);
    const own = raw.sessions.filter((s) => s.groupId === m.groupId && s.date >= first && s.date <= last);
    let delivered = 0;
    const s0 = students.get(m.studentId) ?? {
      delivered: 0,
      target: 0,
      placements: [],
      attended: 0,
      withPrimary: 0,
      laterSessions: 0,
      laterMinutes: 0,
    };
    for (const s of own) {
      const mark = raw.attendance.find((a) => a.sessionId === s.id && a.studentId === m.studentId);
      if (s.status !== 'HELD' || !mark) continue;
      if (mark.status === 'PRESENT' || mark.status === 'PARTIAL') {
        delivered += mark.status === 'PRESENT' ? s.actual! : mark.minutes!;
        s0.attended++;
        if (s.deliveredById === s.primaryTutorId) s0.withPrimary++;
      }
    }
    let days = 0;
    for (const monday of new Set(own.map((s) => weekStart(s.date)))) {
      for (let i = 0; i < 5; i++) {
        const day = addDays(monday, i);
        const off = raw.noSchool.some((n) => n.date === day && (n.siteId === null || n.siteId === m.siteId));
        if (day >= first && day <= last && !off) days++;
      }
    }
    const target = (days / 5) * 90;
    for (const s of raw.sessions) {
      if (
        s.groupId === m.groupId &&
        !s.makeup &&
        s.date > asOf &&
        s.date >= TODAY &&
        s.date <= to &&
        inPlacement(s.date)
      ) {
        s0.laterSessions++;
        s0.laterMinutes += s.planned;
      }
    }
    s0.delivered += delivered;
    s0.target += target;
    if (days > 0) s0.placements.push(delivered >= target);
    students.set(m.studentId, s0);
  }
  return students;
}

const windows = [
  { name: 'Thanksgiving week', from: '2026-11-23', to: '2026-11-29' },
  { name: "Ben's first week", from: '2026-11-16', to: '2026-11-22' },
  { name: 'the cycle so far, to the end of this week', from: '2026-11-16', to: '2026-12-13' },
];

async function expectMatchesReference() {
  const raw = await rawRows();
  for (const w of windows) {
    const expected = reference(raw, w.from, w.to);
    const rows = await studentMetrics(db, w, { policy });
    for (const [studentId, e] of expected) {
      const row = rows.find((r) => r.key === studentId)!;
      expect(row, `${w.name}, ${studentId}`).toBeDefined();
      expect(row.delivered, w.name).toBe(e.delivered);
      expect(row.targetMinutes, w.name).toBeCloseTo(e.target);
      expect(row.doseVsTarget, w.name).toBeCloseTo(e.target > 0 ? e.delivered / e.target : NaN);
      expect(row.tutorConsistency, w.name).toBeCloseTo(e.withPrimary / e.attended);
      expect(row.stillToCome, w.name).toEqual({ sessions: e.laterSessions, minutes: e.laterMinutes });
    }
    const [all] = await studentMetrics(db, w, { by: 'all', policy });
    const list = [...expected.values()];
    const pooled = list.reduce((sum, e) => sum + e.delivered, 0) / list.reduce((sum, e) => sum + e.target, 0);
    expect(all!.doseVsTarget, w.name).toBeCloseTo(pooled);
    expect(all!.studentsMeetingTarget, w.name).toBe(
      list.filter((e) => e.placements.length > 0 && e.placements.every(Boolean)).length,
    );
    expect(all!.studentsWithWeeks, w.name).toBe(list.filter((e) => e.placements.length > 0).length);
  }
}

describe('as of', () => {
  it('counts nothing after yesterday: today’s held session and later ones are still to come', async () => {
    const [cal] = await studentMetrics(
      db,
      { from: '2026-12-07', to: '2026-12-13', studentId: ids.cal },
      { by: 'all', policy },
    );
    // Math Mon–Wed 12/7–12/9 held (90); ELA Tue 12/8 never logged; ELA Thu 12/10 (today) held but not counted.
    expect(cal).toMatchObject({
      scheduled: 90 + 30,
      delivered: 90,
      held: 3,
      lost: { unlogged: 30 },
      stillToCome: { sessions: 1, minutes: 30 },
    });
    const [ela] = await sessionDelivery(
      db,
      { from: '2026-12-07', to: '2026-12-13', groupId: ids.ela },
      { by: 'all', policy },
    );
    expect(ela).toMatchObject({ held: 0, unlogged: 1, stillToCome: 1 });
    // A window wholly ahead counts nothing.
    const [ahead] = await studentMetrics(db, { from: '2026-12-14', to: '2026-12-20' }, { by: 'all', policy });
    expect(ahead).toMatchObject({
      students: 0,
      scheduled: 0,
      delivered: 0,
      stillToCome: { sessions: 3 * 3 + 2, minutes: 11 * 30 },
    });
    expect(await studentWeekDose(db, { from: '2026-12-14', to: '2026-12-20' }, policy)).toEqual([]);
  });
});

describe('dose vs target per placement', () => {
  it('prorates Thanksgiving week to 2/5 and a Wednesday start to 3/5', async () => {
    const thanksgiving = await studentWeekDose(db, { from: '2026-11-23', to: '2026-11-29' }, policy);
    const week = (studentId: string, groupId: string) =>
      thanksgiving.find((r) => r.studentId === studentId && r.groupId === groupId)!;
    expect(week(ids.ana, ids.math)).toMatchObject({ schoolDays: 2, delivered: 60 });
    expect(week(ids.ana, ids.math).doseVsTarget).toBeCloseTo(60 / 36);
    // Baker's PD day on Monday is not Adams'.
    expect(week(ids.cal, ids.ela)).toMatchObject({ schoolDays: 2, delivered: 30 });

    const [ben] = await studentWeekDose(db, { from: '2026-11-16', to: '2026-11-22', studentId: ids.ben }, policy);
    expect(ben).toMatchObject({ schoolDays: 3, delivered: 30 });
    expect(ben!.doseVsTarget).toBeCloseTo(30 / 54);
  });

  it('meets the target in Thanksgiving week where every placement did: not "0 of 3"', async () => {
    const rows = await studentMetrics(db, { from: '2026-11-23', to: '2026-11-29' }, { policy });
    const of = (id: string) => rows.find((r) => r.key === id)!;
    // Ana 60 ≥ 36. Ben 30 < 36 (absent Tuesday). Cal: Math 60 ≥ 36 but ELA 30 < 36 —
    // pooled 90 ÷ 72 is over 100 %, yet one placement fell short, so Cal does not meet it.
    expect(of(ids.cal).doseVsTarget).toBeCloseTo(90 / 72);
    const [all] = await studentMetrics(db, { from: '2026-11-23', to: '2026-11-29' }, { by: 'all', policy });
    expect(all).toMatchObject({ studentsMeetingTarget: 1, studentsWithWeeks: 3, targetMinutes: 36 * 4 });
  });

  it('agrees with the recomputation from raw rows, live and from the rollup', async () => {
    await withoutRollup(() => expectMatchesReference());
    await refreshRollups(db);
    await expectMatchesReference();
  });
});

describe('tutor consistency on the session’s date', () => {
  it('keeps history when the group is handed to a new tutor; sessions still to come follow the new one', async () => {
    const { reassignTutorAction } = await import('../../lib/placement/staffing-actions');
    await signInAs('cora@test.example');
    expect(await reassignTutorAction(null, { groupId: ids.math, tutorId: ids.tom, confirm: 'on' })).toMatchObject({
      ok: true,
    });
    const primaryOn = async (date: string) =>
      (await db.session.findFirstOrThrow({ where: { groupId: ids.math, date: d(date) } })).primaryTutorId;
    expect(await primaryOn('2026-12-09')).toBe(ids.tess);
    expect(await primaryOn('2026-12-14')).toBe(ids.tom);
    expect(isoWeekday('2026-12-14')).toBe(1);

    // Every attended Math session was Tess's while she was the primary tutor: 100 %, not 0 %.
    const [ana] = await studentMetrics(
      db,
      { from: '2026-11-16', to: '2026-12-13', studentId: ids.ana },
      { by: 'all', policy },
    );
    expect(ana).toMatchObject({ attended: 11, attendedWithPrimary: 11, tutorConsistency: 1 });
    const standard = await groupProgramStandard(
      db,
      { from: '2026-11-16', to: '2026-12-13', groupId: ids.math },
      { ...policy, targetSessionsPerWeek: 3, targetMinutesPerSession: 30, maxGroupSize: 4, minProgramWeeks: 10 },
    );
    expect(standard[0]!.facts).toMatchObject({ primaryTutorShare: 1, weeks: 5 });
    await expectMatchesReference();
  });
});

describe('eligible', () => {
  it('is a student active at some point in the window whose latest screener up to its end is below the percentile', async () => {
    const student = (sisId: string, extra: { status?: 'WITHDRAWN'; withdrawnOn?: Date } = {}) =>
      db.student.create({ data: { sisId, firstName: sisId, lastName: 'E', grade: 3, siteId: ids.adams, ...extra } });
    const screen = (studentId: string, percentile: number, testedOn: string) =>
      db.screenerResult.create({
        data: { studentId, subject: 'MATH', measure: 'Screener', percentile, testedOn: d(testedOn) },
      });
    const dot = await student('DOT', { status: 'WITHDRAWN', withdrawnOn: d('2026-11-20') }); // left during the first week
    await screen(dot.id, 10, '2026-09-02');
    const eli = await student('ELI');
    await screen(eli.id, 10, '2026-12-01');
    await screen(eli.id, 50, '2026-12-20'); // after every window below
    const fay = await student('FAY');
    await screen(fay.id, 20, '2026-09-02');
    await screen(fay.id, 60, '2026-12-01'); // her latest from December on
    const eligible = async (from: string, to: string) =>
      (await accessBySubgroup(db, { from, to, subject: 'MATH' }, { eligibilityPercentile: 40 })).find(
        (r) => r.dimension === 'all',
      )?.eligible ?? 0;
    // Nov 16 – Dec 13: Dot (active until Nov 20) and Eli (10th on Dec 1); Fay's latest by Dec 13 is the 60th.
    expect(await eligible('2026-11-16', '2026-12-13')).toBe(2);
    // Thanksgiving week: Dot had left; Eli had no screener yet; Fay's latest was the 20th.
    expect(await eligible('2026-11-23', '2026-11-29')).toBe(1);
  });
});
