// Every server action, for every role and for the signed-out: allowed or refused,
// inside and outside the person's scope, and with bad input. A refusal changes
// nothing. A new action without an entry here fails the first test.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { GET as calendarFeed } from '../../app/api/calendar/[token]/route';
import { GET as dashboardCsv } from '../../app/api/dashboard/csv/route';
import { GET as equityCsv } from '../../app/api/equity/csv/route';
import { GET as studentExport } from '../../app/api/exports/students/route';
import { GET as importProgress } from '../../app/api/imports/[batchId]/route';
import { GET as importTemplate } from '../../app/api/imports/template/route';
import { GET as reviewCsv } from '../../app/api/review/csv/route';
import { POST as syncRoute } from '../../app/api/sync/route';
import { logSessionAction } from '../../lib/entries/actions';
import { recordProbesAction } from '../../lib/entries/probe-actions';
import { registeredActions, registeredSchemas } from '../../lib/actions/action';
import type { ActionResult } from '../../lib/actions/result';
import { now as clockNow } from '../../lib/clock';
import { db } from '../../lib/db';
import { districtToday } from '../../lib/settings/district';
import { startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { testMeasure } from '../setup/fixtures';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { run } from '../setup/run';
import { signInAs, signOut } from '../setup/sign-in';

// The world is the demo seeded for Mon Nov 23 2026 (--today) plus rows dated around it,
// so the app's clock starts on that day too (lib/clock.ts), whatever day the run is on.
const SEED_TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-11-23';
  return '2026-11-23';
});

type Who = 'signedOut' | 'admin' | 'leader' | 'coordinator' | 'tutor';
type Action = (previous: unknown, input: unknown) => Promise<ActionResult<unknown>>;

const EMAIL: Record<Exclude<Who, 'signedOut'>, string> = {
  admin: 'admin@district.example',
  leader: 'leader@district.example',
  coordinator: 'coordinator@district.example',
  tutor: 'tutor@district.example',
};

interface World {
  ownSite: string;
  otherSite: string;
  provider: string;
  spareTutor: string;
  leader: string;
  settings: Record<string, unknown>;
  placement: PlacementWorld;
}

/** Groups and students made for the group-builder actions, clear of the demo's schedules. */
interface PlacementWorld {
  cycleId: string;
  ownTutor: string;
  ownTutor2: string;
  ownGroup: string;
  ownGroup2: string;
  otherGroup: string;
  student: string;
  student2: string;
  otherStudent: string;
  membership: string;
  otherMembership: string;
  dayOff: string;
  cancelled: string;
  otherCancelled: string;
  makeupTime: string;
  absence: string;
  tutorSession: string;
  otherSiteSession: string;
  tutorGroup: string;
  tutorStudent: string;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

interface Entry {
  allowed: Who[];
  /** A valid input inside the caller's scope (for a coordinator: their own site). */
  input(world: World): Record<string, unknown>;
  /** The same request aimed outside a coordinator's scope. */
  outOfScope?(world: World): Record<string, unknown>;
  /** The state the call needs, set before every call. */
  prepare?(world: World): Promise<void>;
}

const setActive = (active: boolean) => async (w: World) => {
  await db.user.update({ where: { id: w.spareTutor }, data: { active, deactivatedAt: active ? null : new Date() } });
};

const tutorFields = (world: World) => ({
  providerId: world.provider,
  subjects: ['MATH'],
  gradeMin: '0',
  gradeMax: '5',
  credentialStatus: 'CLEARED',
});

let makeupCalls = 0;

const freshMembership = async (w: World) => {
  const p = w.placement;
  await db.membership.deleteMany({
    where: {
      studentId: { in: [p.student, p.student2, p.otherStudent] },
      groupId: { in: [p.ownGroup, p.ownGroup2, p.otherGroup] },
    },
  });
  p.membership = (
    await db.membership.create({
      data: { groupId: p.ownGroup, studentId: p.student2, startDate: new Date('2026-11-02') },
      select: { id: true },
    })
  ).id;
  p.otherMembership = (
    await db.membership.create({
      data: { groupId: p.otherGroup, studentId: p.otherStudent, startDate: new Date('2026-11-02') },
      select: { id: true },
    })
  ).id;
};

/** The groups a previous call made would clash with the same tutor at the same time. */
const removeMadeGroups = async () => {
  const made = { group: { name: { startsWith: 'Matrix new' } } };
  await db.membership.deleteMany({ where: made });
  await db.session.deleteMany({ where: made });
  await db.groupMeeting.deleteMany({ where: made });
  await db.group.deleteMany({ where: { name: { startsWith: 'Matrix new' } } });
};

const groupFields = (w: World) => ({
  cycleId: w.placement.cycleId,
  tutorId: w.placement.ownTutor,
  name: `Matrix new ${unique()}`,
  subject: 'MATH',
  gradeMin: '0',
  gradeMax: '5',
  targetSkill: 'Fraction equivalence',
  probeMeasure: 'Fractions /10',
  modality: 'AFTER_SCHOOL',
  room: 'Library',
  startDate: '2026-11-30',
  endDate: '2026-12-18',
  meetingWeekday: ['6'],
  meetingStart: ['07:00'],
  meetingMinutes: ['30'],
  confirm: 'true',
});

/** Staged supports imports (one screener result each), one per site, made fresh before every call. */
const importBatches = { own: '', other: '' };
const stageImportBatches = async (w: World) => {
  const admin = await db.user.findUniqueOrThrow({ where: { email: EMAIL.admin }, select: { id: true } });
  const batch = async (siteId: string) => {
    const student = await db.student.findFirstOrThrow({
      where: { siteId },
      orderBy: { sisId: 'asc' },
      select: { sisId: true },
    });
    const screener = {
      sisId: student.sisId,
      subject: 'MATH',
      measure: `Matrix screener ${unique()}`,
      score: null,
      percentile: 30,
      testedOn: '2026-11-20',
      line: 2,
    };
    const payload = { kind: 'supports', file: 'supports.csv', supports: [], screeners: [screener] };
    const data = {
      kind: 'SUPPORTS' as const,
      siteId,
      createdById: admin.id,
      fileNames: ['supports.csv'],
      summary: {},
      problems: [],
      problemCount: 0,
      errorCount: 0,
      payload,
    };
    return (await db.importBatch.create({ data, select: { id: true } })).id;
  };
  importBatches.own = await batch(w.ownSite);
  importBatches.other = await batch(w.otherSite);
};

/** Cycles without groups, made fresh before every call to edit or delete one. */
const matrixCycles = { editable: '', empty: '' };
const freshCycle = async (prefix: string) => {
  await db.cycle.deleteMany({ where: { name: { startsWith: prefix }, groups: { none: {} } } });
  return (
    await db.cycle.create({
      data: { name: `${prefix} ${unique()}`, startDate: new Date('2027-06-14'), endDate: new Date('2027-08-06') },
      select: { id: true },
    })
  ).id;
};

/** Two unused measures, made fresh before every call to edit or merge one. */
const matrixMeasures = { from: '', into: '' };
const freshMeasures = async () => {
  const measure = async (name: string) =>
    (
      await db.probeMeasure.create({
        data: { name, nameKey: name.toLowerCase(), subject: 'MATH', maxScore: 10 },
        select: { id: true },
      })
    ).id;
  matrixMeasures.from = await measure(`Matrix from ${unique()}`);
  matrixMeasures.into = await measure(`Matrix into ${unique()}`);
};

const MATRIX: Record<string, Entry> = {
  'groups.create': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ siteId: w.ownSite, ...groupFields(w) }),
    outOfScope: (w) => ({ siteId: w.otherSite, ...groupFields(w) }),
    prepare: removeMadeGroups,
  },
  'groups.update': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.ownGroup2,
      ...groupFields(w),
      name: `Matrix group B ${unique()}`,
      startDate: '2026-11-02',
      meetingStart: ['09:30'],
    }),
    outOfScope: (w) => ({ groupId: w.placement.otherGroup, ...groupFields(w), startDate: '2026-11-02' }),
  },
  'suggestions.accept': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ siteId: w.ownSite, ...groupFields(w), studentIds: [w.placement.student] }),
    outOfScope: (w) => ({ siteId: w.otherSite, ...groupFields(w), studentIds: [w.placement.otherStudent] }),
    prepare: removeMadeGroups,
  },
  'calendar.cycles.create': {
    allowed: ['admin'],
    input: () => ({ name: `Spring ${unique()}`, startDate: '2027-01-04', endDate: '2027-05-28' }),
  },
  'calendar.cycles.update': {
    allowed: ['admin'],
    input: () => ({
      cycleId: matrixCycles.editable,
      name: `Matrix summer ${unique()}`,
      startDate: '2027-06-07',
      endDate: '2027-08-13',
    }),
    prepare: async () => {
      matrixCycles.editable = await freshCycle('Matrix summer');
    },
  },
  'calendar.cycles.delete': {
    allowed: ['admin'],
    input: () => ({ cycleId: matrixCycles.empty }),
    prepare: async () => {
      matrixCycles.empty = await freshCycle('Matrix empty');
    },
  },
  'calendar.noSchool.add': {
    allowed: ['admin'],
    input: (w) => ({ startDate: '2026-12-11', name: 'Matrix day off', kind: 'OTHER', siteId: w.ownSite }),
    prepare: async () => {
      await db.noSchoolDay.deleteMany({ where: { name: 'Matrix day off' } });
    },
  },
  'calendar.noSchool.remove': {
    allowed: ['admin'],
    input: (w) => ({ noSchoolDayId: w.placement.dayOff }),
    prepare: async (w) => {
      await db.noSchoolDay.deleteMany({ where: { name: 'Matrix removable day' } });
      w.placement.dayOff = (
        await db.noSchoolDay.create({
          data: { date: new Date('2026-12-14'), siteId: w.ownSite, kind: 'OTHER', name: 'Matrix removable day' },
          select: { id: true },
        })
      ).id;
    },
  },
  'followups.record': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      siteId: w.ownSite,
      studentId: w.placement.student,
      flag: 'absences',
      action: 'CALLED_FAMILY',
      note: 'Left a voicemail',
    }),
    outOfScope: (w) => ({
      siteId: w.otherSite,
      studentId: w.placement.otherStudent,
      flag: 'absences',
      action: 'CALLED_FAMILY',
    }),
  },
  'sessions.scheduleMakeup': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ sessionId: w.placement.cancelled, date: '2026-12-12', startTime: w.placement.makeupTime }),
    outOfScope: (w) => ({
      sessionId: w.placement.otherCancelled,
      date: '2026-12-12',
      startTime: w.placement.makeupTime,
    }),
    // A make-up is history (a follow-up points at it): each call gets a fresh cancelled session and time.
    prepare: async (w) => {
      const slot = 600 + ++makeupCalls; // a fresh minute each call: sessions are unique per group, date and time
      const cancelled = (groupId: string, minute: number) =>
        db.session.create({
          data: {
            groupId,
            date: new Date('2026-11-21'),
            startMinute: minute,
            plannedMinutes: 30,
            startsAt: new Date('2026-11-21T16:00:00Z'),
            status: 'CANCELLED',
            cancellationReason: 'TUTOR_ABSENT',
          },
          select: { id: true },
        });
      w.placement.cancelled = (await cancelled(w.placement.ownGroup, slot)).id;
      w.placement.otherCancelled = (await cancelled(w.placement.otherGroup, slot)).id;
      w.placement.makeupTime = `${String(Math.floor(slot / 60)).padStart(2, '0')}:${String(slot % 60).padStart(2, '0')}`;
    },
  },
  'sessions.log': {
    allowed: ['admin', 'tutor', 'coordinator'],
    input: (w) => ({
      sessionId: w.placement.tutorSession,
      clientId: `matrix-${unique()}`,
      status: 'CANCELLED',
      cancellationReason: 'TESTING',
      note: 'State testing',
      // Asked of a coordinator logging it for the tutor; a tutor's own log keeps none.
      onBehalfReason: 'Tutor out; from the attendance sheet',
    }),
    outOfScope: (w) => ({
      sessionId: w.placement.otherSiteSession,
      clientId: `matrix-${unique()}`,
      status: 'CANCELLED',
      cancellationReason: 'TESTING',
    }),
  },
  'probes.record': {
    allowed: ['tutor', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.tutorGroup,
      clientId: `matrix-${unique()}`,
      kind: 'PROGRESS',
      administeredOn: '2026-11-20',
      scores: [{ studentId: w.placement.tutorStudent, score: '7' }],
    }),
    outOfScope: (w) => ({
      groupId: w.placement.otherGroup,
      clientId: `matrix-${unique()}`,
      kind: 'PROGRESS',
      administeredOn: '2026-11-20',
      scores: [{ studentId: w.placement.otherStudent, score: '7' }],
    }),
  },
  'calendar.feed.set': {
    allowed: ['tutor'],
    input: () => ({ intent: 'create' }),
  },
  'sessions.assignSubstitute': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.ownGroup,
      tutorId: w.placement.ownTutor2,
      fromDate: '2026-12-01',
      toDate: '2026-12-18',
      // The matrix tests who may act; the rules' warnings (subject, grades) are confirmed.
      confirm: 'on',
    }),
    outOfScope: (w) => ({
      groupId: w.placement.otherGroup,
      tutorId: w.placement.ownTutor2,
      fromDate: '2026-12-01',
      toDate: '2026-12-18',
    }),
  },
  'groups.reassignTutor': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ groupId: w.placement.ownGroup2, tutorId: w.placement.ownTutor2, confirm: 'true' }),
    outOfScope: (w) => ({ groupId: w.placement.otherGroup, tutorId: w.placement.ownTutor2, confirm: 'true' }),
    prepare: async (w) => {
      await db.group.update({ where: { id: w.placement.ownGroup2 }, data: { primaryTutorId: w.placement.ownTutor } });
    },
  },
  'placements.add': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.ownGroup,
      studentId: w.placement.student,
      startDate: '2026-11-30',
      goalScore: '8',
      confirm: 'true',
    }),
    outOfScope: (w) => ({
      groupId: w.placement.otherGroup,
      studentId: w.placement.otherStudent,
      startDate: '2026-11-30',
      confirm: 'true',
    }),
    prepare: freshMembership,
  },
  'placements.end': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.ownGroup,
      membershipId: w.placement.membership,
      endDate: '2026-12-01',
      reason: 'Met goal',
    }),
    outOfScope: (w) => ({
      groupId: w.placement.otherGroup,
      membershipId: w.placement.otherMembership,
      endDate: '2026-12-01',
      reason: 'Met goal',
    }),
    prepare: freshMembership,
  },
  'placements.move': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      groupId: w.placement.ownGroup,
      membershipId: w.placement.membership,
      toGroupId: w.placement.ownGroup2,
      startDate: '2026-12-01',
      confirm: 'true',
    }),
    // Moving one of your students into another site's group is refused too.
    outOfScope: (w) => ({
      groupId: w.placement.ownGroup,
      membershipId: w.placement.membership,
      toGroupId: w.placement.otherGroup,
      startDate: '2026-12-01',
      confirm: 'true',
    }),
    prepare: freshMembership,
  },
  'users.create': {
    allowed: ['admin'],
    input: (w) => ({
      name: 'New Coordinator',
      email: `new-${unique()}@test.example`,
      role: 'SITE_COORDINATOR',
      siteIds: [w.ownSite],
    }),
  },
  'users.update': {
    allowed: ['admin'],
    input: (w) => ({ userId: w.leader, name: `Lee Leader ${unique()}`, role: 'DISTRICT_LEADER' }),
  },
  'users.deactivate': {
    allowed: ['admin'],
    input: (w) => ({ userId: w.spareTutor }),
    prepare: setActive(true),
  },
  'users.reactivate': {
    allowed: ['admin'],
    input: (w) => ({ userId: w.spareTutor }),
    prepare: setActive(false),
  },
  'users.resetPassword': {
    allowed: ['admin'],
    input: (w) => ({ userId: w.spareTutor }),
    prepare: setActive(true),
  },
  'site.tutors.add': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({
      siteId: w.ownSite,
      name: 'New Tutor',
      email: `tutor-${unique()}@test.example`,
      ...tutorFields(w),
    }),
    outOfScope: (w) => ({
      siteId: w.otherSite,
      name: 'Sneaky Tutor',
      email: `sneaky-${unique()}@test.example`,
      ...tutorFields(w),
    }),
  },
  'account.notifications': {
    // Everyone signed in chooses their own emails (only their role's kinds change).
    allowed: ['admin', 'leader', 'coordinator', 'tutor'],
    input: () => ({
      shown: ['notifyDigest', 'notifyReminder', 'notifyWeeklyReview'],
      notifyDigest: 'true',
      notifyReminder: 'true',
      notifyWeeklyReview: '',
    }),
  },
  'notify.remindTutor': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ siteId: w.ownSite, tutorId: remind.tutorId }),
    outOfScope: (w) => ({ siteId: w.otherSite, tutorId: remind.tutorId }),
    prepare: prepareReminder,
  },
  'tutors.recordAbsence': {
    allowed: ['admin', 'coordinator'],
    input: (w) => ({ siteId: w.ownSite, tutorId: w.placement.ownTutor, kind: 'ABSENT', startDate: '2027-01-05' }),
    outOfScope: (w) => ({
      siteId: w.otherSite,
      tutorId: w.placement.ownTutor,
      kind: 'ABSENT',
      startDate: '2027-01-05',
    }),
  },
  'tutors.removeAbsence': {
    allowed: ['admin', 'coordinator'],
    prepare: async (w) => {
      const day = new Date('2027-01-06T00:00:00Z');
      w.placement.absence = (
        await db.tutorAbsence.create({
          data: { tutorId: w.placement.ownTutor, kind: 'ABSENT', startDate: day, endDate: day, createdById: w.leader },
        })
      ).id;
    },
    input: (w) => ({ siteId: w.ownSite, absenceId: w.placement.absence }),
    outOfScope: (w) => ({ siteId: w.otherSite, absenceId: w.placement.absence }),
  },
  'measures.create': {
    allowed: ['admin'],
    input: () => ({
      name: `Matrix measure ${unique()}`,
      subject: 'MATH',
      maxScore: '10',
      direction: 'HIGHER_IS_BETTER',
    }),
  },
  'measures.update': {
    allowed: ['admin'],
    input: () => ({
      measureId: matrixMeasures.from,
      name: `Matrix renamed ${unique()}`,
      subject: 'MATH',
      benchmark: '8',
      maxScore: '10',
      direction: 'HIGHER_IS_BETTER',
      active: 'true',
    }),
    prepare: freshMeasures,
  },
  'measures.merge': {
    allowed: ['admin'],
    input: () => ({ measureId: matrixMeasures.from, intoId: matrixMeasures.into }),
    prepare: freshMeasures,
  },
  'settings.update': {
    allowed: ['admin'],
    input: (w) => ({ ...w.settings, districtName: `Demo District ${unique()}` }),
  },
  'imports.apply': {
    allowed: ['admin', 'coordinator'],
    input: () => ({ batchId: importBatches.own }),
    outOfScope: () => ({ batchId: importBatches.other }),
    prepare: stageImportBatches,
  },
  'imports.discard': {
    allowed: ['admin', 'coordinator'],
    input: () => ({ batchId: importBatches.own }),
    outOfScope: () => ({ batchId: importBatches.other }),
    prepare: stageImportBatches,
  },
};

/** Public writes: no session, authorized by what they carry (a one-time link). */
const PUBLIC_ACTIONS = ['setPasswordAction'];

/** A tutor with a session at the coordinator's site that has started and is not logged, and a mail server to send through. */
const remind = { tutorId: '', sink: null as SmtpSink | null };
async function prepareReminder(w: World) {
  remind.sink ??= await startSmtpSink();
  process.env.SMTP_URL = remind.sink.url;
  const group = await db.group.findUniqueOrThrow({
    where: { id: w.placement.tutorGroup },
    select: { id: true, primaryTutorId: true },
  });
  remind.tutorId = group.primaryTutorId;
  const today = await districtToday(db);
  await db.session.upsert({
    where: { groupId_date_startMinute: { groupId: group.id, date: new Date(`${today}T00:00:00Z`), startMinute: 5 } },
    create: {
      groupId: group.id,
      date: new Date(`${today}T00:00:00Z`),
      startMinute: 5,
      plannedMinutes: 30,
      startsAt: new Date(clockNow().getTime() - 3_600_000),
      primaryTutorId: group.primaryTutorId,
    },
    update: {},
  });
}

const pool = pgPoolForTests(2);
let world: World;
const actions = new Map<string, Action>();

function serverActionFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') continue;
    if (statSync(full).isDirectory()) files.push(...serverActionFiles(full));
    else if (/\.tsx?$/.test(name) && /^\s*['"]use server['"]/m.test(readFileSync(full, 'utf8'))) files.push(full);
  }
  return files;
}

async function fingerprint(): Promise<string> {
  const { rows } = await pool.query<{ f: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(row_to_json(u)::text, ',' ORDER BY id) FROM (SELECT id, email, name, role, active, "passwordHash" FROM app_user) u),
      (SELECT string_agg("userId"::text || "siteId"::text, ',' ORDER BY "userId", "siteId") FROM user_site),
      (SELECT string_agg(row_to_json(t)::text, ',' ORDER BY "userId") FROM tutor_profile t),
      (SELECT row_to_json(s)::text FROM (SELECT * FROM district_settings) s),
      (SELECT count(*)::text FROM password_token),
      (SELECT count(*)::text FROM audit_event),
      (SELECT count(*)::text FROM auth_session WHERE "revokedAt" IS NOT NULL),
      (SELECT string_agg(row_to_json(g)::text, ',' ORDER BY id) FROM (SELECT id, name, "primaryTutorId", "startDate", "endDate", status FROM tutoring_group) g),
      (SELECT count(*)::text FROM group_meeting),
      (SELECT string_agg(row_to_json(m)::text, ',' ORDER BY id) FROM (SELECT id, "groupId", "studentId", "startDate", "endDate", "endReason" FROM membership) m),
      (SELECT count(*)::text FROM session),
      (SELECT string_agg(id::text, ',' ORDER BY id) FROM no_school_day),
      (SELECT string_agg(row_to_json(c)::text, ',' ORDER BY id) FROM (SELECT id, name, "startDate", "endDate" FROM cycle) c),
      (SELECT count(*)::text FROM follow_up),
      (SELECT count(*)::text FROM sync_receipt),
      (SELECT count(*)::text || '/' || count("revokedAt")::text FROM calendar_feed),
      (SELECT count(*)::text FROM probe),
      (SELECT md5(string_agg(id::text || status::text || COALESCE(note, ''), ',' ORDER BY id)) FROM session WHERE status <> 'SCHEDULED'),
      (SELECT md5(string_agg("sessionId"::text || "studentId"::text || status::text, ',' ORDER BY "sessionId", "studentId")) FROM attendance),
      (SELECT string_agg(id::text || COALESCE("substituteTutorId"::text, '-'), ',' ORDER BY id) FROM session WHERE "substituteTutorId" IS NOT NULL OR date >= '2026-12-01'),
      (SELECT string_agg(id::text || status::text, ',' ORDER BY id) FROM import_batch),
      (SELECT count(*)::text FROM screener_result),
      (SELECT string_agg(row_to_json(pm)::text, ',' ORDER BY id) FROM (SELECT id, name, subject, "maxScore", benchmark, direction, active FROM probe_measure) pm),
      (SELECT md5(string_agg(row_to_json(st)::text, ',' ORDER BY id)) FROM (SELECT id, "sisId", "sourceId", "siteId", status, "updatedAt" FROM student) st))) AS f`);
  return rows[0]!.f;
}

async function as(who: Who): Promise<void> {
  if (who === 'signedOut') signOut();
  else await signInAs(EMAIL[who]);
}

/** A form as a browser would post it: every value a string (objects as JSON, as no form can send them). */
function toFormData(input: Record<string, unknown>): FormData {
  const form = new FormData();
  const text = (value: unknown) =>
    typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value as string | number | boolean);
  for (const [key, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined && item !== null) form.append(key, text(item));
  }
  return form;
}

beforeAll(async () => {
  await truncateAll(pool);
  const seeded = await run('npx', ['tsx', 'prisma/seed/index.ts', '--today', SEED_TODAY], { ...process.env });
  expect(seeded.status, seeded.stderr).toBe(0);

  for (const file of serverActionFiles('lib').concat(serverActionFiles('app'))) {
    const exported = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      const name = (value as { actionName?: string }).actionName ?? exportName;
      actions.set(name, value as Action);
    }
  }

  const coordinator = await db.user.findUniqueOrThrow({
    where: { email: EMAIL.coordinator },
    select: { sites: { select: { siteId: true } } },
  });
  const ownSite = coordinator.sites[0]!.siteId;
  const otherSite = (await db.site.findFirstOrThrow({ where: { id: { not: ownSite } }, select: { id: true } })).id;
  const provider = (await db.provider.findFirstOrThrow({ select: { id: true } })).id;
  const spareTutor = (
    await db.user.findFirstOrThrow({
      where: { role: 'TUTOR', email: { not: EMAIL.tutor }, primaryGroups: { none: {} } },
      select: { id: true },
    })
  ).id;
  const leader = (await db.user.findUniqueOrThrow({ where: { email: EMAIL.leader }, select: { id: true } })).id;
  const {
    id: _id,
    updatedAt: _u,
    updatedById: _b,
    ...settings
  } = await db.districtSettings.findUniqueOrThrow({ where: { id: 1 } });
  world = {
    ownSite,
    otherSite,
    provider,
    spareTutor,
    leader,
    settings,
    placement: await placementWorld(ownSite, otherSite),
  };
}, 300_000);

async function placementWorld(ownSite: string, otherSite: string): Promise<PlacementWorld> {
  const cycle = await db.cycle.findFirstOrThrow({ select: { id: true } });
  const tutorAt = async (siteId: string, skip = 0) =>
    (
      await db.user.findFirstOrThrow({
        where: { role: 'TUTOR', sites: { some: { siteId } } },
        orderBy: { email: 'asc' },
        skip,
        select: { id: true },
      })
    ).id;
  const ownTutor = await tutorAt(ownSite);
  const ownTutor2 = await tutorAt(ownSite, 1);
  // Saturday mornings: no demo group meets then, so no time clash gets in the way.
  await testMeasure(db, 'Fractions /10'); // groupFields' measure
  const group = async (siteId: string, tutorId: string, name: string, hour: number) =>
    db.group.create({
      data: {
        siteId,
        cycleId: cycle.id,
        name,
        subject: 'MATH',
        gradeMin: -1,
        gradeMax: 12,
        targetSkill: 'Place value',
        probeMeasure: await testMeasure(db, 'Place value /10'),
        primaryTutorId: tutorId,
        modality: 'AFTER_SCHOOL',
        startDate: new Date('2026-11-02'),
        endDate: new Date('2026-12-18'),
        meetings: { create: [{ weekday: 6, startMinute: hour * 60, plannedMinutes: 30 }] },
      },
      select: { id: true },
    });
  const ownGroup = (await group(ownSite, ownTutor, 'Matrix group A', 8)).id;
  // Two Saturdays still to come, for the substitute to cover.
  await db.session.createMany({
    data: ['2026-12-05', '2026-12-12'].map((date) => ({
      groupId: ownGroup,
      date: new Date(date),
      startMinute: 480,
      plannedMinutes: 30,
      startsAt: new Date(`${date}T14:00:00Z`),
    })),
  });
  const ownGroup2 = (await group(ownSite, ownTutor, 'Matrix group B', 9)).id;
  const otherGroup = (await group(otherSite, await tutorAt(otherSite), 'Matrix group C', 8)).id;
  const unplacedIn = async (siteId: string, skip: string[]) =>
    (
      await db.student.findFirstOrThrow({
        where: {
          siteId,
          status: 'ACTIVE',
          id: { notIn: skip },
          memberships: {
            none: { group: { subject: 'MATH' }, OR: [{ endDate: null }, { endDate: { gte: new Date('2026-11-02') } }] },
          },
        },
        orderBy: { sisId: 'asc' },
        select: { id: true },
      })
    ).id;
  const student = await unplacedIn(ownSite, []);
  const student2 = await unplacedIn(ownSite, [student]);
  const otherStudent = await unplacedIn(otherSite, []);
  const demoTutor = await db.user.findUniqueOrThrow({ where: { email: EMAIL.tutor }, select: { id: true } });
  const pastSession = (where: object) =>
    db.session.findFirstOrThrow({
      where: { date: { lt: new Date('2026-11-21') }, substituteTutorId: null, ...where },
      orderBy: { date: 'desc' },
      select: { id: true },
    });
  const tutorSession = (await pastSession({ group: { primaryTutorId: demoTutor.id, siteId: ownSite } })).id;
  const member = await db.membership.findFirstOrThrow({
    where: {
      group: { primaryTutorId: demoTutor.id, siteId: ownSite },
      startDate: { lte: new Date('2026-11-20') },
      OR: [{ endDate: null }, { endDate: { gte: new Date('2026-11-20') } }],
    },
    select: { groupId: true, studentId: true },
  });
  const otherSiteSession = (await pastSession({ group: { siteId: otherSite } })).id;
  return {
    tutorSession,
    otherSiteSession,
    tutorGroup: member.groupId,
    tutorStudent: member.studentId,
    cycleId: cycle.id,
    ownTutor,
    ownTutor2,
    ownGroup,
    ownGroup2,
    otherGroup,
    student,
    student2,
    otherStudent,
    membership: '',
    otherMembership: '',
    dayOff: '',
    cancelled: '',
    otherCancelled: '',
    makeupTime: '',
    absence: '',
  };
}

afterAll(async () => {
  signOut();
  await remind.sink?.close();
  delete process.env.SMTP_URL;
  await pool.end();
});

describe('server actions: the access matrix', () => {
  it('lists every server action, and every action is registered through the one wrapper', () => {
    const defined = [...registeredActions.keys()].sort();
    expect(
      defined.filter((name) => !(name in MATRIX)),
      'add these actions to tests/integration/action-matrix.test.ts',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((name) => !defined.includes(name)),
      'stale entries',
    ).toEqual([]);
    const exported = [...actions.keys()].filter((name) => !registeredActions.has(name));
    expect(exported.sort(), 'a server action that bypasses defineAction must be listed as public').toEqual(
      [...PUBLIC_ACTIONS].sort(),
    );
  });

  for (const [name, entry] of Object.entries(MATRIX)) {
    for (const who of ['signedOut', 'leader', 'tutor', 'coordinator', 'admin'] as const) {
      const allowed = entry.allowed.includes(who);
      it(`${name}: ${who} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        await entry.prepare?.(world);
        await as(who);
        const before = await fingerprint();
        const audits = await db.auditEvent.count();
        const result = await actions.get(name)!(null, entry.input(world));
        if (allowed) {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
          // Every write records who changed which record, from what to what.
          expect(await db.auditEvent.count()).toBeGreaterThan(audits);
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok)
            expect(result.message).toMatch(
              /session has ended|role does not allow|not one of yours|do not have access/i,
            );
          expect(await fingerprint()).toBe(before);
        }
      });
    }

    if (entry.outOfScope) {
      it(`${name}: a coordinator naming another site is refused and nothing changes`, async () => {
        await as('coordinator');
        const before = await fingerprint();
        const result = await actions.get(name)!(null, entry.outOfScope!(world));
        expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not one of yours/) });
        expect(await fingerprint()).toBe(before);
      });
    }

    describe(`${name}: bad input gives a clear error and changes nothing`, () => {
      const caller = entry.allowed[entry.allowed.length - 1] as Who;
      const cases: [string, (w: World) => unknown][] = [
        ['an empty form', () => new FormData()],
        ['no input at all', () => undefined],
        [
          'a value of the wrong type',
          (w) => Object.fromEntries(Object.keys(entry.input(w)).map((key) => [key, { nested: true }])),
        ],
        [
          'an oversized field',
          (w) => toFormData({ ...entry.input(w), name: 'x'.repeat(200_000), districtName: 'x'.repeat(200_000) }),
        ],
        [
          'a file upload',
          (w) => {
            const form = toFormData(entry.input(w));
            form.append('name', new Blob(['%PDF']), 'evil.pdf');
            return form;
          },
        ],
      ];
      // Only actions that take ids get the id cases (the input's keys are known without a database).
      const placeholder: World = {
        ownSite: '',
        otherSite: '',
        provider: '',
        spareTutor: '',
        leader: '',
        settings: {},
        placement: {
          cycleId: '',
          ownTutor: '',
          ownTutor2: '',
          ownGroup: '',
          ownGroup2: '',
          otherGroup: '',
          student: '',
          student2: '',
          otherStudent: '',
          membership: '',
          otherMembership: '',
          dayOff: '',
          cancelled: '',
          otherCancelled: '',
          makeupTime: '',
          absence: '',
          tutorSession: '',
          otherSiteSession: '',
          tutorGroup: '',
          tutorStudent: '',
        },
      };
      if (Object.keys(entry.input(placeholder)).some((key) => /Ids?$/.test(key)))
        cases.push(
          [
            'unknown ids',
            (w) => {
              const input = entry.input(w);
              return Object.fromEntries(
                Object.entries(input).map(([key, value]) => [
                  key,
                  /Id$/.test(key) ? randomUUID() : /Ids$/.test(key) ? [randomUUID()] : value,
                ]),
              );
            },
          ],
          [
            'malformed ids',
            (w) => {
              const input = entry.input(w);
              return Object.fromEntries(
                Object.entries(input).map(([key, value]) => [key, /Ids?$/.test(key) ? "1' OR '1'='1" : value]),
              );
            },
          ],
        );
      for (const [label, makeInput] of cases) {
        it(label, async () => {
          const input = makeInput(world);
          await entry.prepare?.(world);
          await as(caller);
          const before = await fingerprint();
          const result = await actions.get(name)!(null, input);
          expect(result.ok, JSON.stringify(result)).toBe(false);
          if (!result.ok) {
            expect(result.message.length).toBeGreaterThan(10);
            expect(result.message).not.toMatch(/prisma|postgres|undefined|\[object|stack/i);
          }
          expect(await fingerprint()).toBe(before);
        });
      }
    });
  }
});

// ---------------------------------------------------------------- fuzzing

/** Calls per action: enough to reach every field a few times, cheap enough for every CI run (FUZZ_RUNS=200 for a long hunt). */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const GENERIC_FAILURE = /Something went wrong on our side/;

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The object schema an action's input is, seen through optional, default and pipe wrappers; null if none. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape ?? null;
  if (def.innerType) return objectShape(def.innerType);
  if (def.type === 'pipe') return objectShape(defOf(def.in!).type === 'transform' ? def.out! : def.in!);
  return null;
}

/**
 * Values a field's schema should refuse, or that sit at its edges: the wrong type,
 * huge strings, out-of-range numbers and impossible dates, unknown enum values,
 * other scopes' ids (`ids`), and now and then a value the schema accepts.
 */
function hostile(schema: z.ZodType, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const wrongType = fc.constantFrom<unknown>(null, { nested: true }, [1, 2], 42, true, '', '[object Object]');
  if (depth > 3) return wrongType;
  const inner = (s: z.ZodType) => hostile(s, ids, depth + 1);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType ? inner(def.innerType) : wrongType;
    case 'pipe':
      return inner(defOf(def.in!).type === 'transform' ? def.out! : def.in!);
    case 'string':
      return fc.oneof(
        wrongType,
        fc.string({ maxLength: 120, unit: 'grapheme' }),
        fc.constant('x'.repeat(100_001)),
        fc.constantFrom(
          '\u0000',
          ' ',
          '9999-12-31',
          '0000-01-01',
          '2026-02-30',
          '2026-13-01',
          '25:61',
          "'; DROP TABLE student; --",
        ),
        fc.constantFrom(...ids),
        fc.uuid(),
      );
    case 'number':
    case 'int':
    case 'bigint':
      return fc.oneof(
        wrongType,
        fc.constantFrom<unknown>(
          -1,
          0,
          1e9,
          -1e9,
          1e308,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          '1e400',
          '12abc',
          '-0',
          '0x1F',
        ),
        fc.double(),
        fc.integer(),
      );
    case 'boolean':
      return fc.oneof(wrongType, fc.constantFrom<unknown>('maybe', 'on', 'off', 'yes', 2, true, false));
    case 'enum':
    case 'literal': {
      const known = def.entries ? Object.values(def.entries) : (def.values ?? []);
      return fc.oneof(
        wrongType,
        fc.constantFrom<unknown>('NOT_A_VALUE', 'DISTRICT_ADMIN', ...known),
        fc.string({ maxLength: 20 }),
      );
    }
    case 'date':
      return fc.oneof(wrongType, fc.date(), fc.constantFrom<unknown>('9999-12-31', 'yesterday', 0));
    case 'array':
      return fc.oneof(
        wrongType,
        fc.array(inner(def.element!), { maxLength: 5 }),
        fc.constant(Array.from({ length: 5_000 }, (_, i) => `x${i}`)),
      );
    case 'object':
      return fc.oneof(
        wrongType,
        fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, value]) => [key, inner(value)]))),
      );
    case 'union':
    case 'discriminatedUnion':
      return def.options?.length ? fc.oneof(...def.options.map(inner)) : wrongType;
    default:
      return fc.oneof(wrongType, fc.string({ maxLength: 40 }), fc.integer());
  }
}

describe('server actions: fuzzed from their schemas', () => {
  const otherScopeIds = (w: World) =>
    [
      w.otherSite,
      w.placement.otherGroup,
      w.placement.otherStudent,
      w.placement.otherSiteSession,
      w.placement.otherMembership,
    ].filter((id) => id !== '');

  it('a NUL character (found by this fuzzing: PostgreSQL cannot store it) is that field’s error, not a failure', async () => {
    await as('admin');
    const before = await fingerprint();
    const input = { ...MATRIX['calendar.cycles.create']!.input(world), name: 'Spring\u0000' };
    for (const sent of [input, toFormData(input)])
      expect(await actions.get('calendar.cycles.create')!(null, sent)).toMatchObject({
        ok: false,
        fieldErrors: { name: [expect.stringMatching(/NUL/)] },
      });
    expect(await fingerprint()).toBe(before);
  });

  for (const [name, entry] of Object.entries(MATRIX)) {
    // As the narrowest role allowed: a coordinator, where one may, so other sites' ids are out of scope.
    const caller = entry.allowed.includes('coordinator')
      ? 'coordinator'
      : (entry.allowed[entry.allowed.length - 1] as Who);
    it(`${name}: no input makes it fail on our side, and a refused call changes nothing`, async () => {
      const schema = registeredSchemas.get(name)!;
      const shape = objectShape(schema);
      const ids = [...otherScopeIds(world), randomUUID()];
      const valid = entry.input(world);
      const fields = Object.keys(shape ?? valid);
      const inputs = shape
        ? fc
            .tuple(
              fc.record(
                Object.fromEntries(fields.map((key) => [key, fc.tuple(fc.boolean(), hostile(shape[key]!, ids))])),
              ),
              fc.boolean(),
            )
            .map(([mutations, asForm]) => {
              const input: Record<string, unknown> = { ...valid };
              const chosen = Object.entries(mutations).filter(([, [mutate]]) => mutate);
              for (const [key, [, value]] of chosen.length ? chosen : Object.entries(mutations).slice(0, 1))
                input[key] = value;
              return asForm ? toFormData(input) : input;
            })
        : hostile(schema, ids);
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          await entry.prepare?.(world);
          await as(caller);
          const before = await fingerprint();
          const result = await actions.get(name)!(null, input);
          expect(result, JSON.stringify(result)).toHaveProperty('ok');
          if (!result.ok) {
            expect(result.message).not.toMatch(GENERIC_FAILURE);
            expect(await fingerprint(), 'a refused call changed the database').toBe(before);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    }, 120_000);
  }
});

/** A plain string schema: hostile() on it gives the string cases (and the wrong types). */
const z4String = z.string();

describe('route handlers: fuzzed', () => {
  const ROUTE_RUNS = Number(process.env.FUZZ_RUNS ?? 6) * 4;
  const PARAMS = ['view', 'siteId', 'groupId', 'studentId', 'table', 'from', 'to', 'week', 'site', 'subject', 'origin'];
  const plausible = (w: World) => [
    'district',
    'site',
    'group',
    'student',
    'costs',
    'summary',
    'weekly',
    'flags',
    'by-site',
    'raceEthnicity',
    'gender',
    'MATH',
    '2026-11-02',
    '2026-11-23',
    w.ownSite,
    w.otherSite,
    w.placement.ownGroup,
    w.placement.otherGroup,
    w.placement.student,
    w.placement.otherStudent,
  ];
  /** A valid query for the route (one of `templates`) with up to three of its parameters changed or added. */
  const queryArb = (w: World, templates: Record<string, string>[]) =>
    fc
      .tuple(
        fc.constantFrom(...templates),
        fc.dictionary(
          fc.constantFrom(...PARAMS),
          fc.oneof(
            fc.constantFrom(...plausible(w)),
            hostile(z4String, [w.otherSite, randomUUID()]) as fc.Arbitrary<unknown>,
          ),
          { maxKeys: 3 },
        ),
      )
      .map(([template, changes]) => ({ ...template, ...changes }));
  const whoArb = fc.constantFrom<Who>('signedOut', 'admin', 'leader', 'coordinator', 'tutor');
  const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

  const getRoutes: [string, (request: Request) => Promise<Response>, (w: World) => Record<string, string>[]][] = [
    [
      '/api/dashboard/csv',
      (r) => dashboardCsv(r),
      (w): Record<string, string>[] => [
        { view: 'district', table: 'summary' },
        { view: 'site', siteId: w.ownSite, table: 'weekly', from: '2026-09-07', to: '2026-11-20' },
        { view: 'group', siteId: w.ownSite, groupId: w.placement.ownGroup, table: 'summary' },
        { view: 'student', siteId: w.ownSite, studentId: w.placement.student, table: 'ledger' },
      ],
    ],
    [
      '/api/equity/csv',
      (r) => equityCsv(r),
      (w): Record<string, string>[] => [
        { table: 'raceEthnicity' },
        { table: 'site', from: '2026-09-07', to: '2026-11-20', site: w.ownSite },
      ],
    ],
    [
      '/api/review/csv',
      (r) => reviewCsv(r),
      (w): Record<string, string>[] => [
        { view: 'district', table: 'flags' },
        { view: 'site', siteId: w.ownSite, table: 'tutors', week: '2026-11-16' },
        { view: 'costs', table: 'by-site', from: '2026-09-07', to: '2026-11-20' },
      ],
    ],
    [
      '/api/exports/students',
      (r) => studentExport(r),
      (w): Record<string, string>[] => [
        { from: '2026-09-07', to: '2026-11-20' },
        { from: '2026-09-07', to: '2026-11-20', site: w.ownSite, subject: 'MATH', origin: 'site' },
      ],
    ],
    ['/api/imports/template', () => importTemplate(new Request('http://localhost/api/imports/template')), () => [{}]],
  ];
  for (const [path, route, templates] of getRoutes) {
    it(`GET ${path}: any query, by anyone, answers without a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(queryArb(world, templates(world)), whoArb, async (query, who) => {
          await as(who);
          const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, text(v)]));
          const response = await route(new Request(`http://localhost${path}?${search}`));
          expect(response.status, `${who} ${path}?${search}`).toBeLessThan(500);
        }),
        { numRuns: ROUTE_RUNS },
      );
    }, 180_000);
  }

  it('GET /api/imports/:batchId and /api/calendar/:token: any id answers without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostile(z4String, [randomUUID(), world.ownSite]), whoArb, async (id, who) => {
        await as(who);
        const params = { params: Promise.resolve({ batchId: text(id), token: text(id) }) };
        for (const response of [
          await importProgress(new Request('http://localhost/api/imports/x'), params),
          await calendarFeed(new Request('http://localhost/api/calendar/x'), params),
        ])
          expect(response.status).toBeLessThan(500);
      }),
      { numRuns: ROUTE_RUNS },
    );
  }, 180_000);

  it('POST /api/sync: any entry, by anyone, answers without a 5xx, and a refused one changes nothing', async () => {
    const payloads = fc.oneof(
      hostile(registeredSchemas.get(logSessionAction.actionName)!, [world.placement.otherSiteSession, randomUUID()]),
      hostile(registeredSchemas.get(recordProbesAction.actionName)!, [world.placement.otherGroup, randomUUID()]),
    );
    const bodies = fc.oneof(
      fc.record({ kind: fc.constantFrom('session-log', 'probes', 'other', ''), payload: payloads }),
      fc.constantFrom('{', 'null', '[]', '"text"', '{"kind":"session-log"}'),
    );
    await fc.assert(
      fc.asyncProperty(bodies, whoArb, async (body, who) => {
        await as(who);
        const before = await fingerprint();
        const response = await syncRoute(
          new Request('http://localhost/api/sync', {
            method: 'POST',
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'Content-Type': 'application/json' },
          }),
        );
        expect(response.status).toBeLessThan(500);
        const answer = (await response.json()) as { ok?: boolean; message?: string };
        expect(answer.message ?? '').not.toMatch(GENERIC_FAILURE);
        if (answer.ok !== true) expect(await fingerprint(), 'a refused entry changed the database').toBe(before);
      }),
      { numRuns: ROUTE_RUNS },
    );
  }, 180_000);
});
