// The weekly operating review and the cost view on a small hand-built program, every
// expected figure worked out by hand below. Today is Wed Oct 21 2026; the reviewed
// week is Mon Oct 12 – Sun Oct 18, the previous week Oct 5 – 11.
//
// Adams: Math 1 (Tess, partner, $30/h; Mon/Wed 30 min) with Ana and Ben;
//        Reading 2 (Una, district corps, no cost entered; Tue/Thu 45 min) with Cal.
// Baker: Math 3 (Tess; Mon 60 min) with Dia (goal 8, pre 5, post 9 on Oct 12).
//
// Previous week: Math 1 10/5 held 30 (Ana, Ben present) · 10/7 held 30 (Ana present, Ben absent)
//                Reading 2 10/6 and 10/8 held 45 (Cal present) · Math 3 10/5 held 60 (Dia present)
// Reviewed week: Math 1 10/12 held 30 by Sam (substitute, $40/h; Ana present, Ben 20 min)
//                · 10/14 cancelled, tutor absent
//                Reading 2 10/13 cancelled, tutor absent · 10/15 cancelled, other
//                Math 3 10/12 held 60 (Dia absent)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as reviewCsvRoute } from '../../app/api/review/csv/route';
import { db } from '../../lib/db';
import { metricsPolicy, type MetricsPolicy } from '../../lib/metrics/scope';
import { costView, resolveCostWindow } from '../../lib/review/costs';
import { hasManyCancellations, lastCompleteWeek, pointsChange, resolveWeek } from '../../lib/review/week';
import { costTables, weeklyReviewTables, type ReviewTable } from '../../lib/review/tables';
import { weeklyReview } from '../../lib/review/weekly';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

// The pages' and downloads' own "today" (metricsPolicy, lib/clock.ts) is the one above.
const TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-10-21';
  return '2026-10-21';
});

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const policy: MetricsPolicy = {
  today: TODAY,
  timeZone: 'America/Chicago',
  targetMinutesPerWeek: 90,
  targetSessionsPerWeek: 3,
  targetMinutesPerSession: 30,
  maxGroupSize: 4,
  minProgramWeeks: 10,
  eligibilityPercentile: 40,
  underDosedPercent: 70,
  // A handful of students: show their figures (the suppression itself is checked at the end).
  suppressionMinN: 1,
};

const ids = {} as Record<
  | 'adams'
  | 'baker'
  | 'cycle'
  | 'corps'
  | 'partner'
  | 'tess'
  | 'sam'
  | 'una'
  | 'math1'
  | 'reading2'
  | 'math3'
  | 'ana'
  | 'ben'
  | 'cal'
  | 'dia',
  string
>;

beforeAll(async () => {
  await truncateAll(pool);
  ids.adams = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  ids.baker = (await db.site.create({ data: { code: 'B', name: 'Baker', gradeMin: 0, gradeMax: 5 } })).id;
  ids.cycle = (
    await db.cycle.create({ data: { name: 'Fall', startDate: d('2026-09-01'), endDate: d('2026-12-18') } })
  ).id;
  ids.corps = (await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } })).id;
  ids.partner = (await db.provider.create({ data: { name: 'Partner', kind: 'PARTNER' } })).id;
  const tutor = async (name: string, providerId: string, hourlyCostCents: number | null) =>
    (
      await db.user.create({
        data: {
          email: `${name.toLowerCase()}@test.example`,
          name,
          role: 'TUTOR',
          tutorProfile: {
            create: { providerId, subjects: ['MATH', 'ELA'], gradeMin: 0, gradeMax: 5, hourlyCostCents },
          },
        },
      })
    ).id;
  ids.tess = await tutor('Tess', ids.partner, 3000);
  ids.sam = await tutor('Sam', ids.partner, 4000);
  ids.una = await tutor('Una', ids.corps, null);
  const group = async (name: string, siteId: string, subject: 'MATH' | 'ELA', primaryTutorId: string) =>
    (
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
          startDate: d('2026-09-14'),
          endDate: d('2026-12-18'),
        },
      })
    ).id;
  ids.math1 = await group('Math 1', ids.adams, 'MATH', ids.tess);
  ids.reading2 = await group('Reading 2', ids.adams, 'ELA', ids.una);
  ids.math3 = await group('Math 3', ids.baker, 'MATH', ids.tess);
  await db.groupMeeting.createMany({
    data: [
      ...[1, 3].map((weekday) => ({ groupId: ids.math1, weekday, startMinute: 600, plannedMinutes: 30 })),
      ...[2, 4].map((weekday) => ({ groupId: ids.reading2, weekday, startMinute: 600, plannedMinutes: 45 })),
      { groupId: ids.math3, weekday: 1, startMinute: 660, plannedMinutes: 60 },
    ],
  });
  const student = async (sisId: string, siteId: string) =>
    (await db.student.create({ data: { sisId, firstName: sisId, lastName: 'S', grade: 3, siteId } })).id;
  ids.ana = await student('Ana', ids.adams);
  ids.ben = await student('Ben', ids.adams);
  ids.cal = await student('Cal', ids.adams);
  ids.dia = await student('Dia', ids.baker);
  // Eve: eligible at Adams, a multilingual learner, not placed (the only access gap).
  const eve = (
    await db.student.create({
      data: { sisId: 'Eve', firstName: 'Eve', lastName: 'S', grade: 3, siteId: ids.adams, multilingualLearner: true },
    })
  ).id;
  for (const [id, subject] of [
    [ids.ana, 'MATH'],
    [ids.ben, 'MATH'],
    [ids.cal, 'ELA'],
    [ids.dia, 'MATH'],
    [eve, 'ELA'],
  ] as const) {
    await db.screenerResult.create({
      data: { studentId: id, subject, measure: 'Screener', percentile: 20, testedOn: d('2026-09-02') },
    });
  }
  const place = (groupId: string, studentId: string) =>
    db.membership.create({ data: { groupId, studentId, startDate: d('2026-09-14') } });
  await place(ids.math1, ids.ana);
  await place(ids.math1, ids.ben);
  await place(ids.reading2, ids.cal);
  const diaIn3 = await place(ids.math3, ids.dia);
  await db.membership.update({ where: { id: diaIn3.id }, data: { goalScore: 8 } });
  await db.probe.create({
    data: {
      studentId: ids.dia,
      membershipId: diaIn3.id,
      groupId: ids.math3,
      measure: 'Measure /10',
      kind: 'PRE',
      score: 5,
      administeredOn: d('2026-09-14'),
    },
  });
  await db.probe.create({
    data: {
      studentId: ids.dia,
      membershipId: diaIn3.id,
      groupId: ids.math3,
      measure: 'Measure /10',
      kind: 'POST',
      score: 9,
      administeredOn: d('2026-10-12'),
    },
  });

  type Mark = 'PRESENT' | 'ABSENT_UNEXCUSED' | number;
  const session = async (
    groupId: string,
    date: string,
    planned: number,
    outcome: {
      held?: { minutes: number; by: string; marks: Record<string, Mark> };
      cancelled?: 'TUTOR_ABSENT' | 'OTHER';
      substitute?: string;
    },
  ) => {
    const s = await db.session.create({
      data: {
        groupId,
        date: d(date),
        startMinute: 600,
        plannedMinutes: planned,
        startsAt: d(date),
        status: outcome.held ? 'HELD' : 'CANCELLED',
        cancellationReason: outcome.cancelled ?? null,
        actualMinutes: outcome.held?.minutes ?? null,
        deliveredById: outcome.held?.by ?? null,
        substituteTutorId: outcome.substitute ?? null,
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
  };
  const { math1, reading2, math3, tess, sam, una, ana, ben, cal, dia } = ids;
  await session(math1, '2026-10-05', 30, {
    held: { minutes: 30, by: tess, marks: { [ana]: 'PRESENT', [ben]: 'PRESENT' } },
  });
  await session(math1, '2026-10-07', 30, {
    held: { minutes: 30, by: tess, marks: { [ana]: 'PRESENT', [ben]: 'ABSENT_UNEXCUSED' } },
  });
  await session(reading2, '2026-10-06', 45, { held: { minutes: 45, by: una, marks: { [cal]: 'PRESENT' } } });
  await session(reading2, '2026-10-08', 45, { held: { minutes: 45, by: una, marks: { [cal]: 'PRESENT' } } });
  await session(math3, '2026-10-05', 60, { held: { minutes: 60, by: tess, marks: { [dia]: 'PRESENT' } } });
  await session(math1, '2026-10-12', 30, {
    substitute: sam,
    held: { minutes: 30, by: sam, marks: { [ana]: 'PRESENT', [ben]: 20 } },
  });
  await session(math1, '2026-10-14', 30, { cancelled: 'TUTOR_ABSENT' });
  await session(reading2, '2026-10-13', 45, { cancelled: 'TUTOR_ABSENT' });
  await session(reading2, '2026-10-15', 45, { cancelled: 'OTHER' });
  await session(math3, '2026-10-12', 60, { held: { minutes: 60, by: tess, marks: { [dia]: 'ABSENT_UNEXCUSED' } } });
});

describe('which week', () => {
  it('defaults to the last complete week and takes only a Monday up to this week', () => {
    expect(lastCompleteWeek('2026-10-21')).toBe('2026-10-12');
    expect(resolveWeek(undefined, '2026-10-21')).toEqual({ week: '2026-10-12', ignored: false });
    expect(resolveWeek('2026-10-05', '2026-10-21')).toEqual({ week: '2026-10-05', ignored: false });
    expect(resolveWeek('2026-10-06', '2026-10-21')).toEqual({ week: '2026-10-12', ignored: true }); // a Tuesday
    expect(resolveWeek('2026-10-26', '2026-10-21')).toEqual({ week: '2026-10-12', ignored: true }); // next week
    expect(resolveWeek('soon', '2026-10-21')).toEqual({ week: '2026-10-12', ignored: true });
  });
});

describe('weekly review, district-wide', () => {
  it('gives the headline figures of the week and of the week before', async () => {
    const review = await weeklyReview({ week: '2026-10-12', policy });
    // Scheduled: Ana 60 + Ben 60 + Cal 90 + Dia 60 = 270 both weeks.
    // Delivered this week: Ana 30 + Ben 20 = 50; the week before: Ana 60 + Ben 30 + Cal 90 + Dia 60 = 240.
    expect(review.current).toMatchObject({
      students: 4,
      scheduled: 270,
      delivered: 50,
      held: 3,
      attended: 2,
      sessionsHeld: 2,
      sessionsCancelled: 3,
      studentsMeetingTarget: 0,
      studentsWithWeeks: 4,
    });
    expect(review.current.doseRate).toBeCloseTo(50 / 270);
    expect(review.current.attendanceRate).toBeCloseTo(2 / 3);
    expect(review.current.deliveryRate).toBeCloseTo(2 / 5);
    expect(review.current.meetingTargetShare).toBe(0);
    expect(review.previous).toMatchObject({
      week: '2026-10-05',
      scheduled: 270,
      delivered: 240,
      held: 7,
      attended: 6,
      sessionsHeld: 5,
      sessionsCancelled: 0,
      studentsMeetingTarget: 1,
      studentsWithWeeks: 4,
    });
    expect(review.previous.attendanceRate).toBeCloseTo(6 / 7);
    expect(review.previous.deliveryRate).toBe(1);
    // Week-over-week change as the page shows it: 19 % − 89 % dose rate, 67 % − 86 % attendance, 40 % − 100 % delivery, 0 % − 25 % at target.
    expect(pointsChange(review.current.doseRate, review.previous.doseRate)).toEqual({
      value: '−70 pts',
      direction: 'down',
      meaning: 'bad',
    });
    expect(pointsChange(review.current.attendanceRate, review.previous.attendanceRate)?.value).toBe('−19 pts');
    expect(pointsChange(review.current.deliveryRate, review.previous.deliveryRate)?.value).toBe('−60 pts');
    expect(pointsChange(review.current.meetingTargetShare, review.previous.meetingTargetShare)?.value).toBe('−25 pts');
  });

  it('lists the groups without a held session, and the tutors with many cancellations', async () => {
    const review = await weeklyReview({ week: '2026-10-12', policy });
    expect(review.groupsWithoutHeld).toEqual([
      expect.objectContaining({
        groupId: ids.reading2,
        name: 'Reading 2',
        siteName: 'Adams',
        tutorName: 'Una',
        cancelled: 2,
        unlogged: 0,
        upcoming: 0,
        cancelledByReason: expect.objectContaining({ TUTOR_ABSENT: 1, OTHER: 1 }),
      }),
    ]);
    // Una: 2 of 2 cancelled. Tess: 1 cancelled (Math 1 on 10/14, hers as primary) of 2. Sam: 1 held.
    expect(review.tutors.map((t) => [t.name, t.held, t.cancelled, t.providerName])).toEqual([['Una', 0, 2, 'Corps']]);
    // The week before, every group held its sessions.
    const before = await weeklyReview({ week: '2026-10-05', policy });
    expect(before.groupsWithoutHeld).toEqual([]);
    expect(before.tutors).toEqual([]);
  });

  it('flags students as of the day after the week, and lists under-dosed students not yet judged', async () => {
    const review = await weeklyReview({ week: '2026-10-12', policy });
    expect(review.flagsAsOf).toBe('2026-10-19');
    // Dose over the four weeks before Oct 19: Ben 50/120, Cal 90/180, Dia 60/120 (below 70 %); Ana 90/120.
    expect(review.flagged.map((f) => [f.name, f.flags.map((x) => x.kind)])).toEqual([
      ['S, Ben', ['low_dose']],
      ['S, Cal', ['low_dose']],
      ['S, Dia', ['low_dose']],
    ]);
    // Under-dosed placements in the cycle to Oct 18, each on its own dose: Ben in Math 1 50/120 (42 %),
    // Cal in Reading 2 90/180 (50 %), Dia in Math 3 60/120 (50 %: under-dosed although she met her goal);
    // Ana in Math 1 has 90/120 (75 %).
    expect(review.cycle?.name).toBe('Fall');
    expect(review.underDosed.map((u) => [u.name, Math.round(u.doseRate * 100), u.group])).toEqual([
      ['S, Ben', 42, 'Math 1'],
      ['S, Cal', 50, 'Reading 2'],
      ['S, Dia', 50, 'Math 3'],
    ]);
  });

  it('shows the widest gaps: sites exactly (operational), demographic subgroups only where they survive suppression', async () => {
    // Over Fall to Oct 18. Access: 4 of 5 eligible placed (80 %); Adams 3 of 4 (75 %), 5 below; Baker 1 of 1.
    // Mean dose rate: all (75 + 42 + 50 + 50) / 4 = 54 %; Baker (Dia) 50 %, 4 below; Adams 56 %, above.
    // Sites are no demographic subgroup: their gaps show under any n. Multilingual learners: 0 of 1,
    // coded "≤5%" (n = 1) or hidden (n = 10), so no gap is given. Every student is in grade 3 (no gap).
    const expected = [
      ['site', ids.adams, 'Access (placed ÷ eligible)', '75%', '80%', '5 points below'],
      ['site', ids.baker, 'Mean dose rate', '50%', '54%', '4 points below'],
    ];
    for (const suppressionMinN of [1, 10]) {
      const review = await weeklyReview({ week: '2026-10-12', policy: { ...policy, suppressionMinN } });
      expect(
        review.gaps.map((g) => [g.dimension, g.value, g.measure, g.subgroup, g.all, g.gap]),
        `n = ${suppressionMinN}`,
      ).toEqual(expected);
    }
  });
});

describe('weekly review of one site', () => {
  it('counts only that site', async () => {
    const baker = await weeklyReview({ week: '2026-10-12', siteIds: [ids.baker], policy });
    expect(baker.current).toMatchObject({
      students: 1,
      scheduled: 60,
      delivered: 0,
      sessionsHeld: 1,
      sessionsCancelled: 0,
    });
    expect(baker.previous).toMatchObject({ scheduled: 60, delivered: 60 });
    expect(baker.groupsWithoutHeld).toEqual([]);
    expect(baker.tutors).toEqual([]);
    expect(baker.flagged.map((f) => f.name)).toEqual(['S, Dia']);
    const adams = await weeklyReview({ week: '2026-10-12', siteIds: [ids.adams], policy });
    expect(adams.current).toMatchObject({
      students: 3,
      scheduled: 210,
      delivered: 50,
      sessionsHeld: 1,
      sessionsCancelled: 3,
    });
    expect(adams.groupsWithoutHeld.map((g) => g.name)).toEqual(['Reading 2']);
    expect(adams.tutors.map((t) => t.name)).toEqual(['Una']);
  });
});

describe('many cancellations', () => {
  it('needs two or more, a quarter of the sessions due, and leaves school closures out', () => {
    expect(hasManyCancellations({ held: 0, cancelled: 2, cancelledForClosure: 0 })).toBe(true);
    expect(hasManyCancellations({ held: 6, cancelled: 2, cancelledForClosure: 0 })).toBe(true); // 2 of 8
    expect(hasManyCancellations({ held: 7, cancelled: 2, cancelledForClosure: 0 })).toBe(false); // 2 of 9
    expect(hasManyCancellations({ held: 1, cancelled: 1, cancelledForClosure: 0 })).toBe(false);
    expect(hasManyCancellations({ held: 0, cancelled: 3, cancelledForClosure: 2 })).toBe(false);
  });
});

describe('cost view', () => {
  const window = { cycleId: '', from: '2026-10-05', to: '2026-10-18' };

  it('counts a student meeting goal only on a judged placement: Dia’s is under-dosed at 70 %', async () => {
    // Dia met her goal, but her own dose in Math 3 over the window is 60 of 120 (50 %).
    const view = await costView({ ...window, cycleId: ids.cycle, policy });
    expect(view.total.studentsMeetingGoal).toBe(0);
    expect(view.bySite.find((r) => r.name === 'Baker')).toMatchObject({
      studentsMeetingGoal: 0,
      perStudentMeetingGoal: null,
    });
  });

  // With the flag at 50 %, Dia's placement (50 %) is judged, and she met her goal.
  const judgedDia = { ...policy, underDosedPercent: 50 };

  it('gives cost per delivered hour and per student meeting goal by site and provider', async () => {
    const view = await costView({ ...window, cycleId: ids.cycle, policy: judgedDia });
    // Held: Math 1 30+30 (Tess $30) + 30 (Sam $40); Reading 2 45+45 (Una, no cost); Math 3 60+60 (Tess).
    // Cost: 1500 + 1500 + 2000 + 3000 + 3000 = 11,000 cents over 210 costed of 300 held minutes.
    expect(view.total).toMatchObject({
      heldSessions: 7,
      heldMinutes: 300,
      costedMinutes: 210,
      partial: true,
      studentsMeetingGoal: 1,
      studentMinutes: 290,
      perStudentMeetingGoal: null,
    });
    expect(view.total.costCents).toBeCloseTo(11000);
    expect(view.total.perDeliveredHour).toBeCloseTo(11000 / 3.5);
    const site = Object.fromEntries(view.bySite.map((r) => [r.name, r]));
    // Adams: 180 held minutes, 90 costed (Math 1): 5,000 cents → $33.33 an hour; Reading 2's hours lack a cost.
    expect(site.Adams).toMatchObject({
      heldMinutes: 180,
      costedMinutes: 90,
      partial: true,
      studentsMeetingGoal: 0,
      studentMinutes: 230,
      perStudentMeetingGoal: null,
    });
    expect(site.Adams!.costCents).toBeCloseTo(5000);
    expect(site.Adams!.perDeliveredHour).toBeCloseTo(5000 / 1.5);
    // Baker: 120 minutes by Tess = 6,000 cents → $30.00 an hour; Dia met her goal → $60.00 per student meeting goal.
    expect(site.Baker).toMatchObject({
      heldMinutes: 120,
      costedMinutes: 120,
      partial: false,
      studentsMeetingGoal: 1,
      studentMinutes: 60,
    });
    expect(site.Baker!.perDeliveredHour).toBeCloseTo(3000);
    expect(site.Baker!.perStudentMeetingGoal).toBeCloseTo(6000);
    const provider = Object.fromEntries(view.byProvider.map((r) => [r.name, r]));
    // Partner (Tess's groups, Sam's substitute hour at his own rate): 210 minutes, 11,000 cents; Dia → 11,000 per student.
    expect(provider.Partner).toMatchObject({
      heldMinutes: 210,
      costedMinutes: 210,
      partial: false,
      studentsMeetingGoal: 1,
    });
    expect(provider.Partner!.perDeliveredHour).toBeCloseTo(11000 / 3.5);
    expect(provider.Partner!.perStudentMeetingGoal).toBeCloseTo(11000);
    // Corps (Una): 90 minutes, none costed.
    expect(provider.Corps).toMatchObject({
      heldMinutes: 90,
      costedMinutes: 0,
      partial: true,
      perDeliveredHour: null,
      perStudentMeetingGoal: null,
    });
    expect(view.uncostedTutors.map((t) => t.name)).toEqual(['Una']);
  });

  it('shows a small count of students meeting goal exactly, and its cost per student (sites are operational)', async () => {
    const view = await costView({ ...window, cycleId: ids.cycle, policy: { ...judgedDia, suppressionMinN: 10 } });
    const baker = view.bySite.find((r) => r.name === 'Baker')!;
    expect(baker.studentsMeetingGoal).toBe(1);
    expect(baker.perStudentMeetingGoal).toBeCloseTo(6000);
    expect(baker.perDeliveredHour).toBeCloseTo(3000);
    const row = costTables(view)
      .find((t) => t.id === 'by-site')!
      .rows.find((r) => r.cells[0] === 'Baker')!;
    expect(row.cells.slice(6)).toEqual(['1', '$60']);
  });

  it('defaults to the running cycle up to today and drops dates outside it', async () => {
    expect(await resolveCostWindow({}, '2026-10-21')).toMatchObject({
      cycle: { id: ids.cycle },
      from: '2026-09-01',
      to: '2026-10-21',
      ignored: [],
    });
    expect(
      await resolveCostWindow({ cycle: ids.cycle, from: '2026-10-05', to: '2027-01-10' }, '2026-10-21'),
    ).toMatchObject({ from: '2026-10-05', to: '2026-10-21', ignored: ['to date'] });
    expect(await resolveCostWindow({ cycle: 'nope' }, '2026-10-21')).toMatchObject({
      cycle: { id: ids.cycle },
      ignored: ['cycle'],
    });
  });
});

/** RFC 4180 rows of a CSV body (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV downloads of the review and cost tables', () => {
  const csv = (query: string) => reviewCsvRoute(new Request(`http://localhost/api/review/csv?${query}`));
  /** The file's rows, after checking the headers and the byte-order mark. */
  async function rowsOf(response: Response, fileName: string): Promise<string[][]> {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)], 'a byte-order mark for spreadsheets').toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(new TextDecoder().decode(bytes.subarray(3)));
  }
  // The page's cells as a spreadsheet gets them: a figure ("1,234", "75%", "$60") is a plain
  // number, its unit in the header; a dash in a figure column is an empty cell; text stays.
  const figure = /^(-?)\$?([\d,]+(?:\.\d+)?)(%| min)?$/;
  const asPage = (t: ReviewTable) => {
    const unitOf = (j: number) => {
      const units = new Set(
        t.rows.flatMap((r) => {
          const m = figure.exec(r.cells[j]!);
          return m ? [m[3] ? m[3].trim() : r.cells[j]!.includes('$') ? '$' : ''] : [];
        }),
      );
      return t.columns[j]!.numeric && units.size === 1 && [...units][0] ? [...units][0] : '';
    };
    return [
      t.columns.map((c, j) => (unitOf(j) ? `${c.label} (${unitOf(j)})` : c.label)),
      ...t.rows.map((r) =>
        r.cells.map((cell, j) => {
          if (!t.columns[j]!.numeric) return cell;
          if (cell === '—') return '';
          const m = figure.exec(cell);
          return m ? String(Number(`${m[1]}${m[2]!.replaceAll(',', '')}`)) : cell;
        }),
      ),
    ];
  };

  let leader: string;
  let coordinator: string;
  beforeAll(async () => {
    leader = (await db.user.create({ data: { email: 'lee@test.example', name: 'Lee', role: 'DISTRICT_LEADER' } }))
      .email;
    coordinator = (
      await db.user.create({
        data: {
          email: 'coco@test.example',
          name: 'Coco',
          role: 'SITE_COORDINATOR',
          sites: { create: { siteId: ids.adams } },
        },
      })
    ).email;
  });

  it('gives each weekly review table with the cells the page shows, district and site', async () => {
    await signInAs(leader);
    // The page's own policy (the district's settings: n = 10) and the page's own data.
    const live = await metricsPolicy(db);
    expect(live.today, 'the pinned clock reaches the app').toBe(TODAY);
    const week = '2026-10-12';
    const district = weeklyReviewTables(await weeklyReview({ week, policy: live }), 'district');
    expect(district.map((t) => t.id)).toEqual(['flags', 'idle-groups', 'tutors', 'gaps', 'under-dosed']);
    for (const table of district) {
      const rows = await rowsOf(
        await csv(`view=district&week=${week}&table=${table.id}`),
        `weekly-review-district-${table.id}-${week}.csv`,
      );
      expect(rows, table.id).toEqual(asPage(table));
    }
    const byId = Object.fromEntries(district.map((t) => [t.id, t]));
    expect(byId['idle-groups']!.rows.map((r) => r.cells.slice(0, 4))).toEqual([['Reading 2', 'Adams', 'Una', '2']]);
    expect(byId['under-dosed']!.rows.map((r) => r.cells)).toEqual([
      ['Adams', '2'],
      ['Baker', '1'],
    ]);
    // With n = 10 no demographic subgroup is large enough; the sites' gaps show (operational).
    expect(byId.gaps!.rows.map((r) => r.cells[0])).toEqual(['Adams', 'Baker']);

    const site = weeklyReviewTables(await weeklyReview({ week, siteIds: [ids.adams], policy: live }), 'site');
    for (const table of site) {
      const rows = await rowsOf(
        await csv(`view=site&siteId=${ids.adams}&week=${week}&table=${table.id}`),
        `weekly-review-site-${table.id}-${week}.csv`,
      );
      expect(rows, table.id).toEqual(asPage(table));
    }
    // A student's flags are one cell of text; the reasons, with their comma, stay one cell.
    const file = await rowsOf(
      await csv(`view=site&siteId=${ids.adams}&week=${week}&table=flags`),
      `weekly-review-site-flags-${week}.csv`,
    );
    expect(file.map((r) => r[0])).toEqual(['Student', 'S, Ben', 'S, Cal']);
    expect(file[1]).toHaveLength(2);
  });

  it('gives the cost tables exactly, figures as numbers that add up to the total row', async () => {
    await signInAs(leader);
    // The district's flag at 50 %: Dia's placement (50 %) is judged, and she met her goal.
    await db.districtSettings.upsert({
      where: { id: 1 },
      create: { id: 1, flagDoseRatePercent: 50 },
      update: { flagDoseRatePercent: 50 },
    });
    const live = await metricsPolicy(db);
    expect(live.underDosedPercent).toBe(50);
    const query = `view=costs&cycle=${ids.cycle}&from=2026-10-05&to=2026-10-18`;
    const rows = await rowsOf(await csv(`${query}&table=by-site`), 'costs-by-site-2026-10-05-2026-10-18.csv');
    expect(rows[0]).toEqual([
      'Site',
      'Hours delivered',
      'Hours with a cost',
      'Tutor cost ($)',
      'Cost per delivered hour ($)',
      'Student-hours delivered',
      'Students meeting goal',
      'Cost per student meeting goal ($)',
    ]);
    // Adams: 180 held minutes, 90 costed ($50 of them; Reading 2 lacks a cost, so no complete figure), 230 student-minutes.
    // Baker: 120 minutes by Tess = $60, $30 an hour; Dia met her goal (1, shown exactly under n = 10) → $60 per student.
    // A partial cost keeps the page's words, so a spreadsheet never adds it up as if it were whole.
    expect(rows.slice(1)).toEqual([
      [
        'Adams',
        '3',
        '1.5',
        '$50 (partial)',
        '$33.33 *',
        String(Math.round((230 / 60) * 10000) / 10000),
        '0',
        'Costs missing',
      ],
      ['Baker', '2', '2', '60', '30', '1', '1', '60'],
      [
        'All sites and providers',
        '5',
        '3.5',
        '$110 (partial)',
        '$31.43 *',
        String(Math.round((290 / 60) * 10000) / 10000),
        '1',
        'Costs missing',
      ],
    ]);
    for (const j of [1, 2, 5, 6]) {
      const sites = rows.slice(1, -1).reduce((sum, r) => sum + Number(r[j]), 0);
      expect(sites, rows[0]![j]).toBeCloseTo(Number(rows.at(-1)![j]), 3);
    }
    const providers = await rowsOf(
      await csv(`${query}&table=by-provider`),
      'costs-by-provider-2026-10-05-2026-10-18.csv',
    );
    expect(providers.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['Corps', '1.5', '0'],
      ['Partner', '3.5', '3.5'],
      ['All sites and providers', '5', '3.5'],
    ]);
    await db.districtSettings.delete({ where: { id: 1 } });
  });

  it('refuses whoever may not see the page: another site, a tutor, the signed-out', async () => {
    const week = 'week=2026-10-12';
    await signInAs(coordinator);
    expect((await csv(`view=site&siteId=${ids.adams}&${week}&table=flags`)).status).toBe(200);
    const other = await csv(`view=site&siteId=${ids.baker}&${week}&table=flags`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await csv(`view=site&siteId=not-a-site&${week}&table=flags`)).status).toBe(404);
    expect((await csv(`view=district&${week}&table=flags`)).status).toBe(403);
    expect((await csv(`view=costs&cycle=${ids.cycle}&table=by-site`)).status).toBe(403);
    await signInAs('tess@test.example');
    expect((await csv(`view=site&siteId=${ids.adams}&${week}&table=flags`)).status).toBe(403);
    expect((await csv(`view=district&${week}&table=flags`)).status).toBe(403);
    expect((await csv(`view=costs&cycle=${ids.cycle}&table=by-site`)).status).toBe(403);
    signOut();
    expect((await csv(`view=district&${week}&table=flags`)).status).toBe(401);
    expect((await csv(`view=district&${week}&table=nope`)).status).toBe(400);
  });
});
