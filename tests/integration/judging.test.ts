// One judgement of growth in every view. A small hand-built program is recomputed here
// from raw rows (plain SQL for each placement's minutes, plain TypeScript for its
// verdict), then the loaders the pages call (group, student, site and district
// dashboards, weekly review, equity, costs, per-student export) must agree with it.
// Window: Mon Oct 5 – Sun Oct 18 2026; today is Wed Oct 21. Flag: dose rate below 70 %.
//
// Adams: A-Math (Tess, $30/h; Mon/Wed/Fri 30 min, 10/5–10/16) · A-Read (Una, $20/h; Tue/Thu 45 min)
// Baker: B-Math (Tess; Mon/Wed 30 min, 10/5–10/14). Every session held at its planned minutes.
//
// placement   minutes    rate  goal pre later       verdict
// Ana A-Math  180/180    100%  8    5   post 6      not met   (Ana's own rate 225/360 = 62.5 %)
// Ana A-Read   45/180     25%  8    5   progress 9  under-dosed, though the goal is met
// Ben A-Math  120/180     67%  8    5   post 9      under-dosed, though the goal is met (Ben's own rate 83 %)
// Ben A-Read  180/180    100%  —    4   progress 6  not judged (no goal)
// Cal A-Math  150/180     83%  8    5   progress 7  not met   (a post of 9 on 10/20 is after the window)
// Cal A-Read  180/180    100%  5    3   post 6      met
// Gus A-Read   90/90     100%  5    3   post 6      met       (placed Mon 10/12)
// Dia B-Math  120/120    100%  6    3   post 7      met
// Eve B-Math   90/120     75%  6    4   —           not judged (no later score)
// Fay B-Math   60/120     50%  6    —   —           under-dosed, with no scores at all
//
// The two disagreements found in the demo district: "met goal, of those judged" counted
// under-dosed placements (Ana A-Read, Ben A-Math) in its denominator; and Ana's A-Math was
// "under-dosed" on the student page (her own 62.5 %) but "goal not yet met" on the group page.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db';
import { dashboardContext, scopeView } from '../../lib/dashboard/queries';
import { studentView } from '../../lib/dashboard/student';
import type { DashboardTable } from '../../lib/dashboard/tables';
import { equityBySiteAndSubgroup } from '../../lib/metrics/equity-queries';
import { growthByDoseBandOf, judgementLabels, type Judgement } from '../../lib/metrics/judgement';
import { placementGrowth } from '../../lib/metrics/growth-queries';
import { metricsPolicy, type MetricsPolicy } from '../../lib/metrics/scope';
import { shareCell } from '../../lib/metrics/suppression';
import { costView } from '../../lib/review/costs';
import { weeklyReview } from '../../lib/review/weekly';
import { studentExportRows } from '../../lib/student-export/export';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';

vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-10-21';
});

const FROM = '2026-10-05';
const TO = '2026-10-18';
const FLAG = 70;
const pool = pgPoolForTests(1);
afterAll(() => pool.end());

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
type Name = 'Ana' | 'Ben' | 'Cal' | 'Dia' | 'Eve' | 'Fay' | 'Gus';
type GroupName = 'A-Math' | 'A-Read' | 'B-Math';
const ids = {
  student: {} as Record<Name, string>,
  group: {} as Record<GroupName, string>,
  site: {} as Record<'A' | 'B', string>,
  cycle: '',
  partner: '',
  corps: '',
};

let policy: MetricsPolicy;

beforeAll(async () => {
  await truncateAll(pool);
  // Every figure shown (minN 0): this file is about judging, not suppression.
  policy = { ...(await metricsPolicy(db)), underDosedPercent: FLAG, suppressionMinN: 0 };
  ids.site.A = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  ids.site.B = (await db.site.create({ data: { code: 'B', name: 'Baker', gradeMin: 0, gradeMax: 5 } })).id;
  ids.cycle = (
    await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } })
  ).id;
  ids.partner = (await db.provider.create({ data: { name: 'Partner', kind: 'PARTNER' } })).id;
  ids.corps = (await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } })).id;
  const tutor = async (name: string, providerId: string, hourlyCostCents: number) =>
    (
      await db.user.create({
        data: {
          email: `${name.toLowerCase()}@judging.example`,
          name,
          role: 'TUTOR',
          tutorProfile: {
            create: { providerId, subjects: ['MATH', 'ELA'], gradeMin: 0, gradeMax: 5, hourlyCostCents },
          },
        },
      })
    ).id;
  const tess = await tutor('Tess', ids.partner, 3000);
  const una = await tutor('Una', ids.corps, 2000);
  const group = async (name: GroupName, siteId: string, subject: 'MATH' | 'ELA', primaryTutorId: string) =>
    (ids.group[name] = (
      await db.group.create({
        data: {
          siteId,
          cycleId: ids.cycle,
          name,
          subject,
          gradeMin: 3,
          gradeMax: 4,
          targetSkill: 'Skill',
          probeMeasure: await testMeasure(db, 'Measure /10'),
          primaryTutorId,
          modality: 'PUSH_IN',
          startDate: d('2026-10-05'),
          endDate: d('2026-12-18'),
        },
      })
    ).id);
  await group('A-Math', ids.site.A, 'MATH', tess);
  await group('A-Read', ids.site.A, 'ELA', una);
  await group('B-Math', ids.site.B, 'MATH', tess);
  for (const [i, name] of (['Ana', 'Ben', 'Cal', 'Gus', 'Dia', 'Eve', 'Fay'] as Name[]).entries()) {
    ids.student[name] = (
      await db.student.create({
        data: {
          sisId: `J${i}`,
          firstName: name,
          lastName: 'S',
          grade: 3,
          siteId: i < 4 ? ids.site.A : ids.site.B,
          gender: i % 2 ? 'MALE' : 'FEMALE',
        },
      })
    ).id;
  }

  type Probe = ['PRE' | 'PROGRESS' | 'POST', string, number];
  const place = async (
    name: Name,
    groupName: GroupName,
    startDate: string,
    goalScore: number | null,
    probes: Probe[],
  ) => {
    const m = await db.membership.create({
      data: { groupId: ids.group[groupName], studentId: ids.student[name], startDate: d(startDate), goalScore },
    });
    for (const [kind, date, score] of probes) {
      await db.probe.create({
        data: {
          studentId: ids.student[name],
          membershipId: m.id,
          groupId: ids.group[groupName],
          measure: 'Measure /10',
          kind,
          score,
          administeredOn: d(date),
        },
      });
    }
  };
  await place('Ana', 'A-Math', FROM, 8, [
    ['PRE', '2026-10-05', 5],
    ['POST', '2026-10-16', 6],
  ]);
  await place('Ana', 'A-Read', FROM, 8, [
    ['PRE', '2026-10-06', 5],
    ['PROGRESS', '2026-10-15', 9],
  ]);
  await place('Ben', 'A-Math', FROM, 8, [
    ['PRE', '2026-10-05', 5],
    ['POST', '2026-10-16', 9],
  ]);
  await place('Ben', 'A-Read', FROM, null, [
    ['PRE', '2026-10-06', 4],
    ['PROGRESS', '2026-10-15', 6],
  ]);
  await place('Cal', 'A-Math', FROM, 8, [
    ['PRE', '2026-10-05', 5],
    ['PROGRESS', '2026-10-14', 7],
    ['POST', '2026-10-20', 9],
  ]);
  await place('Cal', 'A-Read', FROM, 5, [
    ['PRE', '2026-10-06', 3],
    ['POST', '2026-10-15', 6],
  ]);
  await place('Gus', 'A-Read', '2026-10-12', 5, [
    ['PRE', '2026-10-13', 3],
    ['POST', '2026-10-15', 6],
  ]);
  await place('Dia', 'B-Math', FROM, 6, [
    ['PRE', '2026-10-05', 3],
    ['POST', '2026-10-14', 7],
  ]);
  await place('Eve', 'B-Math', FROM, 6, [['PRE', '2026-10-05', 4]]);
  await place('Fay', 'B-Math', FROM, 6, []);

  // Each held session: who was present (everyone else placed on that date absent).
  const held = async (
    groupName: GroupName,
    date: string,
    minutes: number,
    by: string,
    members: Name[],
    present: Name[],
  ) => {
    const s = await db.session.create({
      data: {
        groupId: ids.group[groupName],
        date: d(date),
        startMinute: 600,
        plannedMinutes: minutes,
        startsAt: d(date),
        status: 'HELD',
        actualMinutes: minutes,
        deliveredById: by,
      },
    });
    for (const name of members) {
      await db.attendance.create({
        data: {
          sessionId: s.id,
          studentId: ids.student[name],
          status: present.includes(name) ? 'PRESENT' : 'ABSENT_UNEXCUSED',
        },
      });
    }
  };
  const aMath: [string, Name[]][] = [
    ['2026-10-05', ['Ana', 'Ben', 'Cal']],
    ['2026-10-07', ['Ana', 'Ben', 'Cal']],
    ['2026-10-09', ['Ana', 'Cal']],
    ['2026-10-12', ['Ana', 'Ben', 'Cal']],
    ['2026-10-14', ['Ana', 'Ben', 'Cal']],
    ['2026-10-16', ['Ana']],
  ];
  for (const [date, present] of aMath) await held('A-Math', date, 30, tess, ['Ana', 'Ben', 'Cal'], present);
  const aRead: [string, Name[]][] = [
    ['2026-10-06', ['Ana', 'Ben', 'Cal']],
    ['2026-10-08', ['Ben', 'Cal']],
    ['2026-10-13', ['Ben', 'Cal', 'Gus']],
    ['2026-10-15', ['Ben', 'Cal', 'Gus']],
  ];
  for (const [date, present] of aRead)
    await held(
      'A-Read',
      date,
      45,
      una,
      date >= '2026-10-12' ? ['Ana', 'Ben', 'Cal', 'Gus'] : ['Ana', 'Ben', 'Cal'],
      present,
    );
  const bMath: [string, Name[]][] = [
    ['2026-10-05', ['Dia', 'Eve', 'Fay']],
    ['2026-10-07', ['Dia', 'Eve', 'Fay']],
    ['2026-10-12', ['Dia', 'Eve']],
    ['2026-10-14', ['Dia']],
  ];
  for (const [date, present] of bMath) await held('B-Math', date, 30, tess, ['Dia', 'Eve', 'Fay'], present);
});

// ---- The independent recomputation from raw rows ----

interface Expected {
  studentId: string;
  groupId: string;
  siteId: string;
  scheduled: number;
  delivered: number;
  rate: number | null;
  verdict: Judgement;
}

async function recompute(): Promise<Expected[]> {
  const { rows: dose } = await pool.query<{
    id: string;
    studentId: string;
    groupId: string;
    siteId: string;
    goal: number | null;
    scheduled: number;
    delivered: number;
  }>(
    `SELECT m.id, m."studentId", m."groupId", g."siteId", m."goalScore"::float8 AS goal,
       COALESCE(SUM(s."plannedMinutes") FILTER (WHERE s."makeupForId" IS NULL), 0)::int AS scheduled,
       COALESCE(SUM(CASE WHEN s.status <> 'HELD' THEN 0 WHEN a.status = 'PRESENT' THEN s."actualMinutes" WHEN a.status = 'PARTIAL' THEN a."minutesAttended" ELSE 0 END), 0)::int AS delivered
     FROM membership m
     JOIN tutoring_group g ON g.id = m."groupId"
     LEFT JOIN session s ON s."groupId" = g.id AND s.date BETWEEN GREATEST(m."startDate", $1::date) AND LEAST(COALESCE(m."endDate", $2::date), $2::date)
     LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
     GROUP BY m.id, g.id`,
    [FROM, TO],
  );
  const { rows: probes } = await pool.query<{ membershipId: string; kind: string; date: string; score: number }>(
    `SELECT p."membershipId", p.kind::text, to_char(p."administeredOn", 'YYYY-MM-DD') AS date, p.score::float8 AS score
     FROM probe p JOIN membership m ON m.id = p."membershipId" JOIN tutoring_group g ON g.id = m."groupId"
     WHERE p.measure = g."probeMeasure" AND p."administeredOn" <= $1::date ORDER BY p."administeredOn"`,
    [TO],
  );
  return dose.map((r) => {
    const own = probes.filter((p) => p.membershipId === r.id);
    const pre = own.find((p) => p.kind === 'PRE');
    const later = own.filter((p) => p.kind === 'POST').at(-1) ?? own.filter((p) => p.kind === 'PROGRESS').at(-1);
    let verdict: Judgement;
    if (r.scheduled > 0 && r.delivered * 100 < FLAG * r.scheduled) verdict = 'under-dosed';
    else if (r.goal === null || !pre || !later || later.date < pre.date) verdict = 'not-judged';
    else verdict = later.score >= r.goal ? 'met' : 'not-met';
    return {
      studentId: r.studentId,
      groupId: r.groupId,
      siteId: r.siteId,
      scheduled: r.scheduled,
      delivered: r.delivered,
      rate: r.scheduled > 0 ? r.delivered / r.scheduled : null,
      verdict,
    };
  });
}

/** A student met their goal: at least one judged placement, every judged one met. */
function studentVerdicts(expected: Expected[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const e of expected) {
    if (e.verdict !== 'met' && e.verdict !== 'not-met') continue;
    out.set(e.studentId, (out.get(e.studentId) ?? true) && e.verdict === 'met');
  }
  return out;
}

const BANDS = [
  { label: 'Under 50%', from: 0, to: 0.5 },
  { label: '50–69%', from: 0.5, to: 0.7 },
  { label: '70–89%', from: 0.7, to: 0.9 },
  { label: '90% or more', from: 0.9, to: Infinity },
];

function byBand(expected: Expected[]) {
  return BANDS.map((b) => {
    const inBand = expected.filter((e) => e.rate !== null && e.rate >= b.from && e.rate < b.to);
    const count = (v: Judgement) => inBand.filter((e) => e.verdict === v).length;
    const judged = count('met') + count('not-met');
    return {
      band: b.label,
      placements: inBand.length,
      met: count('met'),
      notMet: count('not-met'),
      underDosed: count('under-dosed'),
      notJudged: count('not-judged'),
      judged,
      share: judged ? count('met') / judged : null,
    };
  });
}

const key = (studentId: string, groupId: string) => `${studentId}:${groupId}`;
const tableOf = (tables: DashboardTable[], id: string) => tables.find((t) => t.id === id)!;

async function context(target: Parameters<typeof dashboardContext>[0]) {
  const c = await dashboardContext(target, { cycle: ids.cycle, from: FROM, to: '2026-10-12' });
  return { ...c, policy, filters: c.filters! };
}

describe('the independent recomputation', () => {
  it('reads the hand-built program as the table above says', async () => {
    const expected = await recompute();
    const row = (name: Name, group: GroupName) =>
      expected.find((e) => e.studentId === ids.student[name] && e.groupId === ids.group[group])!;
    expect(expected).toHaveLength(10);
    const table: [Name, GroupName, number, number, Judgement][] = [
      ['Ana', 'A-Math', 180, 180, 'not-met'],
      ['Ana', 'A-Read', 180, 45, 'under-dosed'],
      ['Ben', 'A-Math', 180, 120, 'under-dosed'],
      ['Ben', 'A-Read', 180, 180, 'not-judged'],
      ['Cal', 'A-Math', 180, 150, 'not-met'],
      ['Cal', 'A-Read', 180, 180, 'met'],
      ['Gus', 'A-Read', 90, 90, 'met'],
      ['Dia', 'B-Math', 120, 120, 'met'],
      ['Eve', 'B-Math', 120, 90, 'not-judged'],
      ['Fay', 'B-Math', 120, 60, 'under-dosed'],
    ];
    for (const [name, group, scheduled, delivered, verdict] of table)
      expect(row(name, group), `${name} ${group}`).toMatchObject({ scheduled, delivered, verdict });
    // Students: Ana (A-Math not met) and Cal (A-Math not met) did not; Gus and Dia did; Ben, Eve, Fay are not judged.
    expect(studentVerdicts(expected)).toEqual(
      new Map([
        [ids.student.Ana, false],
        [ids.student.Cal, false],
        [ids.student.Gus, true],
        [ids.student.Dia, true],
      ]),
    );
  });
});

describe('every view judges a placement the same way', () => {
  it('gives each placement its own dose and the same verdict (the metrics module)', async () => {
    const expected = await recompute();
    const placements = await placementGrowth(db, { cycleId: ids.cycle, from: FROM, to: TO }, policy);
    expect(
      new Map(placements.map((p) => [key(p.studentId, p.groupId), [p.doseScheduled, p.doseDelivered, p.judgement]])),
    ).toEqual(new Map(expected.map((e) => [key(e.studentId, e.groupId), [e.scheduled, e.delivered, e.verdict]])));
  });

  it('group page: each student’s verdict in the group is the placement’s own (Ana’s A-Math: goal not yet met)', async () => {
    const expected = await recompute();
    for (const groupName of ['A-Math', 'A-Read', 'B-Math'] as GroupName[]) {
      const groupId = ids.group[groupName];
      const siteId = groupName.startsWith('A') ? ids.site.A : ids.site.B;
      const target = { level: 'group', siteId, groupId } as const;
      const view = await scopeView(target, await context(target));
      const shown = tableOf(view.tables, 'breakdown').rows.map((r) => [r.cells[0], r.cells[7]]);
      const want = expected
        .filter((e) => e.groupId === groupId)
        .map((e) => [
          `S, ${(Object.keys(ids.student) as Name[]).find((n) => ids.student[n] === e.studentId)}`,
          judgementLabels[e.verdict],
        ])
        .sort((a, b) => a[0]!.localeCompare(b[0]!));
      expect(shown, groupName).toEqual(want);
    }
  });

  it('student page: each placement judged on its own dose, not the student’s (Ana’s A-Math is not "under-dosed")', async () => {
    const expected = await recompute();
    for (const name of Object.keys(ids.student) as Name[]) {
      const studentId = ids.student[name];
      const siteId = ['Dia', 'Eve', 'Fay'].includes(name) ? ids.site.B : ids.site.A;
      const target = { level: 'student', siteId, studentId } as const;
      const view = await studentView(target, await context(target));
      const shown = view.summary
        .filter((f) => f.label.startsWith('Growth: '))
        .map((f) => [f.label.slice('Growth: '.length), f.basis.split(' (')[0]]);
      const groupNames = new Map(Object.entries(ids.group).map(([n, id]) => [id, n]));
      const want = expected
        .filter((e) => e.studentId === studentId)
        .map((e) => [groupNames.get(e.groupId), judgementLabels[e.verdict]]);
      expect(shown.sort(), name).toEqual(want.sort());
    }
    const ana = await studentView(
      { siteId: ids.site.A, studentId: ids.student.Ana },
      await context({ level: 'student', siteId: ids.site.A, studentId: ids.student.Ana }),
    );
    expect(ana.summary.find((f) => f.label === 'Growth: A-Math')!.basis).toBe(
      'Goal not yet met (dose rate in this group 100%)',
    );
    expect(ana.summary.find((f) => f.label === 'Growth: A-Read')!.basis).toBe(
      'Under-dosed — not yet judged (dose rate in this group 25%)',
    );
  });

  it('growth by dose band and "met goal, of those judged": bands by the placement’s rate, under-dosed never in the denominator', async () => {
    const expected = await recompute();
    const scope = { cycleId: ids.cycle, from: FROM, to: TO };
    // As the dashboards derive it from the placements they load.
    const bands = growthByDoseBandOf(await placementGrowth(db, scope, policy), FLAG);
    expect(
      bands.map((b) => ({
        band: b.band,
        met: b.judgements.met,
        notMet: b.judgements['not-met'],
        underDosed: b.judgements['under-dosed'],
        notJudged: b.judgements['not-judged'],
        judged: b.judgements.judged,
        share: b.judgements.metShare,
      })),
    ).toEqual(byBand(expected).map(({ placements: _, ...b }) => b));
    // The 50–69 % band: Ben's met goal and Fay are under-dosed, so nothing there is judged.
    expect(byBand(expected)[1]).toMatchObject({ placements: 2, met: 0, underDosed: 2, judged: 0, share: null });

    for (const [target, only] of [
      [{ level: 'district' } as const, null],
      [{ level: 'site', siteId: ids.site.A } as const, ids.site.A],
      [{ level: 'site', siteId: ids.site.B } as const, ids.site.B],
    ] as const) {
      const mine = expected.filter((e) => only === null || e.siteId === only);
      const view = await scopeView(target, await context(target));
      const table = tableOf(view.tables, 'growth-bands');
      expect(table.rows.map((r) => r.cells.slice(1))).toEqual(
        byBand(mine).map((b) =>
          [b.placements, b.met, b.notMet, b.underDosed, b.notJudged]
            .map(String)
            .concat(shareCell(b.share, b.judged, 0).text),
        ),
      );
      // The headline "Met growth goal": met ÷ judged placements.
      const judged = mine.filter((e) => e.verdict === 'met' || e.verdict === 'not-met');
      const met = judged.filter((e) => e.verdict === 'met').length;
      expect(view.summary.find((f) => f.label === 'Met growth goal')!.value, target.level).toBe(
        shareCell(judged.length ? met / judged.length : null, judged.length, 0).text,
      );
    }
    // District: 3 met of 5 judged (60 %), not 5 of 7 as when under-dosed placements were counted.
    const district = await scopeView({ level: 'district' }, await context({ level: 'district' }));
    expect(district.summary.find((f) => f.label === 'Met growth goal')!.value).toBe('60%');
  });

  it('weekly review: lists exactly the under-dosed placements, each with its own dose rate', async () => {
    const expected = await recompute();
    const review = await weeklyReview({ week: '2026-10-12', policy });
    const want = expected.filter((e) => e.verdict === 'under-dosed').map((e) => [key(e.studentId, e.groupId), e.rate]);
    expect(review.underDosed.map((u) => [key(u.studentId, u.groupId), u.doseRate]).sort()).toEqual(want.sort());
    expect(review.underDosed.map((u) => [u.name, u.group])).toEqual([
      ['S, Ana', 'A-Read'],
      ['S, Ben', 'A-Math'],
      ['S, Fay', 'B-Math'],
    ]);
  });

  it('equity: a student met their goal when every judged placement met it (at least one)', async () => {
    const expected = await recompute();
    const verdicts = studentVerdicts(expected);
    const { district, sites } = await equityBySiteAndSubgroup(db, { cycleId: ids.cycle, from: FROM, to: TO }, policy);
    const count = (siteId: string | null, gender?: 'FEMALE' | 'MALE') => {
      const genderOf = (id: string) =>
        (Object.keys(ids.student) as Name[]).findIndex((n) => ids.student[n] === id) % 2 === 0 ? 'FEMALE' : 'MALE';
      const ours = [...verdicts].filter(
        ([id]) =>
          (siteId === null || expected.find((e) => e.studentId === id)!.siteId === siteId) &&
          (!gender || genderOf(id) === gender),
      );
      return { judged: ours.length, metGoal: ours.filter(([, met]) => met).length };
    };
    expect(district.find((r) => r.dimension === 'all')).toMatchObject(count(null));
    expect(count(null)).toEqual({ judged: 4, metGoal: 2 });
    expect(district.find((r) => r.dimension === 'gender' && r.value === 'FEMALE')).toMatchObject(count(null, 'FEMALE'));
    expect(district.find((r) => r.dimension === 'gender' && r.value === 'MALE')).toMatchObject(count(null, 'MALE'));
    expect(sites.get(ids.site.A)!.find((r) => r.dimension === 'all')).toMatchObject(count(ids.site.A));
    expect(sites.get(ids.site.B)!.find((r) => r.dimension === 'all')).toMatchObject(count(ids.site.B));
  });

  it('costs: students meeting goal counted where their judged placements’ groups are, with the same verdict', async () => {
    const expected = await recompute();
    const verdicts = studentVerdicts(expected);
    const view = await costView({ cycleId: ids.cycle, from: FROM, to: TO, policy });
    const { rows: cost } = await pool.query<{ siteId: string; providerId: string; cents: number }>(
      `SELECT g."siteId", tp."providerId", SUM(s."actualMinutes" * tp."hourlyCostCents" / 60.0)::float8 AS cents
       FROM session s JOIN tutoring_group g ON g.id = s."groupId" JOIN tutor_profile tp ON tp."userId" = COALESCE(s."deliveredById", g."primaryTutorId")
       WHERE s.status = 'HELD' AND s.date BETWEEN $1::date AND $2::date GROUP BY 1, 2`,
      [FROM, TO],
    );
    const providerOf = new Map([
      [ids.group['A-Math'], ids.partner],
      [ids.group['B-Math'], ids.partner],
      [ids.group['A-Read'], ids.corps],
    ]);
    const meeting = (unit: (e: Expected) => string | null) => {
      const students = new Map<string, Set<string>>();
      for (const e of expected) {
        const u = unit(e);
        if (u === null || verdicts.get(e.studentId) !== true || (e.verdict !== 'met' && e.verdict !== 'not-met'))
          continue;
        students.set(u, (students.get(u) ?? new Set()).add(e.studentId));
      }
      return students;
    };
    const all = meeting(() => 'all').get('all')?.size ?? 0;
    expect(view.total.studentsMeetingGoal).toBe(all);
    expect(all).toBe(2); // Gus and Dia; not Cal, who met A-Read's goal but not A-Math's
    expect(view.total.perStudentMeetingGoal).toBeCloseTo(cost.reduce((a, c) => a + c.cents, 0) / all);
    const bySite = meeting((e) => e.siteId);
    for (const r of view.bySite) {
      const n = bySite.get(r.key)?.size ?? 0;
      expect(r.studentsMeetingGoal, r.name).toBe(n);
      expect(r.perStudentMeetingGoal, r.name).toBeCloseTo(
        cost.filter((c) => c.siteId === r.key).reduce((a, c) => a + c.cents, 0) / n,
      );
    }
    const byProvider = meeting((e) => providerOf.get(e.groupId)!);
    for (const r of view.byProvider) {
      const n = byProvider.get(r.key)?.size ?? 0;
      expect(r.studentsMeetingGoal, r.name).toBe(n);
      expect(r.perStudentMeetingGoal, r.name).toBeCloseTo(
        cost.filter((c) => c.providerId === r.key).reduce((a, c) => a + c.cents, 0) / n,
      );
    }
    expect(view.bySite.map((r) => [r.name, r.studentsMeetingGoal])).toEqual([
      ['Adams', 1],
      ['Baker', 1],
    ]);
  });

  it('per-student export: met_goal is the placement’s verdict', async () => {
    const expected = await recompute();
    const rows = await studentExportRows({ from: FROM, to: TO });
    const text: Record<Judgement, string> = {
      met: 'yes',
      'not-met': 'no',
      'under-dosed': 'under-dosed',
      'not-judged': '',
    };
    const sis = new Map((await db.student.findMany({ select: { id: true, sisId: true } })).map((s) => [s.sisId, s.id]));
    expect(
      new Map(
        rows.map((r) => [
          key(sis.get(r.student_sis_id)!, r.group_id),
          [Number(r.dose_scheduled_minutes), Number(r.dose_delivered_minutes), r.met_goal],
        ]),
      ),
    ).toEqual(new Map(expected.map((e) => [key(e.studentId, e.groupId), [e.scheduled, e.delivered, text[e.verdict]]])));
  });
});
