// Upload → staged batch: unpack, parse, compare with the database, store the
// preview. Nothing outside import_batch is written here.
import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseOneRoster, parseSupportsCsv } from '@/lib/roster';
import { readUploads, UploadError, type UploadedFile } from './files';
import { planRoster } from './roster-plan';
import { rosterRows } from './roster-rows';
import { loadRosterStudents, loadScreeners, loadSites, loadSupportsStudents } from './snapshot';
import { planSupports, supportsRows } from './supports-plan';
import { PROBLEM_CAP, type ImportPayload, type ImportScope, type ImportSummary, type RosterProblem } from './types';

export type ImportKindInput = 'oneroster' | 'supports';

/** Lets other requests run between the CPU-heavy steps of a large upload. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Errors first (so the kept list has them all), then by file and line. */
export function sortProblems(problems: RosterProblem[]) {
  const order = (p: RosterProblem) => (p.severity === 'error' ? 0 : 1);
  const sorted = [...problems].sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return {
    problems: sorted.slice(0, PROBLEM_CAP),
    problemCount: sorted.length,
    errorCount: sorted.filter((p) => p.severity === 'error').length,
  };
}

interface Preview {
  summary: ImportSummary;
  payload: ImportPayload;
  problems: RosterProblem[];
}

async function previewRoster(texts: Map<string, string>, scope: ImportScope): Promise<Preview> {
  const parsed = parseOneRoster(texts);
  await yieldToEventLoop();
  const usersFile = [...texts.keys()].map((name) => name.split(/[\\/]/).pop() ?? name).find((name) => name.toLowerCase() === 'users.csv');
  const { rows, problems } = rosterRows(parsed, usersFile);
  const sites = await loadSites(db);
  const existing = await loadRosterStudents(db, rows, sites);
  await yieldToEventLoop();
  const plan = planRoster(rows, scope, sites, existing);
  const summary: ImportSummary = {
    kind: 'oneroster',
    version: parsed.version,
    mode: parsed.mode,
    schools: plan.schools,
    students: plan.students,
    teachers: parsed.teachers.length,
  };
  return { summary, payload: plan.payload, problems: [...parsed.problems, ...problems, ...plan.problems] };
}

async function previewSupports(texts: Map<string, string>, scope: ImportScope): Promise<Preview> {
  if (texts.size !== 1) throw new UploadError('Upload one supports CSV at a time.');
  const [path, text] = [...texts][0]!;
  const file = path.split(/[\\/]/).pop() ?? path;
  const parsed = parseSupportsCsv(text, file);
  await yieldToEventLoop();
  const rows = supportsRows(parsed, file, text);
  const students = await loadSupportsStudents(db, rows, scope);
  const screeners = await loadScreeners(db, students.map((s) => s.id));
  const plan = planSupports(rows, students, screeners);
  const summary: ImportSummary = { kind: 'supports', students: plan.students, screeners: plan.screeners };
  return { summary, payload: plan.payload, problems: [...parsed.problems, ...plan.problems] };
}

export async function stageImport(input: { user: SessionUser; scope: ImportScope; kind: ImportKindInput; files: UploadedFile[] }): Promise<{ batchId: string }> {
  const { texts, problems: fileProblems } = readUploads(input.files);
  const preview = input.kind === 'oneroster' ? await previewRoster(texts, input.scope) : await previewSupports(texts, input.scope);
  const { problems, problemCount, errorCount } = sortProblems([...fileProblems, ...preview.problems]);
  const json = (value: unknown) => value as Prisma.InputJsonValue;
  const batch = await db.importBatch.create({
    data: {
      kind: input.kind === 'oneroster' ? 'ONEROSTER' : 'SUPPORTS',
      siteId: input.scope.kind === 'site' ? input.scope.siteId : null,
      createdById: input.user.id,
      fileNames: input.files.map((f) => f.name.slice(0, 200)),
      summary: json(preview.summary),
      problems: json(problems),
      problemCount,
      errorCount,
      payload: json(preview.payload),
    },
    select: { id: true },
  });
  return { batchId: batch.id };
}
