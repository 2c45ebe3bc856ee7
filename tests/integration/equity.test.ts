// The equity view and the per-student export on a small hand-built district.
// Window: two weeks, Mon Sep 14 – Sun Sep 27 2026; today is Wed Oct 21 2026 (the app's
// clock is pinned there, lib/clock.ts), so nothing in the window is "upcoming".
//
// Lincoln (EQ1): 24 students eligible in Math (screener 20th percentile); students
//   0–15 placed in four "Fractions" groups of 4 (Math, 45 min, the same sessions). Race: 0–13 Hispanic/Latino, 14–20
//   Black, 21–23 White. Students 20–23 have an IEP (4 of 24: one small part, so its
//   complement is hidden too). Even students female, odd male.
// Jefferson (EQ2): 2 girls eligible in Math, race not reported, not placed (a small site).
// Fractions sessions: Mon 9/14 held (0–9 present, 10–15 absent) · Wed 9/16 cancelled,
//   tutor absent · Thu 9/17 make-up for 9/16, held, all present · Mon 9/21 held, all
//   present but 15, who attended 20 minutes · Wed 9/23 held, all present.
// "Reading" (ELA, 30 min) at Lincoln: students 0 and 1, one session Tue 9/15 held, present.
// Goals: every Fractions placement has goal 10, pre 5 (9/14); progress on 9/23 is 10
//   for students 0–7 (met) and 6 for 8–15 (not met). A post of 12 after the window for
//   student 8 does not count.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as equityCsvRoute } from '../../app/api/equity/csv/route';
import { GET as exportRoute } from '../../app/api/exports/students/route';
import { db } from '../../lib/db';
import { equityContext, equityView, EQUITY_COLUMNS } from '../../lib/equity/view';
import { equityBySubgroup } from '../../lib/metrics/equity-queries';
import { STUDENT_EXPORT_COLUMNS } from '../../lib/student-export/export';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { attackSurface, derive } from '../setup/differencing';
import { signInAs, signOut } from '../setup/sign-in';

vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-10-21';
});

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const FROM = '2026-09-14';
const TO = '2026-09-27';
const HIDDEN = 'n<10';
const SUPPRESSED = 'suppressed';
const ids = {} as Record<'lincoln' | 'jefferson' | 'cycle' | 'reading', string>;
const students: string[] = [];
/** Four Fractions groups (the size limit is 4): students 4k … 4k+3 in group k. */
const fractions: string[] = [];

beforeAll(async () => {
  await truncateAll(pool);
  ids.lincoln = (await db.site.create({ data: { code: 'EQ1', name: 'Lincoln', gradeMin: 0, gradeMax: 5 } })).id;
  ids.jefferson = (await db.site.create({ data: { code: 'EQ2', name: 'Jefferson', gradeMin: 0, gradeMax: 5 } })).id;
  ids.cycle = (
    await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } })
  ).id;
  const tutor = await db.user.create({ data: { email: 'eq-tutor@test.example', name: 'Tess', role: 'TUTOR' } });
  await db.user.create({ data: { email: 'eq-leader@test.example', name: 'Lee', role: 'DISTRICT_LEADER' } });
  await db.user.create({ data: { email: 'eq-admin@test.example', name: 'Ada', role: 'DISTRICT_ADMIN' } });
  await db.user.create({
    data: {
      email: 'eq-coordinator@test.example',
      name: 'Cora',
      role: 'SITE_COORDINATOR',
      sites: { create: { siteId: ids.lincoln } },
    },
  });
  const group = async (name: string, subject: 'MATH' | 'ELA') =>
    db.group.create({
      data: {
        siteId: ids.lincoln,
        cycleId: ids.cycle,
        name,
        subject,
        gradeMin: 3,
        gradeMax: 4,
        targetSkill: name,
        probeMeasure: await testMeasure(db, subject === 'MATH' ? 'Fractions /10' : 'Reading /10', subject),
        primaryTutorId: tutor.id,
        modality: 'IN_SCHOOL_PULL_OUT',
        startDate: d('2026-09-14'),
        endDate: d('2026-12-18'),
      },
    });
  for (let k = 1; k <= 4; k++) fractions.push((await group(`Fractions ${k}`, 'MATH')).id);
  ids.reading = (await group('Reading', 'ELA')).id;

  const race = (i: number) =>
    (i <= 13 ? 'HISPANIC_LATINO' : i <= 20 ? 'BLACK' : 'WHITE') as 'HISPANIC_LATINO' | 'BLACK' | 'WHITE';
  for (let i = 0; i < 24; i++) {
    const st = await db.student.create({
      data: {
        sisId: `L${String(i).padStart(3, '0')}`,
        firstName: `S${i}`,
        lastName: 'L',
        grade: 3,
        siteId: ids.lincoln,
        raceEthnicity: race(i),
        gender: i % 2 ? 'MALE' : 'FEMALE',
        iep: i >= 20,
      },
    });
    students.push(st.id);
    await db.screenerResult.create({
      data: { studentId: st.id, subject: 'MATH', measure: 'Screener', percentile: 20, testedOn: d('2026-09-02') },
    });
  }
  for (let i = 0; i < 2; i++) {
    const st = await db.student.create({
      data: { sisId: `J${i}`, firstName: `J${i}`, lastName: 'J', grade: 3, siteId: ids.jefferson, gender: 'FEMALE' },
    });
    await db.screenerResult.create({
      data: { studentId: st.id, subject: 'MATH', measure: 'Screener', percentile: 20, testedOn: d('2026-09-02') },
    });
  }

  const memberships: string[] = [];
  for (let i = 0; i < 16; i++)
    memberships.push(
      (
        await db.membership.create({
          data: {
            groupId: fractions[Math.floor(i / 4)]!,
            studentId: students[i]!,
            startDate: d('2026-09-14'),
            goalScore: 10,
          },
        })
      ).id,
    );
  for (let i = 0; i < 2; i++)
    await db.membership.create({ data: { groupId: ids.reading, studentId: students[i]!, startDate: d('2026-09-14') } });

  const session = async (
    groupId: string,
    date: string,
    planned: number,
    status: 'HELD' | 'CANCELLED',
    extra: { makeupForId?: string; marks?: (i: number) => 'PRESENT' | 'ABSENT_UNEXCUSED' | number; members: number[] },
  ) => {
    const s = await db.session.create({
      data: {
        groupId,
        date: d(date),
        startMinute: extra.makeupForId ? 900 : 600,
        plannedMinutes: planned,
        startsAt: d(date),
        status,
        actualMinutes: status === 'HELD' ? planned : null,
        cancellationReason: status === 'CANCELLED' ? 'TUTOR_ABSENT' : null,
        makeupForId: extra.makeupForId ?? null,
        deliveredById: status === 'HELD' ? tutor.id : null,
      },
    });
    if (extra.marks) {
      for (const i of extra.members) {
        const mark = extra.marks(i);
        await db.attendance.create({
          data: {
            sessionId: s.id,
            studentId: students[i]!,
            status: typeof mark === 'number' ? 'PARTIAL' : mark,
            minutesAttended: typeof mark === 'number' ? mark : null,
          },
        });
      }
    }
    return s.id;
  };
  for (const [k, groupId] of fractions.entries()) {
    const members = [4 * k, 4 * k + 1, 4 * k + 2, 4 * k + 3];
    await session(groupId, '2026-09-14', 45, 'HELD', {
      members,
      marks: (i) => (i <= 9 ? 'PRESENT' : 'ABSENT_UNEXCUSED'),
    });
    const cancelled = await session(groupId, '2026-09-16', 45, 'CANCELLED', { members });
    await session(groupId, '2026-09-17', 45, 'HELD', { members, makeupForId: cancelled, marks: () => 'PRESENT' });
    await session(groupId, '2026-09-21', 45, 'HELD', { members, marks: (i) => (i === 15 ? 20 : 'PRESENT') });
    await session(groupId, '2026-09-23', 45, 'HELD', { members, marks: () => 'PRESENT' });
    await session(groupId, '2026-09-28', 45, 'HELD', { members, marks: () => 'PRESENT' }); // after the window
  }
  await session(ids.reading, '2026-09-15', 30, 'HELD', { marks: () => 'PRESENT', members: [0, 1] });

  for (let i = 0; i < 16; i++) {
    const probe = (kind: 'PRE' | 'PROGRESS' | 'POST', date: string, score: number) =>
      db.probe.create({
        data: {
          studentId: students[i]!,
          membershipId: memberships[i]!,
          groupId: fractions[Math.floor(i / 4)]!,
          measure: 'Fractions /10',
          kind,
          score,
          administeredOn: d(date),
        },
      });
    await probe('PRE', '2026-09-14', 5);
    await probe('PROGRESS', '2026-09-23', i <= 7 ? 10 : 6);
    if (i === 8) await probe('POST', '2026-10-05', 12);
  }
}, 120_000);

async function pageView(params: Record<string, string> = {}) {
  const context = await equityContext({ cycle: ids.cycle, from: FROM, to: '2026-09-21', ...params });
  return equityView({ ...context, filters: context.filters! });
}

const COUNT_COLUMNS = EQUITY_COLUMNS.flatMap((c, i) =>
  ['Eligible', 'Placed', 'Placed students with sessions', 'Students with a goal judged'].includes(c.label) ? [i] : [],
);

/** Every count shown is at least 10; every share is hidden, coded, or a whole percent. */
function expectSuppressed(rows: string[][]) {
  for (const row of rows) {
    COUNT_COLUMNS.forEach((i) => {
      const cell = row[i]!;
      expect(
        cell === HIDDEN || cell === SUPPRESSED || Number(cell.replaceAll(',', '')) >= 10,
        `${row[0]}: ${EQUITY_COLUMNS[i]!.label} = ${cell}`,
      ).toBe(true);
    });
  }
}

describe('equityBySubgroup', () => {
  it('gives all students’ access, dose and goals as DOMAIN.md defines them', async () => {
    const rows = await equityBySubgroup(db, { cycleId: ids.cycle, from: FROM, to: TO });
    const all = rows.find((r) => r.dimension === 'all')!;
    // Delivered ÷ scheduled per student: 0–1 (210/210), 2–9 (180/180), 10–14 (135/180), 15 (110/180).
    const rates = [...Array(10).fill(1), ...Array(5).fill(135 / 180), 110 / 180];
    // Goals judged: 0–14; student 15's only placement is under-dosed (110/180 = 61 % < 70 %), so not judged.
    expect(all).toMatchObject({ eligible: 26, placed: 16, dosed: 16, withWeeks: 16, judged: 15, metGoal: 8 });
    expect(all.access).toBeCloseTo(16 / 26);
    expect(all.meanDoseRate).toBeCloseTo(rates.reduce((a, b) => a + b) / 16);
    // Target 90 min a week: 2–9 delivered 180 in 2 weeks; 0–1 delivered 210 over 3 subject-weeks (< 270).
    expect(all.meetingTarget).toBe(8);
    const black = rows.find((r) => r.dimension === 'raceEthnicity' && r.value === 'BLACK')!;
    expect(black).toMatchObject({ eligible: 7, placed: 2, dosed: 2 });
    expect(rows.find((r) => r.dimension === 'site' && r.value === ids.jefferson)).toMatchObject({
      eligible: 2,
      placed: 0,
      dosed: 0,
    });
  });
});

describe('equity view: small-cell suppression', () => {
  it('keeps every cell under n=10 off the page’s data, with complementary suppression', async () => {
    await signInAs('eq-leader@test.example');
    const view = await pageView();
    expect(view.minN).toBe(10);
    expect(view.tables.map((t) => t.id)).toEqual([
      'raceEthnicity',
      'gender',
      'multilingualLearner',
      'disability',
      'economicallyDisadvantaged',
      'foster',
      'homeless',
      'grade',
      'site',
    ]);
    for (const t of view.tables) {
      expect(t.rows[0]!.cells[0]).toBe('All students');
      // Sites and grades are operational (staff see them exactly on the dashboards): only demographic subgroups hide.
      if (t.id !== 'site' && t.id !== 'grade') expectSuppressed(t.rows.map((r) => r.cells));
    }
    const row = (dimension: string, label: string) =>
      view.tables.find((t) => t.id === dimension)!.rows.find((r) => r.cells[0] === label)!.cells;
    expect(row('raceEthnicity', 'All students').slice(0, 4)).toEqual(['All students', '26', '16', '62%']);
    expect(row('raceEthnicity', 'Black or African American').slice(1)).toEqual(
      Array(EQUITY_COLUMNS.length - 1).fill(HIDDEN),
    );
    expect(row('raceEthnicity', 'White').slice(1, 4)).toEqual([HIDDEN, HIDDEN, HIDDEN]);
    // Hispanic/Latino: 14 eligible, 14 placed: 100% reads "≥95%" and the count beside it is
    // not printed; dose for 14 students.
    expect(row('raceEthnicity', 'Hispanic or Latino').slice(1, 6)).toEqual(['14', SUPPRESSED, '≥95%', '—', '14']);
    // IEP: 4 "yes" of 24 at Lincoln + 2 at Jefferson: "yes" is small, so "no" is hidden too,
    // and reads "suppressed" (its n is larger).
    expect(row('disability', 'Yes')[1]).toBe(HIDDEN);
    expect(row('disability', 'No')[1]).toBe(SUPPRESSED);
    // Sites are no demographic subgroup: Jefferson's 2 eligible and Lincoln's 24 show exactly, as on the site dashboards.
    expect(row('site', 'Jefferson').slice(1, 3)).toEqual(['2', '0']);
    expect(row('site', 'Lincoln').slice(1, 3)).toEqual(['24', '16']);
    // Gender: 14 girls eligible, 8 placed; 12 boys, 8 placed. Placed is small, so access is
    // hidden too (8 of 14 would give it back).
    expect(row('gender', 'Female').slice(1, 5)).toEqual(['14', HIDDEN, SUPPRESSED, SUPPRESSED]);
    expect(row('gender', 'Male').slice(1, 5)).toEqual(['12', HIDDEN, SUPPRESSED, SUPPRESSED]);
    // A gap is words, from the shown percentages: every student is in the "no" of foster care.
    // Met goal: 8 of the 15 judged (student 15 is under-dosed, not judged).
    expect(row('foster', 'No').slice(8)).toEqual(['50%', 'Same as all students', '15', '53%', 'Same as all students']);
    expect(row('raceEthnicity', 'All students').slice(8)).toEqual(['50%', 'Reference', '15', '53%', 'Reference']);
  });

  it('leaves no hidden count to work out from the district’s and each site’s tables together', async () => {
    await signInAs('eq-leader@test.example');
    const sites = [
      { id: ids.lincoln, name: 'Lincoln' },
      { id: ids.jefferson, name: 'Jefferson' },
    ];
    const leaks: string[] = [];
    for (const subject of [undefined, 'MATH', 'ELA']) {
      const views = new Map<string, Awaited<ReturnType<typeof pageView>>['tables']>();
      for (const site of ['', ids.lincoln, ids.jefferson])
        views.set(site, (await pageView({ ...(subject ? { subject } : {}), ...(site ? { site } : {}) })).tables);
      for (const i of COUNT_COLUMNS) {
        const { sums, seen } = attackSurface(views, sites, i, 10);
        for (const [cell, value] of derive(sums, seen))
          leaks.push(`${subject ?? 'any'} · ${EQUITY_COLUMNS[i]!.label} · ${cell} = ${value}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('hides a small subgroup’s dose and goal figures, and says any notable gap in words', async () => {
    await signInAs('eq-leader@test.example');
    const view = await pageView();
    const male = view.tables.find((t) => t.id === 'gender')!.rows.find((r) => r.cells[0] === 'Male')!;
    // Goals: met by 0–7, i.e. 4 of 8 judged girls and 4 of 7 judged boys (15 under-dosed): too few to show.
    expect(male.cells[10]).toBe(HIDDEN);
    // Dose: boys 1,3,5,7,9 at 100%, 11,13 at 75%, 15 at 61%: n = 8 → hidden.
    expect(male.cells[6]).toBe(HIDDEN);
    const anyNotable = view.tables.flatMap((t) => t.rows).filter((r) => r.notable.some(Boolean));
    for (const r of anyNotable)
      r.notable.forEach((n, i) => n && expect(r.cells[i]).toMatch(/^\d+ points? below \(notable gap\)$/));
  });

  it('sends the same suppressed cells in the CSV, safe for spreadsheets, to district roles only', async () => {
    await signInAs('eq-admin@test.example');
    const url = `http://localhost/api/equity/csv?cycle=${ids.cycle}&from=${FROM}&to=2026-09-21&table=raceEthnicity`;
    const response = await equityCsvRoute(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="equity-raceethnicity-2026-09-14-2026-09-21\.csv"$/,
    );
    const lines = (await response.text()).trim().split('\r\n');
    // Shares are plain numbers in the file, "%" in their header.
    const shares = new Set(['Access (placed ÷ eligible)', 'Mean dose rate', 'Meeting target dose', 'Met growth goal']);
    expect(lines[0]).toBe(EQUITY_COLUMNS.map((c) => (shares.has(c.label) ? `${c.label} (%)` : c.label)).join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual([
      'All students',
      'Black or African American',
      'Hispanic or Latino',
      'Not reported',
      'White',
    ]);
    expectSuppressed(rows);
    expect(rows[1]!.slice(1)).toEqual(Array(EQUITY_COLUMNS.length - 1).fill(HIDDEN));
    for (const line of lines) expect(line).not.toMatch(/(^|,)[=+@\-]/);

    expect((await equityCsvRoute(new Request(url.replace('raceEthnicity', 'nope')))).status).toBe(400);
    for (const email of ['eq-coordinator@test.example', 'eq-tutor@test.example']) {
      await signInAs(email);
      expect((await equityCsvRoute(new Request(url))).status, email).toBe(403);
    }
    signOut();
    expect((await equityCsvRoute(new Request(url))).status).toBe(401);
  });
});

interface ExpectedRow {
  student_sis_id: string;
  site_code: string;
  subject: string;
  group_id: string;
  dose_scheduled_minutes: number;
  dose_delivered_minutes: number;
  sessions_scheduled: number;
  sessions_attended: number;
  latest_score: string;
  goal: string;
  /** yes / no with a goal, a pre and a later score; '' otherwise (before the dose is looked at). */
  judged_goal: string;
}

/** DOMAIN.md's figures per student and group, written here in SQL (not the metrics module's). */
async function expectedExport(from: string, to: string, subject?: string): Promise<string[][]> {
  const { rows: raw } = await pool.query<ExpectedRow>(
    `SELECT st."sisId" AS student_sis_id, si.code AS site_code, g.subject::text AS subject, g.id::text AS group_id,
       COALESCE(SUM(s."plannedMinutes") FILTER (WHERE s."makeupForId" IS NULL), 0)::int AS dose_scheduled_minutes,
       COALESCE(SUM(CASE WHEN s.status <> 'HELD' THEN 0 WHEN a.status = 'PRESENT' THEN s."actualMinutes" WHEN a.status = 'PARTIAL' THEN a."minutesAttended" ELSE 0 END), 0)::int AS dose_delivered_minutes,
       COUNT(s.id) FILTER (WHERE s."makeupForId" IS NULL)::int AS sessions_scheduled,
       COUNT(s.id) FILTER (WHERE s.status = 'HELD' AND a.status IN ('PRESENT', 'PARTIAL'))::int AS sessions_attended,
       COALESCE((SELECT p.score::float8::text FROM probe p WHERE p."membershipId" = m.id AND p.measure = g."probeMeasure" AND p.kind IN ('POST', 'PROGRESS') AND p."administeredOn" <= $2::date
                 ORDER BY (p.kind = 'POST') DESC, p."administeredOn" DESC LIMIT 1), '') AS latest_score,
       COALESCE(m."goalScore"::float8::text, '') AS goal,
       CASE WHEN m."goalScore" IS NULL OR NOT EXISTS (SELECT 1 FROM probe p WHERE p."membershipId" = m.id AND p.measure = g."probeMeasure" AND p.kind = 'PRE' AND p."administeredOn" <= $2::date)
         THEN '' ELSE COALESCE((SELECT CASE WHEN p.score >= m."goalScore" THEN 'yes' ELSE 'no' END FROM probe p
         WHERE p."membershipId" = m.id AND p.measure = g."probeMeasure" AND p.kind IN ('POST', 'PROGRESS') AND p."administeredOn" <= $2::date
         ORDER BY (p.kind = 'POST') DESC, p."administeredOn" DESC LIMIT 1), '') END AS judged_goal
     FROM membership m
     JOIN student st ON st.id = m."studentId"
     JOIN tutoring_group g ON g.id = m."groupId"
     JOIN site si ON si.id = g."siteId"
     LEFT JOIN session s ON s."groupId" = g.id AND s.date BETWEEN GREATEST(m."startDate", $1::date) AND LEAST(COALESCE(m."endDate", $2::date), $2::date)
     LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
     WHERE m."startDate" <= $2::date AND (m."endDate" IS NULL OR m."endDate" >= $1::date) AND ($3::text IS NULL OR g.subject::text = $3)
     GROUP BY m.id, st.id, si.id, g.id
     ORDER BY si.code, st."sisId", g.subject::text, g.id::text`,
    [from, to, subject ?? null],
  );
  // Under-dosed (the district's flag, 70 %) on the placement's own minutes: not judged, whatever its scores.
  const rows = raw.map((r) => ({
    ...r,
    met_goal:
      r.dose_scheduled_minutes > 0 && r.dose_delivered_minutes * 100 < 70 * r.dose_scheduled_minutes
        ? 'under-dosed'
        : r.judged_goal,
  }));
  return rows.map((r) => STUDENT_EXPORT_COLUMNS.map((c) => String(r[c])));
}

describe('per-student export', () => {
  it('gives every placed student’s figures as SQL computes them, unsuppressed, and records one audit event', async () => {
    const { userId } = await signInAs('eq-leader@test.example');
    const before = await db.auditEvent.count({ where: { action: 'exports.students' } });
    const response = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=${FROM}&to=${TO}&site=&subject=`),
    );
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.clone().arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="students-2026-09-14-2026-09-27\.csv"$/,
    );
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(STUDENT_EXPORT_COLUMNS.join(','));
    const body = lines.slice(1).map((l) => l.split(','));
    const expected = await expectedExport(FROM, TO);
    expect(expected).toHaveLength(18);
    expect(body).toEqual(expected);
    // Small numbers are shown as they are (student-level, for staff with access).
    const s15 = body.find((r) => r[0] === 'L015')!;
    expect(s15.slice(4)).toEqual(['180', '110', '4', '3', '6', '10', 'under-dosed']); // 61 %: not judged
    expect(body.find((r) => r[0] === 'L008')!.slice(8)).toEqual(['6', '10', 'no']); // the post after the window does not count
    expect(body.find((r) => r[0] === 'L000' && r[2] === 'ELA')!.slice(4)).toEqual(['30', '30', '1', '1', '', '', '']);

    const events = await db.auditEvent.findMany({ where: { action: 'exports.students' }, orderBy: { id: 'desc' } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ actorId: userId, entityType: 'export', siteId: null });
    expect(events[0]!.after).toMatchObject({ from: FROM, to: TO, site: null, subject: null, rows: 18 });
  });

  it('filters by site and subject, and records the filters', async () => {
    await signInAs('eq-admin@test.example');
    const response = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=${FROM}&to=${TO}&site=${ids.lincoln}&subject=ELA`),
    );
    expect(response.status).toBe(200);
    const body = (await response.text())
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(body).toEqual(await expectedExport(FROM, TO, 'ELA'));
    expect(body).toHaveLength(2);
    const [event] = await db.auditEvent.findMany({
      where: { action: 'exports.students' },
      orderBy: { id: 'desc' },
      take: 1,
    });
    expect(event).toMatchObject({ siteId: ids.lincoln });
    expect(event!.after).toMatchObject({ site: ids.lincoln, subject: 'ELA', rows: 2 });
  });

  it('lets a coordinator export their own site’s groups only', async () => {
    const { userId } = await signInAs('eq-coordinator@test.example');
    const own = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=${FROM}&to=${TO}&site=${ids.lincoln}&origin=site`),
    );
    expect(own.status).toBe(200);
    expect((await own.text()).trim().split('\r\n')).toHaveLength(1 + 18);
    const [event] = await db.auditEvent.findMany({
      where: { action: 'exports.students' },
      orderBy: { id: 'desc' },
      take: 1,
    });
    expect(event).toMatchObject({ actorId: userId, siteId: ids.lincoln });
    expect(
      (
        await exportRoute(
          new Request(`http://localhost/api/exports/students?from=${FROM}&to=${TO}&site=${ids.jefferson}`),
        )
      ).status,
      'another site',
    ).toBe(404);
    expect(
      (await exportRoute(new Request(`http://localhost/api/exports/students?from=${FROM}&to=${TO}`))).status,
      'every site',
    ).toBe(403);
    const bad = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=${FROM}&to=bad&site=${ids.lincoln}&origin=site`),
    );
    expect(bad.headers.get('location')).toBe(`/sites/${ids.lincoln}/exports?from=${FROM}&to=bad&invalid=1`);
  });

  it('refuses tutors and the signed-out, and sends a bad form back without an audit event', async () => {
    const before = await db.auditEvent.count({ where: { action: 'exports.students' } });
    const url = `http://localhost/api/exports/students?from=${FROM}&to=${TO}`;
    await signInAs('eq-tutor@test.example');
    expect((await exportRoute(new Request(url))).status).toBe(403);
    expect((await exportRoute(new Request(`${url}&site=${ids.lincoln}`))).status).toBe(403);
    signOut();
    expect((await exportRoute(new Request(url))).status).toBe(401);
    await signInAs('eq-leader@test.example');
    const bad = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=${TO}&to=${FROM}&subject=SCIENCE&origin=district`),
    );
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toMatch(
      /^\/district\/exports\?from=2026-09-27&to=2026-09-14&subject=SCIENCE&invalid=1$/,
    );
    expect(await db.auditEvent.count({ where: { action: 'exports.students' } })).toBe(before);
  });
});
