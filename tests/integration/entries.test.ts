// Logging a session as a tutor's tablet does: exactly once per client id, only for
// sessions the tutor delivers, every student marked, edits kept in the audit trail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { POST as syncRoute } from '../../app/api/sync/route';
import { logSessionAction } from '../../lib/entries/actions';
import { now } from '../../lib/clock';
import { formatDay } from '../../lib/dates';
import { addDays, instantIn, today } from '../setup/dates';
import { testMeasure } from '../setup/fixtures';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(2);
afterAll(async () => {
  signOut();
  await pool.end();
});

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
// Days before the app's today (lib/clock.ts), so a run on any day logs the same history.
const TODAY = today();
const ago = (days: number) => addDays(TODAY, -days);

let tess: string;
let tom: string;
let groupId: string;
let otherGroupId: string;
let students: string[];

async function session(group: string, date: string, startsAt = new Date(`${date}T15:00:00Z`), startMinute = 540) {
  return (
    await db.session.create({
      data: { groupId: group, date: d(date), startMinute, plannedMinutes: 30, startsAt },
      select: { id: true },
    })
  ).id;
}

beforeEach(async () => {
  await truncateAll(pool);
  const site = await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
  const cycle = await db.cycle.create({ data: { name: 'Fall', startDate: d(ago(90)), endDate: d(ago(-60)) } });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  const tutor = (email: string, name: string) =>
    db.user.create({
      data: {
        email,
        name,
        role: 'TUTOR',
        sites: { create: [{ siteId: site.id }] },
        tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
      },
    });
  tess = (await tutor('tess@test.example', 'Tess')).id;
  tom = (await tutor('tom@test.example', 'Tom')).id;
  const group = async (name: string, primaryTutorId: string) =>
    db.group.create({
      data: {
        siteId: site.id,
        cycleId: cycle.id,
        name,
        subject: 'MATH',
        gradeMin: 3,
        gradeMax: 3,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId,
        modality: 'PUSH_IN',
        startDate: d(ago(60)),
        endDate: d(ago(-50)),
      },
    });
  groupId = (await group('Math 3A', tess)).id;
  otherGroupId = (await group('Math 3B', tom)).id;
  students = [];
  for (const sis of ['S1', 'S2', 'S3', 'S4']) {
    const s = await db.student.create({
      data: { sisId: sis, firstName: sis, lastName: 'Kid', grade: 3, siteId: site.id },
    });
    await db.membership.create({ data: { groupId, studentId: s.id, startDate: d(ago(60)) } });
    students.push(s.id);
  }
  await signInAs('tess@test.example');
});

const mixed = () => [
  { studentId: students[0]!, status: 'PRESENT' as const },
  { studentId: students[1]!, status: 'PARTIAL' as const, minutesAttended: '20' },
  { studentId: students[2]!, status: 'ABSENT_EXCUSED' as const },
  { studentId: students[3]!, status: 'ABSENT_UNEXCUSED' as const },
];

describe('logging a session', () => {
  it('records held, the planned minutes by default, who delivered it, and one row per student', async () => {
    const id = await session(groupId, ago(1));
    const result = await logSessionAction(null, {
      sessionId: id,
      clientId: randomUUID(),
      status: 'HELD',
      attendance: mixed(),
    });
    expect(result).toMatchObject({ ok: true, data: { present: 2, lateEntry: false } });
    expect(await db.session.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'HELD',
      actualMinutes: 30,
      deliveredById: tess,
      loggedById: tess,
    });
    const rows = await db.attendance.findMany({ where: { sessionId: id }, orderBy: { studentId: 'asc' } });
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.studentId === students[1])).toMatchObject({ status: 'PARTIAL', minutesAttended: 20 });
  });

  it('records a double-submitted entry once, even when both copies arrive together', async () => {
    const id = await session(groupId, ago(1));
    const entry = { sessionId: id, clientId: randomUUID(), status: 'HELD' as const, attendance: mixed() };
    const [a, b] = await Promise.all([logSessionAction(null, entry), logSessionAction(null, entry)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(await logSessionAction(null, entry)).toEqual(a);
    expect(await db.syncReceipt.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'sessions.log' } })).toBe(1);
    expect(await db.attendance.count()).toBe(4);
  });

  it('refuses a group the tutor does not teach, and a session now covered by a substitute', async () => {
    const others = await session(otherGroupId, ago(1));
    expect(
      await logSessionAction(null, {
        sessionId: others,
        clientId: randomUUID(),
        status: 'CANCELLED',
        cancellationReason: 'OTHER',
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('not one of yours'),
    });
    const mine = await session(groupId, ago(2));
    await db.session.update({ where: { id: mine }, data: { substituteTutorId: tom } });
    expect(
      await logSessionAction(null, { sessionId: mine, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('is now covered by another tutor'),
    });
    await signInAs('tom@test.example');
    expect(
      await logSessionAction(null, { sessionId: mine, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({ ok: true });
    expect((await db.session.findUniqueOrThrow({ where: { id: mine } })).deliveredById).toBe(tom);
    expect((await db.session.findUniqueOrThrow({ where: { id: others } })).status).toBe('SCHEDULED');
  });

  it('refuses a held session without every student, or held before its day or its start time; a cancellation may come ahead', async () => {
    const id = await session(groupId, ago(1));
    const partial = await logSessionAction(null, {
      sessionId: id,
      clientId: randomUUID(),
      status: 'HELD',
      attendance: mixed().slice(0, 3),
    });
    expect(partial).toMatchObject({ ok: false, message: expect.stringContaining('missing: S4 Kid') });
    const future = await session(groupId, ago(-3), instantIn(3));
    expect(
      await logSessionAction(null, { sessionId: future, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({
      ok: false,
      message: `This session is on ${formatDay(ago(-3))}; log it as held on the day.`,
    });
    expect([await db.attendance.count(), await db.syncReceipt.count()]).toEqual([0, 0]);
    // Today, but not started yet (by the server's clock): not held yet; once started, it is.
    const later = await session(groupId, TODAY, new Date(now().getTime() + 2 * 3_600_000));
    const early = await logSessionAction(null, {
      sessionId: later,
      clientId: randomUUID(),
      status: 'HELD',
      attendance: mixed(),
    });
    expect(early).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This session starts at \d{1,2}:\d{2} [AP]M; log it as held once it has started/),
      fieldErrors: { status: ['The session has not started yet.'] },
    });
    expect([await db.attendance.count(), await db.syncReceipt.count()]).toEqual([0, 0]);
    expect(await db.session.findUniqueOrThrow({ where: { id: later } })).toMatchObject({ status: 'SCHEDULED' });
    const started = await session(groupId, TODAY, new Date(now().getTime() - 60_000), 600);
    expect(
      await logSessionAction(null, { sessionId: started, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({ ok: true });
    expect(
      await logSessionAction(null, {
        sessionId: future,
        clientId: randomUUID(),
        status: 'CANCELLED',
        cancellationReason: 'TUTOR_ABSENT',
      }),
    ).toMatchObject({ ok: true });
  });

  it('an edit keeps the earlier entry in the audit trail; cancelling clears attendance; late entries are flagged', async () => {
    const id = await session(groupId, ago(10));
    const first = await logSessionAction(null, {
      sessionId: id,
      clientId: randomUUID(),
      status: 'HELD',
      attendance: mixed(),
    });
    expect(first).toMatchObject({
      ok: true,
      data: { lateEntry: true, message: expect.stringContaining('flagged as a late entry') },
    });
    expect(
      await logSessionAction(null, {
        sessionId: id,
        clientId: randomUUID(),
        status: 'CANCELLED',
        cancellationReason: 'SCHOOL_CLOSURE',
      }),
    ).toMatchObject({ ok: true });
    expect(await db.attendance.count({ where: { sessionId: id } })).toBe(0);
    const edit = await db.auditEvent.findFirstOrThrow({ where: { action: 'sessions.log' }, orderBy: { id: 'desc' } });
    expect(edit.before).toMatchObject({ status: 'HELD', actualMinutes: 30 });
    expect(edit.after).toMatchObject({ status: 'CANCELLED', edit: true, lateEntry: true });
  });
});

describe('recording probes', () => {
  it('records the whole group at once on the group’s measure, once per client id, linked to each placement', async () => {
    const { recordProbesAction } = await import('../../lib/entries/probe-actions');
    const entry = {
      groupId,
      clientId: randomUUID(),
      kind: 'PROGRESS' as const,
      administeredOn: ago(1),
      maxScore: '10',
      scores: students.map((studentId, i) => ({ studentId, score: String(i + 5) })),
    };
    const first = await recordProbesAction(null, entry);
    expect(first).toMatchObject({ ok: true, data: { recorded: 4 } });
    expect(await recordProbesAction(null, entry)).toEqual(first);
    const probes = await db.probe.findMany({ orderBy: { score: 'asc' } });
    expect(probes.map((p) => [p.measure, Number(p.score), p.tutorId])).toEqual([
      ['y', 5, tess],
      ['y', 6, tess],
      ['y', 7, tess],
      ['y', 8, tess],
    ]);
    expect(probes.every((p) => p.membershipId !== null)).toBe(true);
  });

  it('skips blank scores, and refuses a score above the maximum, a future date, or a student not in the group', async () => {
    const { recordProbesAction } = await import('../../lib/entries/probe-actions');
    const one = await recordProbesAction(null, {
      groupId,
      clientId: randomUUID(),
      kind: 'PRE',
      administeredOn: ago(1),
      scores: [
        { studentId: students[0]!, score: '3' },
        { studentId: students[1]!, score: '' },
      ],
    });
    expect(one).toMatchObject({ ok: true, data: { recorded: 1 } });
    expect(
      await recordProbesAction(null, {
        groupId,
        clientId: randomUUID(),
        kind: 'POST',
        administeredOn: ago(1),
        maxScore: '10',
        scores: [{ studentId: students[0]!, score: '11' }],
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { scores: ['A score is above the maximum of 10.'] },
    });
    expect(
      await recordProbesAction(null, {
        groupId,
        clientId: randomUUID(),
        kind: 'POST',
        administeredOn: ago(-2),
        scores: [{ studentId: students[0]!, score: '4' }],
      }),
    ).toMatchObject({
      ok: false,
      message: 'A probe cannot be dated in the future.',
    });
    const outsider = await db.student.create({
      data: {
        sisId: 'X1',
        firstName: 'Out',
        lastName: 'Sider',
        grade: 3,
        siteId: (await db.site.findFirstOrThrow()).id,
      },
    });
    expect(
      await recordProbesAction(null, {
        groupId,
        clientId: randomUUID(),
        kind: 'PROGRESS',
        administeredOn: ago(1),
        scores: [{ studentId: outsider.id, score: '4' }],
      }),
    ).toMatchObject({ ok: false });
    expect(await db.probe.count()).toBe(1);
  });
});

describe('a substitute’s reach (the day before to 7 days after each session they cover)', () => {
  const earlierPre = async () => {
    const { id: membershipId } = await db.membership.findFirstOrThrow({
      where: { groupId, studentId: students[0]! },
      select: { id: true },
    });
    await db.probe.create({
      data: {
        studentId: students[0]!,
        groupId,
        membershipId,
        measure: 'y',
        kind: 'PRE',
        score: 2,
        administeredOn: d(ago(40)),
        tutorId: tess,
      },
    });
  };
  const probe = (administeredOn: string) => ({
    groupId,
    clientId: randomUUID(),
    kind: 'POST' as const,
    administeredOn,
    scores: students.map((studentId) => ({ studentId, score: '9' })),
  });

  it('refuses the group after the window: no probe entry, no probe history, no logging; the primary tutor keeps it', async () => {
    const { recordProbesAction } = await import('../../lib/entries/probe-actions');
    const { authorize, requireUser } = await import('../../lib/auth/guards');
    const { groupProbes } = await import('../../lib/tutor/queries');
    await earlierPre();
    const covered = await session(groupId, ago(28));
    await db.session.update({ where: { id: covered }, data: { substituteTutorId: tom } });

    await signInAs('tom@test.example');
    const tomUser = await requireUser();
    expect(await recordProbesAction(null, probe(ago(1)))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not one of yours'),
    });
    expect(await recordProbesAction(null, probe(ago(28)))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not one of yours'),
    });
    await expect(authorize('session.log', { groupId })).rejects.toThrow('not one of yours');
    await expect(authorize('group.view', { groupId })).rejects.toThrow('not one of yours');
    expect(await groupProbes(tomUser, groupId)).toBeNull();
    expect(
      await logSessionAction(null, { sessionId: covered, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('not one of yours'),
    });
    expect(await db.probe.count({ where: { tutorId: tom } })).toBe(0);
    expect((await db.session.findUniqueOrThrow({ where: { id: covered } })).status).toBe('SCHEDULED');

    await signInAs('tess@test.example');
    expect(await recordProbesAction(null, probe(ago(28)))).toMatchObject({ ok: true });
    const history = await groupProbes(await requireUser(), groupId);
    expect(history!.students.find((s) => s.id === students[0])!.scores.map((x) => x.date)).toEqual([ago(40), ago(28)]);
  });

  it('inside the window: logs the session, sees the roster and only the window’s scores, records probes dated in it', async () => {
    const { recordProbesAction } = await import('../../lib/entries/probe-actions');
    const { requireUser } = await import('../../lib/auth/guards');
    const { groupProbes } = await import('../../lib/tutor/queries');
    await earlierPre();
    const covered = await session(groupId, ago(2));
    await db.session.update({ where: { id: covered }, data: { substituteTutorId: tom } });

    await signInAs('tom@test.example');
    expect(
      await logSessionAction(null, { sessionId: covered, clientId: randomUUID(), status: 'HELD', attendance: mixed() }),
    ).toMatchObject({ ok: true });
    expect(await recordProbesAction(null, probe(ago(2)))).toMatchObject({ ok: true, data: { recorded: 4 } });
    expect(await recordProbesAction(null, probe(ago(20)))).toMatchObject({
      ok: false,
      message: expect.stringContaining(`${ago(20)} is outside them`),
    });
    const data = (await groupProbes(await requireUser(), groupId))!;
    expect(data.students.map((s) => s.id).sort()).toEqual([...students].sort());
    // The PRE score 40 days back is not theirs to see; the scores they entered are.
    expect(data.students.find((s) => s.id === students[0])!.scores.map((x) => x.date)).toEqual([ago(2)]);
    expect(await db.probe.count({ where: { tutorId: tom } })).toBe(4);
  });
});

describe('the calendar feed', () => {
  it('lists the tutor’s own and covered sessions, not others’, and stops when revoked or replaced', async () => {
    const { setFeedAction } = await import('../../lib/feed/actions');
    const { feedFor } = await import('../../lib/feed/feed');
    const own = await session(groupId, ago(-2), instantIn(2));
    const covered = await session(otherGroupId, ago(-3), instantIn(3));
    await db.session.update({ where: { id: covered }, data: { substituteTutorId: tess } });
    const notMine = await session(otherGroupId, ago(-4), instantIn(4));
    const created = await setFeedAction(null, { intent: 'create' });
    if (!created.ok) throw new Error(created.message);
    const token = created.data.url!.match(/\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/)![1]!;
    const text = (await feedFor(token))!;
    expect(text).toContain(`UID:${own}@tutoring-ops`);
    expect(text).toContain(`UID:${covered}@tutoring-ops`);
    expect(text).toContain('DESCRIPTION:You are covering this session.');
    expect(text).not.toContain(notMine);
    // Only the hash is stored.
    expect(await db.calendarFeed.count({ where: { tokenHash: token } })).toBe(0);

    const replaced = await setFeedAction(null, { intent: 'create' });
    expect(replaced.ok).toBe(true);
    expect(await feedFor(token)).toBeNull();
    const newToken = replaced.ok ? replaced.data.url!.match(/calendar\/([A-Za-z0-9_-]+)\.ics$/)![1]! : '';
    expect(await setFeedAction(null, { intent: 'revoke' })).toMatchObject({ ok: true });
    expect(await feedFor(newToken)).toBeNull();
  });
});

describe('the outbox endpoint (/api/sync)', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    syncRoute(
      new Request('http://app.test/api/sync', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Host: 'app.test', Origin: 'http://app.test', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );

  it('hands an entry to the same action, once per client id, however often it is sent', async () => {
    const id = await session(groupId, ago(1));
    const entry = {
      kind: 'session-log',
      payload: { sessionId: id, clientId: randomUUID(), status: 'HELD', attendance: mixed() },
    };
    const answers = await Promise.all([post(entry), post(entry), post(entry)]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(bodies[0]).toMatchObject({ ok: true, data: { present: 2 } });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(await db.syncReceipt.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'sessions.log', entityId: id } })).toBe(1);
    expect(await db.attendance.count({ where: { sessionId: id } })).toBe(4);
  });

  it('answers a tutor who does not cover the group with the reason, and writes nothing', async () => {
    const others = await session(otherGroupId, ago(1));
    const answer = await post({
      kind: 'session-log',
      payload: { sessionId: others, clientId: randomUUID(), status: 'CANCELLED', cancellationReason: 'OTHER' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: false, message: expect.stringContaining('not one of yours') });
    const probes = await post({
      kind: 'probes',
      payload: {
        groupId: otherGroupId,
        clientId: randomUUID(),
        kind: 'PROGRESS',
        administeredOn: ago(1),
        scores: [{ studentId: students[0], score: '5' }],
      },
    });
    expect(await probes.json()).toMatchObject({ ok: false });
    expect(await db.session.findUniqueOrThrow({ where: { id: others }, select: { status: true } })).toEqual({
      status: 'SCHEDULED',
    });
    expect(await db.probe.count()).toBe(0);
    expect(await db.syncReceipt.count()).toBe(0);
  });

  it('refuses impossible dates, booleans as minutes and a student twice as field errors, never retryable', async () => {
    const id = await session(groupId, ago(1));
    const probes = (administeredOn: string, scores: unknown[]) => ({
      kind: 'probes',
      payload: { groupId, clientId: randomUUID(), kind: 'PROGRESS', administeredOn, scores },
    });
    const entries = [
      {
        kind: 'session-log',
        payload: { sessionId: id, clientId: randomUUID(), status: 'HELD', actualMinutes: true, attendance: mixed() },
      },
      probes('2026-11-31', [{ studentId: students[0], score: '5' }]),
      probes('0000-01-01', [{ studentId: students[0], score: '5' }]),
      probes('9999-12-31', [{ studentId: students[0], score: '5' }]),
      probes(ago(1), [
        { studentId: students[0], score: '5' },
        { studentId: students[0], score: '9' },
      ]),
    ];
    for (const entry of entries) {
      const body = await (await post(entry)).json();
      expect(body, JSON.stringify(entry.payload)).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
      expect(body.retry, JSON.stringify(entry.payload)).toBeUndefined();
    }
    expect(
      await db.session.findUniqueOrThrow({ where: { id }, select: { status: true, actualMinutes: true } }),
    ).toEqual({ status: 'SCHEDULED', actualMinutes: null });
    expect(await db.probe.count()).toBe(0);
  });

  it('tells a signed-out tablet to sign in, keeping the entry sendable', async () => {
    signOut();
    const id = await session(groupId, ago(1));
    const answer = await post({
      kind: 'session-log',
      payload: { sessionId: id, clientId: randomUUID(), status: 'HELD', attendance: mixed() },
    });
    expect(await answer.json()).toMatchObject({ ok: false, retry: 'signed-out' });
    expect(await db.syncReceipt.count()).toBe(0);
  });

  it('refuses another site’s page and unreadable entries, with a reason', async () => {
    const crossSite = await post({ kind: 'probes', payload: {} }, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({
      ok: false,
      message: expect.stringContaining('from the app itself'),
    });
    for (const bad of ['not json', { kind: 'delete-everything', payload: {} }, { kind: 'session-log' }]) {
      const answer = await post(bad);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ ok: false, message: expect.stringContaining('could not be read') });
    }
    const invalid = await post({ kind: 'session-log', payload: { sessionId: 'nope', clientId: 'x', status: 'HELD' } });
    expect(invalid.status).toBe(200);
    expect(await invalid.json()).toMatchObject({
      ok: false,
      fieldErrors: { sessionId: expect.any(Array), clientId: expect.any(Array) },
    });
  });
});
