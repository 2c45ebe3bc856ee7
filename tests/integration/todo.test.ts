// The coordinator's to-do queue on a small site built by hand: each kind of work shows
// with its link, and leaves the queue once it is done (the session logged, the tutor
// changed, the flag followed up, the make-up scheduled, the schedule fixed).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { now } from '../../lib/clock';
import { db } from '../../lib/db';
import { addDays, weekStart } from '../../lib/dates';
import { localDate } from '../../lib/dates/zone';
import { districtTodo } from '../../lib/todo/district-queue';
import { siteTodo, type TodoSectionId } from '../../lib/todo/site-queue';
import { logSessionAction } from '../../lib/entries/actions';
import { recordAbsenceAction, removeAbsenceAction } from '../../lib/placement/absence-actions';
import { siteAbsences } from '../../lib/users/queries';
import { assignSubstituteAction } from '../../lib/placement/staffing-actions';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const TODAY = localDate('America/Chicago');
const day = (plus: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const START = weekStart(day(-14));
const policy = {
  today: TODAY,
  timeZone: 'America/Chicago',
  maxGroupSize: 4,
  eligibilityPercentile: 40,
  targetMinutesPerWeek: 90,
  minProgramWeeks: 10,
};

let siteId: string;
let cycleId: string;
let providerId: string;
let tess: string;
let tom: string;

async function tutor(email: string, name: string, credentialStatus: 'CLEARED' | 'EXPIRED') {
  return (
    await db.user.create({
      data: {
        email,
        name,
        role: 'TUTOR',
        sites: { create: [{ siteId }] },
        tutorProfile: { create: { providerId, subjects: ['MATH'], gradeMin: 0, gradeMax: 5, credentialStatus } },
      },
    })
  ).id;
}

/** A group meeting three times a week for 30 minutes over twelve weeks (on track) unless told otherwise. */
async function group(name: string, tutorId: string, meetings = [1, 3, 5], weeks = 12) {
  return (
    await db.group.create({
      data: {
        siteId,
        cycleId,
        name,
        subject: 'MATH',
        gradeMin: 3,
        gradeMax: 3,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: tutorId,
        modality: 'PUSH_IN',
        // Monday two weeks back to a Friday `weeks` weeks on: exactly that many weeks, any day the test runs.
        startDate: d(START),
        endDate: d(addDays(START, weeks * 7 - 3)),
        meetings: { create: meetings.map((weekday) => ({ weekday, startMinute: 600, plannedMinutes: 30 })) },
      },
    })
  ).id;
}

async function session(groupId: string, date: string, tutorId: string, status: 'SCHEDULED' | 'HELD' = 'SCHEDULED') {
  return db.session.create({
    data: {
      groupId,
      date: d(date),
      startMinute: 600,
      plannedMinutes: 30,
      startsAt: d(date),
      primaryTutorId: tutorId,
      status,
      ...(status === 'HELD' ? { actualMinutes: 30, deliveredById: tutorId } : {}),
    },
  });
}

const itemsOf = async (id: TodoSectionId) =>
  ((await siteTodo(siteId, policy)).find((s) => s.id === id)?.items ?? []).map((i) => [i.text, i.href]);

beforeEach(async () => {
  await truncateAll(pool);
  siteId = (await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } })).id;
  cycleId = (await db.cycle.create({ data: { name: 'Year', startDate: d(day(-60)), endDate: d(day(120)) } })).id;
  providerId = (await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } })).id;
  tess = await tutor('tess@test.example', 'Tess Tutor', 'CLEARED');
  tom = await tutor('tom@test.example', 'Tom Tutor', 'CLEARED');
});

describe('a coordinator’s to-do queue', () => {
  it('lists past sessions still to log by tutor, oldest first, until they are logged', async () => {
    const a = await group('Math 3A', tess);
    const b = await group('Math 3B', tom);
    const next = await session(a, day(-3), tess);
    const oldest = await session(a, day(-8), tess);
    const toms = await session(b, day(-2), tom);
    await session(b, day(-9), tom, 'HELD');
    await session(a, day(2), tess); // still to come: nothing to do yet
    // A session covered by a substitute is the substitute's to log.
    const covered = await session(b, day(-1), tom);
    await db.session.update({ where: { id: covered.id }, data: { substituteTutorId: tess } });

    expect(await itemsOf('unlogged')).toEqual([
      [`Tess Tutor: 3 sessions to log, the oldest on ${day(-8)} (Math 3A)`, `/sites/${siteId}/sessions/${oldest.id}`],
      [`Tom Tutor: 1 session to log, the oldest on ${day(-2)} (Math 3B)`, `/sites/${siteId}/sessions/${toms.id}`],
    ]);
    await db.session.update({
      where: { id: oldest.id },
      data: { status: 'CANCELLED', cancellationReason: 'TUTOR_ABSENT' },
    });
    await db.session.updateMany({
      where: { groupId: b, status: 'SCHEDULED', date: { lt: d(TODAY) } },
      data: { status: 'HELD', actualMinutes: 30 },
    });
    expect(await itemsOf('unlogged')).toEqual([
      [`Tess Tutor: 1 session to log, the oldest on ${day(-3)} (Math 3A)`, `/sites/${siteId}/sessions/${next.id}`],
    ]);

    // The coordinator logs the last one for Tess: only with a reason, kept in the audit trail.
    await db.user.create({
      data: { email: 'cora@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId }] } },
    });
    await signInAs('cora@test.example');
    const entry = { sessionId: next.id, status: 'CANCELLED' as const, cancellationReason: 'TUTOR_ABSENT' as const };
    expect(await logSessionAction(null, { ...entry, clientId: randomUUID(), onBehalfReason: '  ' })).toMatchObject({
      ok: false,
      fieldErrors: { onBehalfReason: ['Say why you are logging it for the tutor.'] },
    });
    expect((await db.session.findUniqueOrThrow({ where: { id: next.id } })).status).toBe('SCHEDULED');
    const why = 'Tess’s tablet is broken; from the paper sheet.';
    expect(await logSessionAction(null, { ...entry, clientId: randomUUID(), onBehalfReason: why })).toMatchObject({
      ok: true,
    });
    expect(await itemsOf('unlogged')).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: next.id, action: 'sessions.log' } });
    expect(audit.after).toMatchObject({ onBehalfOf: tess, onBehalfReason: why });
  });

  it('lists groups whose tutor’s clearance has lapsed, until the group has another tutor', async () => {
    const lapsed = await tutor('lee@test.example', 'Lee Lapsed', 'EXPIRED');
    const g = await group('Math 3C', lapsed);
    await group('Math 3D', tess);
    expect(await itemsOf('clearance')).toEqual([
      [`Math 3C: Lee Lapsed's clearance has expired: renew it before they teach.`, `/sites/${siteId}/groups/${g}`],
    ]);
    await db.group.update({ where: { id: g }, data: { primaryTutorId: tom } });
    expect(await itemsOf('clearance')).toEqual([]);
  });

  it('lists groups that cannot meet the program standard as planned, until the schedule is fixed', async () => {
    const thin = await group('Math 3E', tess, [1, 3]);
    const short = await group('Math 3F', tom, [1, 3, 5], 4);
    await group('Math 3G', tess, [2, 4, 5]);
    expect(await itemsOf('standard')).toEqual([
      [`Math 3E: The schedule gives 60 minutes a week; the program's target is 90.`, `/sites/${siteId}/groups/${thin}`],
      [
        `Math 3F: The group's dates span 4 weeks; the program standard asks for at least 10.`,
        `/sites/${siteId}/groups/${short}`,
      ],
    ]);
    await db.groupMeeting.create({ data: { groupId: thin, weekday: 5, startMinute: 600, plannedMinutes: 30 } });
    expect((await itemsOf('standard')).map(([text]) => text)).toEqual([
      `Math 3F: The group's dates span 4 weeks; the program standard asks for at least 10.`,
    ]);
  });

  it('lists a flagged group until a follow-up is recorded, and a cancellation until it is made up', async () => {
    const g = await group('Math 3H', tess);
    const cancelled = await db.session.create({
      data: {
        groupId: g,
        date: d(day(-5)),
        startMinute: 600,
        plannedMinutes: 30,
        startsAt: d(day(-5)),
        primaryTutorId: tess,
        status: 'CANCELLED',
        cancellationReason: 'TUTOR_ABSENT',
      },
    });
    // Started two weeks ago and nothing held since: the group is flagged.
    expect((await itemsOf('flags')).map(([text]) => text)).toEqual([
      expect.stringMatching(/^Math 3H: No session held/),
    ]);
    expect(await itemsOf('makeups')).toEqual([[`Math 3H: ${day(-5)}`, `/sites/${siteId}/follow-up`]]);

    const coordinator = await db.user.create({
      data: { email: 'cora@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId }] } },
    });
    await db.followUp.create({
      data: {
        siteId,
        groupId: g,
        flag: 'no_held_session',
        action: 'TALKED_WITH_TUTOR',
        createdById: coordinator.id,
        createdAt: now(),
      },
    });
    expect(await itemsOf('flags')).toEqual([]);
    const makeup = await session(g, day(3), tess);
    await db.session.update({ where: { id: makeup.id }, data: { makeupForId: cancelled.id } });
    expect(await itemsOf('makeups')).toEqual([]);
  });

  it('lists free seats that fit waitlisted students by priority, until they are placed', async () => {
    const a = await group('Math 3A', tess); // grade 3, Mon/Wed/Fri 10:00
    const student = async (sis: string, grade: number, percentile: number) => {
      const st = await db.student.create({ data: { sisId: sis, firstName: sis, lastName: 'Kid', grade, siteId } });
      await db.screenerResult.create({
        data: { studentId: st.id, subject: 'MATH', measure: 'M', percentile, testedOn: d(day(-30)) },
      });
      return st.id;
    };
    for (const sis of ['P1', 'P2', 'P3'])
      await db.membership.create({ data: { groupId: a, studentId: await student(sis, 3, 5), startDate: d(START) } });
    await student('Near', 3, 12); // priority 1 of those waiting: fits the last seat
    await student('Far', 3, 20); // priority 2: the group is then full
    await student('Older', 5, 3); // no grade-5 group
    await student('Fine', 3, 80); // not eligible
    const seats = async () => (await siteTodo(siteId, policy)).find((s) => s.id === 'seats')!.items;
    expect((await seats()).map((i) => [i.text, i.href])).toEqual([
      [
        'Math 3A: 1 free seat; Near Kid (priority 2) on the Math waitlist fits',
        `/sites/${siteId}/groups/suggested?subject=MATH`,
      ],
    ]);
    // A student placed from next week takes the last seat too: none is offered today (placing would be refused).
    const far = await db.student.findFirstOrThrow({ where: { sisId: 'Far' } });
    await db.membership.create({ data: { groupId: a, studentId: far.id, startDate: d(day(7)) } });
    expect(await seats()).toEqual([]);
  });

  it('lists today’s sessions whose tutor is out, with who could cover, until a substitute is assigned', async () => {
    const a = await group('Math 3A', tess);
    const today = await session(a, TODAY, tess);
    await db.session.update({ where: { id: today.id }, data: { startMinute: 600 } });
    const tia = await tutor('tia@test.example', 'Tia Tutor', 'CLEARED');
    await tutor('lee@test.example', 'Lee Lapsed', 'EXPIRED'); // not cleared: cannot cover
    // Tom teaches at 10:00 today elsewhere at the site: busy then.
    const busy = await group('Math 3B', tom);
    await session(busy, TODAY, tom);
    expect(await itemsOf('coverage')).toEqual([]);

    await db.user.create({
      data: { email: 'cora@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId }] } },
    });
    await signInAs('cora@test.example');
    expect(
      await recordAbsenceAction(null, { siteId, tutorId: tess, kind: 'LEAVE', startDate: TODAY, endDate: day(-1) }),
    ).toMatchObject({ ok: false, fieldErrors: { endDate: ['The last day cannot be before the first.'] } });
    const recorded = await recordAbsenceAction(null, {
      siteId,
      tutorId: tess,
      kind: 'LEAVE',
      startDate: TODAY,
      endDate: day(5),
    });
    expect(recorded).toMatchObject({
      ok: true,
      data: { message: expect.stringMatching(/^Tess Tutor is recorded on leave from /) },
    });
    expect(await itemsOf('coverage')).toEqual([
      [
        'Math 3A, 10:00 AM today: Tess Tutor is on leave today; no substitute yet. Free and fit to cover: Tia Tutor.',
        `/sites/${siteId}/groups/${a}`,
      ],
    ]);
    // Recorded by mistake: taken back, the gap leaves the queue; recorded again, it returns.
    const listed = await siteAbsences(siteId, TODAY);
    expect(listed).toEqual([
      { id: expect.any(String), tutor: 'Tess Tutor', kind: 'LEAVE', startDate: TODAY, endDate: day(5), note: null },
    ]);
    expect(await removeAbsenceAction(null, { siteId, absenceId: listed[0]!.id })).toMatchObject({
      ok: true,
      data: { message: `Tess Tutor is no longer recorded out from ${TODAY} to ${day(5)}.` },
    });
    expect(await itemsOf('coverage')).toEqual([]);
    expect(await removeAbsenceAction(null, { siteId, absenceId: listed[0]!.id })).toMatchObject({
      ok: false,
      message: 'That absence was already removed. Reload the page.',
    });
    const ended = await db.tutorAbsence.create({
      data: {
        tutorId: tess,
        kind: 'ABSENT',
        startDate: new Date(`${day(-3)}T00:00:00Z`),
        endDate: new Date(`${day(-3)}T00:00:00Z`),
        createdById: tess,
      },
    });
    expect(await removeAbsenceAction(null, { siteId, absenceId: ended.id })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/ended on .*: it stays as a record/),
    });
    expect(await db.tutorAbsence.count({ where: { id: ended.id } })).toBe(1);
    await recordAbsenceAction(null, { siteId, tutorId: tess, kind: 'LEAVE', startDate: TODAY, endDate: day(5) });
    expect(await itemsOf('coverage')).toHaveLength(1);
    // Tess cannot be a substitute while out; Tia covers, and the gap leaves the queue.
    expect(
      await assignSubstituteAction(null, { groupId: busy, tutorId: tess, fromDate: TODAY, toDate: TODAY }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('Tess Tutor is recorded on leave') });
    expect(
      await assignSubstituteAction(null, { groupId: a, tutorId: tia, fromDate: TODAY, toDate: TODAY }),
    ).toMatchObject({
      ok: true,
    });
    expect(await itemsOf('coverage')).toEqual([]);
  });

  it('district-wide, lists every site’s items under the same sections, each with its site', async () => {
    const a = await group('Math 3A', tess);
    await session(a, day(-4), tess);
    const bSite = await db.site.create({ data: { code: 'B', name: 'Brown', gradeMin: 0, gradeMax: 5 } });
    const ben = await db.user.create({
      data: {
        email: 'ben@test.example',
        name: 'Ben Tutor',
        role: 'TUTOR',
        sites: { create: [{ siteId: bSite.id }] },
        tutorProfile: {
          create: { providerId, subjects: ['MATH'], gradeMin: 0, gradeMax: 5, credentialStatus: 'CLEARED' },
        },
      },
    });
    const b = await db.group.create({
      data: {
        siteId: bSite.id,
        cycleId,
        name: 'Math 3B',
        subject: 'MATH',
        gradeMin: 3,
        gradeMax: 3,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: ben.id,
        modality: 'PUSH_IN',
        startDate: d(START),
        endDate: d(addDays(START, 12 * 7 - 3)),
        meetings: { create: [1, 3, 5].map((weekday) => ({ weekday, startMinute: 600, plannedMinutes: 30 })) },
      },
    });
    const bens = await session(b.id, day(-6), ben.id);
    const sections = await districtTodo(policy);
    expect(sections.map((s) => s.id)).toEqual([
      'unlogged',
      'coverage',
      'clearance',
      'flags',
      'seats',
      'makeups',
      'standard',
    ]);
    expect(sections[0]!.items.map((i) => [i.site.name, i.text, i.href])).toEqual([
      [
        'Adams',
        `Tess Tutor: 1 session to log, the oldest on ${day(-4)} (Math 3A)`,
        expect.stringContaining(`/sites/${siteId}/sessions/`),
      ],
      [
        'Brown',
        `Ben Tutor: 1 session to log, the oldest on ${day(-6)} (Math 3B)`,
        `/sites/${bSite.id}/sessions/${bens.id}`,
      ],
    ]);
  });
});
