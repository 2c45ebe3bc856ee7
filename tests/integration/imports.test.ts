// Roster and supports imports against the real database, through the upload route
// and the apply action as the page uses them: preview counts, idempotent
// re-imports, withdrawals that keep history, scope, errors that write nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as progressRoute } from '../../app/api/imports/[batchId]/route';
import { POST as uploadRoute } from '../../app/api/imports/route';
import { classSchedules } from '../../lib/classes/queries';
import { db } from '../../lib/db';
import { toCsv } from '../../lib/roster/csv';
import { applyImportAction, discardImportAction } from '../../lib/imports/actions';
import { stagingSnapshot } from '../../lib/imports/snapshot';
import { STALE_AFTER_SECONDS } from '../../lib/imports/queue';
import { MAX_HELD_UPLOADS, queueImport, reserveUploadPlace } from '../../lib/imports/stage';
import { openStagingThread, type StagingSteps } from '../../lib/imports/staging-thread';
import type { ImportProgress, RosterSummary, SupportsSummary } from '../../lib/imports/types';
import { addDays, dateOf, today } from '../setup/dates';
import { testMeasure } from '../setup/fixtures';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { generateRoster, studentSourcedId } from '../setup/roster-files';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(2);
afterAll(async () => {
  signOut();
  await pool.end();
});

const FIXTURES = path.resolve('tests/fixtures/oneroster');
function fixture(dir: string): Record<string, string> {
  const folder = path.join(FIXTURES, dir);
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f, readFileSync(path.join(folder, f), 'utf8')]),
  );
}

const SCHOOL_A = { sourcedId: 'org-a', identifier: 'A100', name: 'Adams Elementary' };
const SCHOOL_B = { sourcedId: 'org-b', identifier: 'B200', name: 'Baker Elementary' };

interface Staged {
  /** The upload's answer: 202 once the batch is queued, else the refusal's status. */
  status: number;
  batchId: string;
  message?: string;
  /** Where the batch ended: PREVIEW, or FAILED with the sentence in `failure`. */
  batchStatus?: string;
  failure?: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, as the page polls, until the batch has left the staging queue. */
async function settled(batchId: string, timeoutMs = 280_000) {
  for (const end = Date.now() + timeoutMs; ; await sleep(100)) {
    const row = await db.importBatch.findUniqueOrThrow({
      where: { id: batchId },
      select: { status: true, failure: true },
    });
    if (row.status !== 'QUEUED' && row.status !== 'STAGING') return row;
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${row.status}`);
  }
}

function uploadRequest(
  kind: 'oneroster' | 'supports',
  files: Record<string, string | Uint8Array<ArrayBuffer>>,
  siteId?: string,
): Request {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) form.append('files', new File([text], name, { type: 'text/csv' }));
  const query = new URLSearchParams({ kind, ...(siteId ? { siteId } : {}) });
  return new Request(`http://localhost/api/imports?${query}`, { method: 'POST', body: form });
}

/** Uploads as the page does, then waits for the batch to be staged or refused. */
async function upload(
  kind: 'oneroster' | 'supports',
  files: Record<string, string | Uint8Array<ArrayBuffer>>,
  siteId?: string,
): Promise<Staged> {
  const response = await uploadRoute(uploadRequest(kind, files, siteId));
  const body = (await response.json()) as { batchId: string; message?: string };
  if (response.status !== 202) return { status: response.status, ...body };
  const row = await settled(body.batchId);
  return { status: response.status, batchId: body.batchId, batchStatus: row.status, failure: row.failure };
}

async function progressOf(batchId: string): Promise<ImportProgress> {
  return (await (
    await progressRoute(new Request(`http://localhost/api/imports/${batchId}`), {
      params: Promise.resolve({ batchId }),
    })
  ).json()) as ImportProgress;
}

async function batch(batchId: string) {
  const row = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  return {
    ...row,
    summary: row.summary as unknown as Omit<RosterSummary, 'kind'> & Omit<SupportsSummary, 'kind'>,
    problems: row.problems as { file: string; line: number | null; severity: string; reason: string }[],
  };
}

const apply = (batchId: string) => applyImportAction(null, { batchId });
const studentState = () =>
  pool
    .query<{ id: string; u: string }>(`SELECT id, "updatedAt"::text AS u FROM student ORDER BY id`)
    .then((r) => r.rows);

let siteA: string;
beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({ data: { email: 'admin@test.example', name: 'Ada Admin', role: 'DISTRICT_ADMIN' } });
  siteA = (
    await db.site.create({
      data: { code: 'A100', name: 'Adams (old name)', gradeMin: 0, gradeMax: 5 },
      select: { id: true },
    })
  ).id;
  await db.user.create({
    data: {
      email: 'coord@test.example',
      name: 'Cora',
      role: 'SITE_COORDINATOR',
      sites: { create: [{ siteId: siteA }] },
    },
  });
  await signInAs('admin@test.example');
});

describe('OneRoster sample exports', () => {
  it('previews, applies and re-imports the lepo set (en, then ja)', async () => {
    const en = await upload('oneroster', fixture('lepo-roster-hub-v1p1/en'));
    expect(en).toMatchObject({ status: 202, batchStatus: 'PREVIEW' });
    const preview = await batch(en.batchId);
    expect(preview.summary).toMatchObject({
      version: '1.1',
      mode: 'bulk',
      teachers: 2,
      schools: { new: 1 },
      students: { new: 18, updated: 0, withdrawn: 0, unchanged: 0 },
    });
    expect(preview.errorCount).toBe(0);
    expect(preview.problems).toContainEqual(
      expect.objectContaining({
        file: 'users.csv',
        line: 4,
        severity: 'warning',
        reason: expect.stringMatching(/No PK-12 grade/),
      }),
    );
    expect(await db.student.count()).toBe(0); // a preview writes nothing

    const applied = await apply(en.batchId);
    expect(applied, JSON.stringify(applied)).toMatchObject({ ok: true });
    const site = await db.site.findUniqueOrThrow({
      where: { sourceId: 'or0001' },
      select: { id: true, name: true, gradeMin: true, gradeMax: true },
    });
    expect(site).toMatchObject({ name: 'Sample School', gradeMin: 0, gradeMax: 12 });
    expect(await db.student.count({ where: { siteId: site.id, status: 'ACTIVE' } })).toBe(18);
    expect(await db.student.findUniqueOrThrow({ where: { sourceId: 'us0003' } })).toMatchObject({
      sisId: 'user03',
      firstName: 'GN 03',
      lastName: 'FN 03',
      grade: 0,
    });
    const audits = await db.auditEvent.findMany({ where: { action: 'imports.apply' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ written: { studentsCreated: 18, sitesCreated: 1, staffListed: 2 } });
    // The two teachers are tutor candidates at the school's site, matched to accounts by email; nobody got a sign-in.
    expect(await db.user.count()).toBe(2); // the admin and the coordinator of beforeEach
    expect(
      await db.staffCandidate.findMany({
        orderBy: { sourceId: 'asc' },
        select: { sourceId: true, email: true, siteId: true },
      }),
    ).toEqual([
      { sourceId: 'us0001', email: 'user01@sample-u.ac.jp', siteId: site.id },
      { sourceId: 'us0002', email: 'user02@sample-u.ac.jp', siteId: site.id },
    ]);
    const { staffCandidates } = await import('../../lib/users/queries');
    const tutor = await db.user.create({
      data: { email: 'user02@sample-u.ac.jp', name: 'GN 02 FN 02', role: 'TUTOR' },
    });
    expect((await staffCandidates()).rows.map((c) => [c.name, c.userId])).toEqual([
      ['GN 01 FN 01', null],
      ['GN 02 FN 02', tutor.id],
    ]);

    const before = await studentState();
    const again = await upload('oneroster', fixture('lepo-roster-hub-v1p1/en'));
    expect((await batch(again.batchId)).summary).toMatchObject({
      schools: { new: 0, updated: 0, unchanged: 1 },
      students: { new: 0, updated: 0, withdrawn: 0, unchanged: 18 },
    });
    expect(await apply(again.batchId)).toMatchObject({
      ok: true,
      data: { result: { studentsCreated: 0, studentsUpdated: 0, studentsWithdrawn: 0, staffListed: 0 } },
    });
    expect(await studentState()).toEqual(before);

    const ja = await upload('oneroster', fixture('lepo-roster-hub-v1p1/ja'));
    expect((await batch(ja.batchId)).summary).toMatchObject({
      schools: { updated: 1 },
      students: { new: 0, updated: 18 },
    });
    expect(await apply(ja.batchId)).toMatchObject({ ok: true });
    expect(await db.site.findUniqueOrThrow({ where: { id: site.id }, select: { name: true } })).toEqual({
      name: '動作検証大学',
    });
    expect(await db.student.findUniqueOrThrow({ where: { sourceId: 'us0020' }, select: { firstName: true } })).toEqual({
      firstName: expect.stringMatching(/名/),
    });
  });

  it('applies the catalyst 1.2 delta with its demographics', async () => {
    const staged = await upload('oneroster', fixture('catalyst-moodle-v1p2/datagen_delta'));
    expect((await batch(staged.batchId)).summary).toMatchObject({
      version: '1.2',
      mode: 'delta',
      students: { new: 1 },
    });
    expect(await apply(staged.batchId)).toMatchObject({ ok: true });
    expect(await db.student.findUniqueOrThrow({ where: { sourceId: 'USER_0' } })).toMatchObject({
      sisId: 'bruce.wayne',
      firstName: 'Bruce',
      status: 'ACTIVE',
    });
  });

  it('refuses to apply twice, and refuses a discarded batch', async () => {
    const staged = await upload('oneroster', fixture('lepo-roster-hub-v1p1/en'));
    expect(await apply(staged.batchId)).toMatchObject({ ok: true });
    expect(await apply(staged.batchId)).toEqual({ ok: false, message: 'This import was already applied.' });
    const progress = (await (
      await progressRoute(new Request('http://localhost'), { params: Promise.resolve({ batchId: staged.batchId }) })
    ).json()) as ImportProgress;
    expect(progress).toMatchObject({ status: 'APPLIED', phase: 'Done', done: 19, total: 19 });
    const other = await upload('oneroster', fixture('lepo-roster-hub-v1p1/ja'));
    expect(await discardImportAction(null, { batchId: other.batchId })).toMatchObject({ ok: true });
    expect(await apply(other.batchId)).toMatchObject({ ok: false, message: expect.stringMatching(/discarded/) });
    expect((await batch(other.batchId)).payload).toBeNull();
  });
});

describe('withdrawals', () => {
  it('withdraws a student missing from a later bulk file: their placement ends today, history kept', async () => {
    expect(
      await apply((await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 5 }))).batchId),
    ).toMatchObject({ ok: true });
    const leaver = await db.student.findUniqueOrThrow({
      where: { sourceId: studentSourcedId(3) },
      select: { id: true, siteId: true },
    });
    expect(leaver.siteId).toBe(siteA); // matched the existing site by its code
    const tutor = await db.user.create({ data: { email: 't@test.example', name: 'Tess', role: 'TUTOR' } });
    // A placement begun and attended weeks before the app's today, the day the leaver is withdrawn on.
    const [TODAY, began] = [today(), addDays(today(), -60)];
    const cycle = await db.cycle.create({
      data: { name: 'Fall', startDate: dateOf(addDays(began, -7)), endDate: dateOf(addDays(TODAY, 60)) },
    });
    const group = await db.group.create({
      data: {
        name: 'G',
        siteId: siteA,
        cycleId: cycle.id,
        subject: 'MATH',
        gradeMin: 0,
        gradeMax: 5,
        targetSkill: 'x',
        probeMeasure: await testMeasure(db, 'y'),
        primaryTutorId: tutor.id,
        modality: 'PUSH_IN',
        startDate: dateOf(began),
        endDate: dateOf(addDays(TODAY, 60)),
      },
    });
    await db.membership.create({ data: { groupId: group.id, studentId: leaver.id, startDate: dateOf(began) } });
    const session = await db.session.create({
      data: {
        groupId: group.id,
        date: dateOf(began),
        startMinute: 600,
        plannedMinutes: 30,
        startsAt: new Date(`${began}T15:00:00Z`),
      },
    });
    await db.attendance.create({ data: { sessionId: session.id, studentId: leaver.id, status: 'PRESENT' } });

    const later = await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 5, omit: new Set([3]) }));
    const preview = (await batch(later.batchId)).summary;
    expect(preview.students).toMatchObject({ new: 0, updated: 0, withdrawn: 1, unchanged: 4 });
    // One of five is a fifth of the site: more than a full file may withdraw unasked.
    expect(preview).toMatchObject({
      placementsEnding: 1,
      largeWithdrawals: [{ site: 'Adams Elementary', withdrawn: 1, active: 5 }],
    });
    const before = await studentState();
    expect(await apply(later.batchId)).toMatchObject({
      ok: false,
      fieldErrors: {
        confirmWithdrawals: [
          "This full file would withdraw 1 of Adams Elementary's 5 active students (20%), and end 1 placement. Confirm the withdrawals to apply it, or upload a complete export.",
        ],
      },
    });
    expect(await studentState()).toEqual(before);
    expect(await applyImportAction(null, { batchId: later.batchId, confirmWithdrawals: true })).toMatchObject({
      ok: true,
      data: {
        result: { studentsWithdrawn: 1, placementsEnded: 1 },
        message: 'Applied: 0 students added, 0 updated, 1 withdrawn (1 placement ended).',
      },
    });
    const after = await db.student.findUniqueOrThrow({
      where: { id: leaver.id },
      select: { status: true, withdrawnOn: true, _count: { select: { memberships: true, attendance: true } } },
    });
    expect(after).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnOn: dateOf(TODAY),
      _count: { memberships: 1, attendance: 1 },
    });
    // The placement ended today, as a coordinator ending it for "Withdrew from school" would, and it is audited.
    const placement = await db.membership.findFirstOrThrow({ where: { studentId: leaver.id } });
    expect(placement).toMatchObject({ endDate: dateOf(TODAY), endReason: 'Withdrew from school' });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { entityType: 'membership', entityId: placement.id } }),
    ).toMatchObject({ action: 'imports.apply', after: { endDate: TODAY, endReason: 'Withdrew from school' } });
    expect(await db.student.count({ where: { status: 'ACTIVE' } })).toBe(4);

    // Back in the next full file: active again.
    const back = await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 5 }));
    expect((await batch(back.batchId)).summary.students).toMatchObject({ updated: 1, unchanged: 4 });
    await apply(back.batchId);
    expect(
      await db.student.findUniqueOrThrow({ where: { id: leaver.id }, select: { status: true, withdrawnOn: true } }),
    ).toEqual({ status: 'ACTIVE', withdrawnOn: null });
  });

  it('withdraws a delta tobedeleted record and leaves students the delta does not name', async () => {
    await apply((await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 4 }))).batchId);
    const delta = generateRoster({ schools: [SCHOOL_A], students: 2, deleted: new Set([2]) }); // names 1 and 2 only
    const staged = await upload('oneroster', delta);
    expect((await batch(staged.batchId)).summary).toMatchObject({
      mode: 'delta',
      students: { withdrawn: 1, unchanged: 1, new: 0 },
    });
    await apply(staged.batchId);
    const statuses = await db.student.findMany({ orderBy: { sisId: 'asc' }, select: { sisId: true, status: true } });
    expect(statuses.map((s) => s.status)).toEqual(['ACTIVE', 'WITHDRAWN', 'ACTIVE', 'ACTIVE']);
  });

  it('a tombstone ends the student’s open placement today and removes one not yet begun; the preview counts both', async () => {
    await apply((await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 4 }))).batchId);
    const leaver = await db.student.findUniqueOrThrow({ where: { sourceId: studentSourcedId(2) } });
    const TODAY = today();
    const tutor = await db.user.create({ data: { email: 't@test.example', name: 'Tess', role: 'TUTOR' } });
    const cycle = await db.cycle.create({
      data: { name: 'Fall', startDate: dateOf(addDays(TODAY, -30)), endDate: dateOf(addDays(TODAY, 60)) },
    });
    const group = async (subject: 'MATH' | 'ELA') =>
      db.group.create({
        data: {
          name: subject,
          siteId: siteA,
          cycleId: cycle.id,
          subject,
          gradeMin: 0,
          gradeMax: 5,
          targetSkill: 'x',
          probeMeasure: await testMeasure(db, 'y'),
          primaryTutorId: tutor.id,
          modality: 'PUSH_IN',
          startDate: dateOf(addDays(TODAY, -30)),
          endDate: dateOf(addDays(TODAY, 60)),
        },
      });
    const now = await db.membership.create({
      data: { groupId: (await group('MATH')).id, studentId: leaver.id, startDate: dateOf(addDays(TODAY, -20)) },
    });
    const soon = await db.membership.create({
      data: { groupId: (await group('ELA')).id, studentId: leaver.id, startDate: dateOf(addDays(TODAY, 7)) },
    });
    const staged = await upload(
      'oneroster',
      generateRoster({ schools: [SCHOOL_A], students: 2, deleted: new Set([2]) }),
    );
    expect((await batch(staged.batchId)).summary).toMatchObject({ placementsEnding: 2, largeWithdrawals: [] });
    expect(await apply(staged.batchId)).toMatchObject({
      ok: true,
      data: { result: { studentsWithdrawn: 1, placementsEnded: 2 } },
    });
    expect(await db.membership.findUnique({ where: { id: now.id } })).toMatchObject({
      endDate: dateOf(TODAY),
      endReason: 'Withdrew from school',
    });
    expect(await db.membership.findUnique({ where: { id: soon.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { entityType: 'membership', action: 'imports.apply' } })).toBe(2);
  });
});

describe('errors and scope', () => {
  it('a file with an error can be previewed but not applied, and writes nothing', async () => {
    const files = generateRoster({ schools: [SCHOOL_A], students: 3 });
    files['users.csv'] = files['users.csv']!.replace(/,0\d(\r?\n)/, ',Z9$1');
    const staged = await upload('oneroster', files);
    const preview = await batch(staged.batchId);
    expect(preview.errorCount).toBe(1);
    expect(preview.problems[0]).toMatchObject({
      file: 'users.csv',
      severity: 'error',
      reason: expect.stringMatching(/Grade code "Z9"/),
    });
    const result = await apply(staged.batchId);
    expect(result).toMatchObject({
      ok: false,
      message:
        'The files have 1 error (listed below). Fix them and upload the files again, or apply the rows without errors and leave those rows out.',
    });
    expect(await db.student.count()).toBe(0);
    expect((await batch(staged.batchId)).status).toBe('PREVIEW');
  });

  it('applies the rows without errors when the person chooses it, leaving the row with an error out and listed', async () => {
    const files = generateRoster({ schools: [SCHOOL_A], students: 3 });
    files['users.csv'] = files['users.csv']!.replace(/,0\d(\r?\n)/, ',Z9$1'); // the first student's grade
    const staged = await upload('oneroster', files);
    const preview = await batch(staged.batchId);
    expect(preview.errorCount).toBe(1);
    const bad = preview.problems.find((p) => p.severity === 'error')!;
    expect(await applyImportAction(null, { batchId: staged.batchId, skipInvalid: true })).toMatchObject({
      ok: true,
      data: { result: { studentsCreated: 2 } },
    });
    const written = await db.student.findMany({ select: { sourceId: true } });
    expect(written.map((s) => s.sourceId).sort()).toEqual([studentSourcedId(2), studentSourcedId(3)]);
    // The batch keeps the problem list: the row left out is still there to fix.
    expect((await batch(staged.batchId)).problems).toContainEqual(bad);
  });

  it('refuses to apply only the valid rows when a whole file could not be read', async () => {
    const files = generateRoster({ schools: [SCHOOL_A], students: 3 });
    files['orgs.csv'] = 'sourcedId,type\r\norg-a,school\r\n'; // no name column: the file is not read
    const staged = await upload('oneroster', files);
    expect((await batch(staged.batchId)).errorCount).toBeGreaterThan(0);
    expect(await applyImportAction(null, { batchId: staged.batchId, skipInvalid: true })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^orgs\.csv could not be read \(Missing required columns: name/),
    });
    expect(await db.student.count()).toBe(0);
  });

  it('a coordinator gets other schools’ rows reported and skipped, never written', async () => {
    await signInAs('coord@test.example');
    const files = generateRoster({ schools: [SCHOOL_A, SCHOOL_B], students: 6 });
    expect((await upload('oneroster', files)).status).toBe(403); // the district upload is for admins
    const staged = await upload('oneroster', files, siteA);
    const preview = await batch(staged.batchId);
    expect(preview.summary).toMatchObject({ schools: { skipped: 1, new: 0 }, students: { new: 3, skipped: 3 } });
    expect(preview.problems.filter((p) => /Baker Elementary.*not this site/.test(p.reason))).toHaveLength(3);
    expect(await apply(staged.batchId)).toMatchObject({ ok: true });
    expect(await db.site.count()).toBe(1);
    expect(await db.student.count()).toBe(3);
    expect(await db.site.findUniqueOrThrow({ where: { id: siteA }, select: { name: true } })).toEqual({
      name: 'Adams (old name)',
    });

    const otherSite = await db.site.create({ data: { code: 'B200', name: 'Baker', gradeMin: 0, gradeMax: 5 } });
    const refused = await upload('oneroster', files, otherSite.id);
    expect(refused).toMatchObject({ status: 404, message: expect.stringMatching(/not one of yours/) });
  });
  it('a coordinator’s upload naming another site’s students learns neither their names nor their school', async () => {
    // Security review #11: guessed SIS ids in a site upload gave back names and the school each attends.
    const hidden = await db.site.create({ data: { code: 'H900', name: 'Hollow Middle', gradeMin: 6, gradeMax: 8 } });
    await db.student.create({
      data: {
        sourceId: studentSourcedId(1),
        sisId: 'S000001',
        firstName: 'Zelda',
        lastName: 'Quixote',
        grade: 7,
        siteId: hidden.id,
      },
    });
    await db.student.create({
      data: {
        sourceId: 'hollow-2',
        sisId: 'S000002',
        firstName: 'Yorick',
        lastName: 'Vance',
        grade: 7,
        siteId: hidden.id,
      },
    });
    await signInAs('coord@test.example');
    const staged = await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 3 }), siteA);
    expect(staged).toMatchObject({ status: 202, batchStatus: 'PREVIEW' });
    const preview = await batch(staged.batchId);
    expect(preview.summary.students).toMatchObject({ new: 1, skipped: 2 });
    const stored = JSON.stringify([preview.summary, preview.problems, preview.payload]);
    expect(stored).not.toMatch(/Zelda|Quixote|Yorick|Vance|Hollow|H900/);
    expect(
      preview.problems
        .filter((p) => /outside your site; ask the district/.test(p.reason))
        .map((p) => p.line)
        .sort(),
    ).toEqual([2, 3]);
    // The snapshot the staging thread plans with does not carry them either.
    const lookup = {
      kind: 'oneroster' as const,
      schoolSourceIds: [],
      schoolCodes: [],
      sourceIdsJson: '["stu-1"]',
      sisIdsJson: '["S000002"]',
      files: 1,
      rows: 2,
    };
    const snapshot = await stagingSnapshot(db, lookup, { kind: 'site', siteId: siteA });
    expect(JSON.stringify(snapshot)).not.toMatch(/Zelda|Quixote|Yorick|Vance|Hollow/);
    expect(preview.errorCount).toBe(1); // the number taken by another record cannot be applied
  });
});

describe('hostile uploads', () => {
  it('a NUL byte or a ZIP inside the ZIP fails the batch with a sentence, not a 500, and stores no rows', async () => {
    const files = generateRoster({ schools: [SCHOOL_A], students: 3 });
    files['users.csv'] = files['users.csv']!.replace('Given2', 'Giv\u0000en2');
    expect(await upload('oneroster', files)).toMatchObject({
      status: 202,
      batchStatus: 'FAILED',
      failure: expect.stringMatching(/^users\.csv line 3 contains a NUL byte/),
    });
    const nested = zipSync({ 'inner.zip': zipSync({ 'users.csv': new TextEncoder().encode(files['orgs.csv']!) }) });
    expect(await upload('oneroster', { 'roster.zip': nested })).toMatchObject({
      status: 202,
      batchStatus: 'FAILED',
      failure: expect.stringMatching(/another archive/),
    });
    expect(await db.importBatch.findMany({ select: { status: true, payload: true, problemCount: true } })).toEqual([
      { status: 'FAILED', payload: null, problemCount: 0 },
      { status: 'FAILED', payload: null, problemCount: 0 },
    ]);
  });
});

describe('the staging queue', () => {
  const adminUser = async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@test.example' } });
    return { id: admin.id, name: admin.name, email: admin.email, role: admin.role, siteIds: [], sessionId: 'test' };
  };
  const statusOf = async (batchId: string) =>
    (await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } })).status;
  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
    for (const end = Date.now() + timeoutMs; !(await check()); await sleep(50))
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }

  it('two uploads at once both end staged, one after the other: the second waits its turn and says so', async () => {
    // The first upload's check is held at its start until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Its comparison is held too, so the test sees the step it reports.
    let releasePreview!: () => void;
    const previewGate = new Promise<void>((resolve) => (releasePreview = resolve));
    const gated = (): StagingSteps => {
      const real = openStagingThread();
      return {
        read: (kind, files) => gate.then(() => real.read(kind, files)),
        preview: (scope, snapshot) => previewGate.then(() => real.preview(scope, snapshot)),
        close: () => real.close(),
        threadId: null,
      };
    };
    const firstFiles = Object.entries(generateRoster({ schools: [SCHOOL_A], students: 4 })).map(([name, text]) => ({
      name,
      bytes: new TextEncoder().encode(text),
    }));
    const first = await queueImport(
      { user: await adminUser(), scope: { kind: 'district' }, kind: 'oneroster', files: firstFiles },
      { steps: gated },
    );
    await until('the first upload to start reading', async () => (await progressOf(first.batchId)).phase !== null);
    // Real progress while staging: the step, and what it is working on.
    expect(await progressOf(first.batchId)).toMatchObject({
      status: 'STAGING',
      phase: `Reading ${firstFiles.length} files`,
      done: 0,
      total: 3,
    });

    // Every 50 ms, how many batches are being checked at once: never more than one.
    const staging: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        staging.push(await db.importBatch.count({ where: { status: 'STAGING' } }));
        await sleep(50);
      }
    })();

    const answer = await uploadRoute(
      uploadRequest('oneroster', generateRoster({ schools: [SCHOOL_A, SCHOOL_B], students: 6 })),
    );
    expect(answer.status).toBe(202);
    const second = ((await answer.json()) as { batchId: string }).batchId;
    await sleep(1500); // several claims later, still in line behind the first
    expect(await statusOf(second)).toBe('QUEUED');
    expect(await progressOf(second)).toMatchObject({ status: 'QUEUED', ahead: 1 });
    const { batchDetail } = await import('../../lib/imports/queries');
    expect(await batchDetail(await adminUser(), second)).toMatchObject({ status: 'QUEUED', ahead: 1 });
    expect(await apply(second)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/still waiting to be checked/),
    });
    expect(await discardImportAction(null, { batchId: first.batchId })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/still being checked/),
    });

    release();
    await until('the first upload to compare its rows', async () => (await progressOf(first.batchId)).done === 2);
    expect(await progressOf(first.batchId)).toMatchObject({
      status: 'STAGING',
      phase: `${firstFiles.length} files read, 4 student rows: checking each row against the roster`,
      total: 3,
    });
    releasePreview();
    await first.staged;
    expect(await settled(second)).toMatchObject({ status: 'PREVIEW' });
    sampling = false;
    await sampler;
    expect(await statusOf(first.batchId)).toBe('PREVIEW');
    expect(Math.max(...staging)).toBe(1);
    const [a, b] = [await batch(first.batchId), await batch(second)];
    expect(a.summary.students).toMatchObject({ new: 4 });
    expect(b.summary.students).toMatchObject({ new: 6 });
    expect(b.updatedAt.getTime()).toBeGreaterThanOrEqual(a.updatedAt.getTime()); // staged after the first was stored
  });

  it('waits for a live staging of another app process, and takes over one whose process has died', async () => {
    const admin = await adminUser();
    // Another process's batch, being checked, its heartbeat fresh.
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO import_batch (id, kind, status, "fileNames", summary, problems, "problemCount", "errorCount", "createdById", "stagingHeartbeatAt", "updatedAt")
       VALUES (gen_random_uuid(), 'ONEROSTER', 'STAGING', '{users.csv}', '{}', '[]', 0, 0, $1, now(), now()) RETURNING id::text`,
      [admin.id],
    );
    const other = rows[0]!.id;
    const answer = await uploadRoute(uploadRequest('oneroster', generateRoster({ schools: [SCHOOL_A], students: 2 })));
    expect(answer.status).toBe(202);
    const mine = ((await answer.json()) as { batchId: string }).batchId;
    await sleep(1500);
    expect(await statusOf(mine)).toBe('QUEUED');
    expect(await statusOf(other)).toBe('STAGING');
    expect(await progressOf(mine)).toMatchObject({ status: 'QUEUED', ahead: 1 });

    // That process stops: its heartbeat goes stale, the waiting upload's next claim gives its batch up and goes ahead.
    await pool.query(
      `UPDATE import_batch SET "stagingHeartbeatAt" = now() - interval '${STALE_AFTER_SECONDS + 5} seconds' WHERE id = $1`,
      [other],
    );
    expect(await settled(mine)).toMatchObject({ status: 'PREVIEW' });
    expect(
      await db.importBatch.findUniqueOrThrow({ where: { id: other }, select: { status: true, failure: true } }),
    ).toEqual({
      status: 'FAILED',
      failure: expect.stringMatching(
        /^The server stopped while these files were waiting or being checked.*Upload them again\.$/,
      ),
    });
  });

  it('a process holding as many uploads as it may refuses the next with a 503 and a sentence, before reading it', async () => {
    const places = Array.from({ length: MAX_HELD_UPLOADS }, () => reserveUploadPlace());
    const refused = await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 2 }));
    expect(refused).toMatchObject({
      status: 503,
      message: expect.stringMatching(
        /already holding 3 uploads waiting to be checked.*Upload them again in a few minutes/,
      ),
    });
    expect(await db.importBatch.count()).toBe(0);
    places[0]!();
    places[0]!(); // a place is given back once
    expect(await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 2 }))).toMatchObject({
      status: 202,
      batchStatus: 'PREVIEW',
    });
    for (const place of places) place();
  });
});

describe('large files', () => {
  it('applies a generated 50,000-student set, then re-imports it unchanged', async () => {
    const files = generateRoster({ schools: [SCHOOL_A, SCHOOL_B], students: 50_000 });
    const staged = await upload('oneroster', files);
    expect((await batch(staged.batchId)).summary).toMatchObject({
      schools: { new: 1, updated: 1 },
      students: { new: 50_000 },
    });
    const result = await apply(staged.batchId);
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { result: { studentsCreated: 50_000, sitesCreated: 1 } },
    });
    expect(await db.student.count({ where: { status: 'ACTIVE' } })).toBe(50_000);
    const again = await upload(
      'oneroster',
      generateRoster({ schools: [SCHOOL_A, SCHOOL_B], students: 50_000, omit: new Set([7]) }),
    );
    expect((await batch(again.batchId)).summary.students).toMatchObject({
      new: 0,
      updated: 0,
      withdrawn: 1,
      unchanged: 49_999,
    });
    expect(await apply(again.batchId)).toMatchObject({
      ok: true,
      data: { result: { studentsWithdrawn: 1, studentsUpdated: 0 } },
    });
  }, 300_000);
});

describe('supports and screeners', () => {
  it('updates support flags and upserts screener results by their unique key', async () => {
    await apply((await upload('oneroster', generateRoster({ schools: [SCHOOL_A], students: 3 }))).batchId);
    const csv = [
      'sis_id,multilingual_learner,iep,section_504,economically_disadvantaged,foster,homeless,subject,measure,score,percentile,tested_on',
      'S000001,Y,,,Y,,,MATH,i-Ready Math,412,23,2026-09-15',
      'S000002,,Y,,,,,ELA,DIBELS ORF,38,12,9/16/2026',
      'S999999,Y,,,,,,,,,,',
    ].join('\n');
    const staged = await upload('supports', { 'supports.csv': csv }, siteA);
    const preview = await batch(staged.batchId);
    expect(preview.summary).toMatchObject({ students: { updated: 2, skipped: 1 }, screeners: { new: 2 } });
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ line: 4, reason: expect.stringMatching(/S999999/) }),
    );
    expect(await apply(staged.batchId)).toMatchObject({
      ok: true,
      data: { result: { studentsUpdated: 2, screenersCreated: 2 } },
    });
    expect(await db.student.findUniqueOrThrow({ where: { sisId: 'S000001' } })).toMatchObject({
      multilingualLearner: true,
      economicallyDisadvantaged: true,
      iep: false,
    });

    const same = await upload('supports', { 'supports.csv': csv }, siteA);
    expect((await batch(same.batchId)).summary).toMatchObject({
      students: { updated: 0, unchanged: 2 },
      screeners: { new: 0, updated: 0, unchanged: 2 },
    });
    const corrected = await upload('supports', { 'supports.csv': csv.replace(',412,23,', ',415,25,') }, siteA);
    expect((await batch(corrected.batchId)).summary.screeners).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await apply(corrected.batchId)).toMatchObject({
      ok: true,
      data: { result: { screenersUpdated: 1, screenersCreated: 0 } },
    });
    expect(
      await db.screenerResult.findMany({ where: { measure: 'i-Ready Math' }, select: { percentile: true } }),
    ).toEqual([{ percentile: 25 }]);
  });
});

describe('classes and enrollments', () => {
  const ORGS = toCsv([
    ['sourcedId', 'name', 'type', 'identifier'],
    ['org-a', 'Adams Elementary', 'school', 'A100'],
    ['org-b', 'Baker Elementary', 'school', 'B200'],
  ]);
  const USERS = toCsv([
    ['sourcedId', 'orgSourcedIds', 'role', 'givenName', 'familyName', 'identifier', 'email', 'grades'],
    ['s1', 'org-a', 'student', 'Ana', 'Ames', 'S1', '', '03'],
    ['s2', 'org-a', 'student', 'Ben', 'Bell', 'S2', '', '03'],
    ['s3', 'org-b', 'student', 'Cy', 'Cole', 'S3', '', '04'],
    ['t1', 'org-a', 'teacher', 'Tia', 'Kim', 'T1', 'tia.kim@district.example', ''],
    ['t2', 'org-a', 'teacher', 'Tom', 'Lee', 'T2', 'tom.lee@district.example', ''],
  ]);
  const CLASSES = [
    ['sourcedId', 'title', 'classType', 'schoolSourcedId', 'location', 'periods'],
    ['hr-3a', 'Homeroom 3A', 'homeroom', 'org-a', '12', ''],
    ['math-3', 'Math 3', 'scheduled', 'org-a', '104', '2,3'],
    ['sci-3', 'Science 3', 'scheduled', 'org-a', 'Lab', '10'],
    ['hr-4b', 'Homeroom 4B', 'homeroom', 'org-b', '7', ''],
  ];
  const ENROLLMENTS = [
    ['sourcedId', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary'],
    ['e1', 'hr-3a', 'org-a', 's1', 'student', 'false'],
    ['e2', 'math-3', 'org-a', 's1', 'student', 'false'],
    ['e3', 'sci-3', 'org-a', 's1', 'student', 'false'],
    ['e4', 'hr-3a', 'org-a', 's2', 'student', 'false'],
    ['e5', 'hr-3a', 'org-a', 't1', 'teacher', 'true'],
    ['e6', 'math-3', 'org-a', 't2', 'teacher', 'true'],
    ['e7', 'hr-4b', 'org-b', 's3', 'student', 'false'],
  ];
  const files = (classes: string[][], enrollments: string[][]) => ({
    'orgs.csv': ORGS,
    'users.csv': USERS,
    'classes.csv': toCsv(classes),
    'enrollments.csv': toCsv(enrollments),
  });
  const idOf = async (sisId: string) => (await db.student.findUniqueOrThrow({ where: { sisId } })).id;
  const enrolled = async () =>
    (
      await pool.query<{ k: string }>(
        `SELECT c."sourceId" || ':' || e."userSourceId" AS k FROM class_enrollment e JOIN roster_class c ON c.id = e."classId" ORDER BY 1`,
      )
    ).rows.map((r) => r.k);

  it('keeps each student’s homeroom and classes by period with their teachers; a bulk file replaces, a delta amends', async () => {
    const staged = await upload('oneroster', files(CLASSES, ENROLLMENTS));
    expect((await batch(staged.batchId)).summary).toMatchObject({ classes: 4, classEnrollments: 5 });
    expect(await apply(staged.batchId)).toMatchObject({ ok: true });

    const ana = await idOf('S1');
    const schedule = (await classSchedules([ana])).get(ana);
    expect(schedule).toEqual({
      homeroom: { title: 'Homeroom 3A', periods: [], location: '12', teachers: ['Tia Kim'] },
      classes: [
        { title: 'Math 3', periods: ['2', '3'], location: '104', teachers: ['Tom Lee'] },
        { title: 'Science 3', periods: ['10'], location: 'Lab', teachers: [] },
      ],
    });
    expect((await classSchedules([await idOf('S3')])).get(await idOf('S3'))?.homeroom?.title).toBe('Homeroom 4B');

    // A delta: Ana leaves science, Ben joins math, Tom Lee's enrollment moves; the rest stays.
    const delta = files(
      [['sourcedId', 'status', 'title', 'schoolSourcedId']],
      [
        ['sourcedId', 'status', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
        ['e3', 'tobedeleted', '', '', '', ''],
        ['e8', 'active', 'math-3', 'org-a', 's2', 'student'],
        ['e6', 'active', 'sci-3', 'org-a', 't2', 'teacher'], // Tom Lee moves from math to science
      ],
    );
    delta['users.csv'] = toCsv([['sourcedId', 'status', 'role', 'givenName', 'familyName']]);
    delta['orgs.csv'] = toCsv([['sourcedId', 'status', 'name', 'type']]);
    const stagedDelta = await upload('oneroster', delta);
    expect(await apply(stagedDelta.batchId)).toMatchObject({ ok: true });
    expect(await enrolled()).toEqual([
      'hr-3a:s1',
      'hr-3a:s2',
      'hr-3a:t1',
      'hr-4b:s3',
      'math-3:s1',
      'math-3:s2',
      'sci-3:t2',
    ]);

    // A full file without science and without Ben's homeroom: both go.
    const full = files(
      CLASSES.filter((c) => c[0] !== 'sci-3'),
      ENROLLMENTS.filter((e) => e[0] !== 'e3' && e[0] !== 'e4'),
    );
    expect(await apply((await upload('oneroster', full)).batchId)).toMatchObject({ ok: true });
    expect(await pool.query(`SELECT "sourceId" FROM roster_class ORDER BY 1`).then((r) => r.rows)).toEqual([
      { sourceId: 'hr-3a' },
      { sourceId: 'hr-4b' },
      { sourceId: 'math-3' },
    ]);
    expect(await enrolled()).toEqual(['hr-3a:s1', 'hr-3a:t1', 'hr-4b:s3', 'math-3:s1', 'math-3:t2']);
  });

  it('a site import changes only its own site’s classes', async () => {
    expect(await apply((await upload('oneroster', files(CLASSES, ENROLLMENTS))).batchId)).toMatchObject({ ok: true });
    await signInAs('coord@test.example');
    // Adams's full file without Homeroom 3A; Baker's homeroom is not in it either, and stays.
    const adamsOnly = files(
      CLASSES.filter((c) => c[0] !== 'hr-3a' && c[0] !== 'hr-4b'),
      ENROLLMENTS.filter((e) => !['e1', 'e4', 'e5', 'e7'].includes(e[0]!)),
    );
    const staged = await upload('oneroster', adamsOnly, siteA);
    expect(await apply(staged.batchId)).toMatchObject({ ok: true });
    expect(await pool.query(`SELECT "sourceId" FROM roster_class ORDER BY 1`).then((r) => r.rows)).toEqual([
      { sourceId: 'hr-4b' },
      { sourceId: 'math-3' },
      { sourceId: 'sci-3' },
    ]);
    expect(await enrolled()).toEqual(['hr-4b:s3', 'math-3:s1', 'math-3:t2', 'sci-3:s1']);
  });
});
