// Staging runs on a worker thread (./staging-thread.ts): these check that a worker
// really answers, and that what comes back is what the parsers and planners give
// when called directly on this thread.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOneRoster, parseSupportsCsv, supportsExampleCsv } from '@/lib/roster';
import { UploadError, type UploadedFile } from './files';
import { planRoster, type ExistingSite, type ExistingStudent } from './roster-plan';
import { rosterRows } from './roster-rows';
import { pieces, sortProblems, type StagingSnapshot } from './staging';
import { openStagingThread, type StagingSteps } from './staging-thread';
import { planSupports, supportsRows } from './supports-plan';

vi.mock('server-only', () => ({}));

// A copy of /work/shared/fixtures/oneroster (real exports written outside this project).
const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/oneroster');

function fixture(dir: string): { texts: Map<string, string>; files: UploadedFile[] } {
  const folder = path.join(FIXTURES, dir);
  const names = readdirSync(folder).filter((f) => f.endsWith('.csv'));
  const texts = new Map(names.map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
  const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(folder, name))) }));
  return { texts, files };
}

let thread: StagingSteps | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

describe('the staging thread', () => {
  it.each(['lepo-roster-hub-v1p1/en', 'catalyst-moodle-v1p2/datagen_delta'])(
    'reads and plans %s on a worker, as the parser and planner do directly',
    async (dir) => {
      const { texts, files } = fixture(dir);
      const parsed = parseOneRoster(texts);
      const { rows, problems: rowProblems } = rosterRows(parsed, 'users.csv');
      const [first] = rows.students;
      expect(first, 'the fixture has students').toBeDefined();
      // One site the file's first school already is (by code), and one of its students already there under another name.
      const school = rows.schools.find((s) => s.sourceId === first!.school)!;
      const sites: ExistingSite[] = [
        {
          id: '00000000-0000-4000-8000-000000000001',
          code: school.code,
          name: 'Old name',
          sourceId: null,
          gradeMin: 0,
        },
      ];
      const existing: ExistingStudent[] = [
        {
          id: '00000000-0000-4000-8000-000000000002',
          sourceId: first!.sourceId,
          sisId: first!.sisId,
          siteId: sites[0]!.id,
          openPlacements: 0,
          status: 'ACTIVE',
          firstName: 'Old',
          lastName: 'Name',
          grade: 3,
          raceEthnicity: 'NOT_REPORTED',
          gender: 'NOT_REPORTED',
        },
      ];
      const plan = planRoster(rows, { kind: 'district' }, sites, existing);

      thread = openStagingThread();
      const lookup = await thread.read('oneroster', files);
      expect(thread.threadId, 'a worker thread answered').not.toBeNull();
      expect(thread.threadId).not.toBe(mainThreadId);
      expect(lookup).toEqual({
        kind: 'oneroster',
        schoolSourceIds: rows.schools.map((s) => s.sourceId),
        schoolCodes: rows.schools.map((s) => s.code),
        sourceIdsJson: JSON.stringify([...new Set(rows.seenSourceIds)]),
        sisIdsJson: JSON.stringify([...new Set(rows.seenSisIds)]),
        files: files.length,
        rows: rows.students.length + rows.deleted.length,
      });

      const snapshot: StagingSnapshot = { kind: 'oneroster', sites, studentsJson: JSON.stringify(existing) };
      const preview = await thread.preview({ kind: 'district' }, snapshot);
      expect(JSON.parse(preview.payloadJson)).toEqual(plan.payload);
      expect(preview.summary).toEqual({
        kind: 'oneroster',
        version: parsed.version,
        mode: parsed.mode,
        schools: plan.schools,
        students: plan.students,
        teachers: parsed.teachers.length,
        placementsEnding: plan.placementsEnding,
        largeWithdrawals: plan.largeWithdrawals,
        classes: parsed.classes.filter((c) => c.status !== 'tobedeleted').length,
        classEnrollments: parsed.enrollments.filter((e) => e.status !== 'tobedeleted' && e.role === 'student').length,
      });
      expect(preview.summary.kind === 'oneroster' && preview.summary.classes, 'the set has classes').toBeGreaterThan(0);
      expect(plan.students.updated, 'the existing student is compared').toBe(1);
      const { problems, problemCount, errorCount } = sortProblems([
        ...parsed.problems,
        ...rowProblems,
        ...plan.problems,
      ]);
      expect(preview).toMatchObject({ problems, problemCount, errorCount });
    },
  );

  it('reads a supports CSV on a worker, as the parser does directly', async () => {
    const text = supportsExampleCsv();
    const parsed = parseSupportsCsv(text, 'supports.csv');
    const rows = supportsRows(parsed, 'supports.csv', text);
    thread = openStagingThread();
    const lookup = await thread.read('supports', [{ name: 'supports.csv', bytes: new TextEncoder().encode(text) }]);
    expect(thread.threadId).not.toBe(mainThreadId);
    expect(lookup).toEqual({
      kind: 'supports',
      sisIdsJson: JSON.stringify([...new Set([...rows.supports, ...rows.screeners].map((r) => r.sisId))]),
      files: 1,
      rows: rows.supports.length + rows.screeners.length,
    });

    const students = [
      {
        id: 's1',
        sisId: '004512',
        multilingualLearner: false,
        iep: false,
        section504: false,
        economicallyDisadvantaged: true,
        foster: false,
        homeless: false,
      },
    ];
    const screeners = [
      {
        studentId: 's1',
        subject: 'MATH' as const,
        measure: 'i-Ready Diagnostic Math',
        testedOn: '2026-09-15',
        score: '412.00',
        percentile: 23,
      },
    ];
    const preview = await thread.preview(
      { kind: 'district' },
      { kind: 'supports', studentsJson: JSON.stringify(students), screenersJson: JSON.stringify(screeners) },
    );
    const plan = planSupports(
      rows,
      students,
      screeners.map((s) => ({ ...s, score: Number(s.score) })),
    );
    expect(JSON.parse(preview.payloadJson)).toEqual(plan.payload);
    expect(preview.summary).toEqual({ kind: 'supports', students: plan.students, screeners: plan.screeners });
    expect(plan.screeners.unchanged, 'the existing score "412.00" matches 412').toBe(1);
    expect(preview.problems).toEqual(sortProblems([...parsed.problems, ...plan.problems]).problems);
  });

  it('passes a refused upload back as an UploadError', async () => {
    thread = openStagingThread();
    const files = [{ name: 'roster.zip', bytes: new TextEncoder().encode('not a zip') }];
    const refused = thread.read('oneroster', files);
    await expect(refused).rejects.toBeInstanceOf(UploadError);
    await expect(refused).rejects.toThrow('roster.zip is not a ZIP file that can be opened.');
  });
});

describe('pieces', () => {
  it('cuts text into pieces that join back, never between the halves of a surrogate pair', () => {
    const text = `{"name":"${'a'.repeat(5)}😀${'b'.repeat(6)}😀"}`;
    for (const size of [1, 2, 3, 7, 14, 15, 16, 100]) {
      const parts = pieces(text, size);
      expect(parts.join('')).toBe(text);
      for (const part of parts) expect(part, `size ${size}`).toBe(Buffer.from(part, 'utf8').toString('utf8'));
    }
    expect(pieces('', 10)).toEqual([]);
  });
});
