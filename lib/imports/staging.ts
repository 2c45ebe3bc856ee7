// The CPU-heavy half of staging an upload: unpack, parse, and plan against a
// snapshot of the database. Pure (no database, no "server-only"): it runs on the
// staging thread (./stage-worker.ts, started by ./staging-thread.ts), so a 50,000-row
// file does not stop the server answering other people, and in tests directly.
//
// What crosses between the threads is kept small or flat: the ids the database is
// asked about and the rows it answers travel as JSON text, the payload comes back as
// JSON text, so the request thread never builds (or copies) 50,000 objects.
import { parseOneRoster, parseSupportsCsv, type FileMode } from '../roster';
import { clip, readUploads, UploadError, type UploadedFile } from './files';
import { planRoster, type ExistingSite, type ExistingStudent } from './roster-plan';
import { rosterRows } from './roster-rows';
import { planSupports, supportsRows, type ExistingScreener, type ExistingSupportsStudent } from './supports-plan';
import {
  PROBLEM_CAP,
  type ImportScope,
  type ImportSummary,
  type RosterPayload,
  type RosterProblem,
  type SupportsPayload,
} from './types';

export type ImportKindInput = 'oneroster' | 'supports';

/** Characters kept of a problem's reason: enough for any sentence the readers write, with a value quoted in it. */
export const REASON_CAP = 300;

/**
 * Errors first (so the kept list has them all), then by file and line; the first
 * PROBLEM_CAP are kept, each cut to REASON_CAP characters, with the counts of all.
 */
export function sortProblems(problems: RosterProblem[]) {
  // First causes first: a file that could not be read at all (an error with no line)
  // leads, before the row errors that follow from it in other files, then warnings.
  const order = (p: RosterProblem) => (p.severity === 'error' ? (p.line === null ? 0 : 1) : 2);
  const sorted = [...problems].sort(
    (a, b) => order(a) - order(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  return {
    problems: sorted
      .slice(0, PROBLEM_CAP)
      .map((p) => ({ ...p, file: clip(p.file, 200), reason: clip(p.reason, REASON_CAP) })),
    problemCount: sorted.length,
    errorCount: sorted.filter((p) => p.severity === 'error').length,
  };
}

/** An upload as read: the rows it would import and what was noticed so far. Stays on the thread that read it. */
export type StagingRead =
  | {
      kind: 'oneroster';
      version: string;
      mode: FileMode | 'mixed';
      teachers: number;
      rows: RosterPayload;
      problems: RosterProblem[];
      files: number;
    }
  | { kind: 'supports'; rows: SupportsPayload; problems: RosterProblem[]; files: number };

/** What the database is asked about the upload: id lists as JSON arrays of strings. */
export type StagingLookup = (
  | { kind: 'oneroster'; schoolSourceIds: string[]; schoolCodes: string[]; sourceIdsJson: string; sisIdsJson: string }
  | { kind: 'supports'; sisIdsJson: string }
) & {
  /** For the progress shown while staging: files read, and the student rows to check. */
  files: number;
  rows: number;
};

/** The database's answer, as ./snapshot's JSON queries return it. */
export type StagingSnapshot =
  | { kind: 'oneroster'; sites: ExistingSite[]; studentsJson: string }
  | { kind: 'supports'; studentsJson: string; screenersJson: string };

/** The preview a batch stores. */
export interface StagedPreview {
  summary: ImportSummary;
  problems: RosterProblem[]; // sorted, at most PROBLEM_CAP
  problemCount: number;
  errorCount: number;
  payloadJson: string;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Unpacks and parses the files. Throws UploadError when the upload as a whole is refused. */
export function readUpload(kind: ImportKindInput, files: UploadedFile[]): StagingRead {
  const { texts, problems: fileProblems } = readUploads(files);
  if (kind === 'oneroster') {
    const parsed = parseOneRoster(texts);
    const usersFile = [...texts.keys()].map(baseName).find((name) => name.toLowerCase() === 'users.csv');
    const { rows, problems } = rosterRows(parsed, usersFile);
    return {
      kind,
      version: parsed.version,
      mode: parsed.mode,
      teachers: parsed.teachers.length,
      rows,
      problems: [...fileProblems, ...parsed.problems, ...problems],
      files: texts.size,
    };
  }
  if (texts.size !== 1) throw new UploadError('Upload one supports CSV at a time.');
  const [path, text] = [...texts][0]!;
  const file = baseName(path);
  const parsed = parseSupportsCsv(text, file);
  return { kind, rows: supportsRows(parsed, file, text), problems: [...fileProblems, ...parsed.problems], files: 1 };
}

export function lookupOf(read: StagingRead): StagingLookup {
  if (read.kind === 'oneroster') {
    const { rows } = read;
    return {
      kind: 'oneroster',
      schoolSourceIds: rows.schools.map((s) => s.sourceId),
      schoolCodes: rows.schools.map((s) => s.code),
      sourceIdsJson: JSON.stringify([...new Set(rows.seenSourceIds)]),
      sisIdsJson: JSON.stringify([...new Set(rows.seenSisIds)]),
      files: read.files,
      rows: rows.students.length + rows.deleted.length,
    };
  }
  const sisIds = new Set([...read.rows.supports, ...read.rows.screeners].map((r) => r.sisId));
  return {
    kind: 'supports',
    sisIdsJson: JSON.stringify([...sisIds]),
    files: read.files,
    rows: read.rows.supports.length + read.rows.screeners.length,
  };
}

/** Compares the read upload with the snapshot: the summary, problems and payload the batch keeps. */
export function previewOf(read: StagingRead, scope: ImportScope, snapshot: StagingSnapshot): StagedPreview {
  if (read.kind === 'oneroster') {
    if (snapshot.kind !== 'oneroster') throw new Error('A roster upload needs the roster snapshot.');
    const existing = JSON.parse(snapshot.studentsJson) as ExistingStudent[];
    const plan = planRoster(read.rows, scope, snapshot.sites, existing);
    const summary: ImportSummary = {
      kind: 'oneroster',
      version: read.version,
      mode: read.mode,
      schools: plan.schools,
      students: plan.students,
      teachers: read.teachers,
      placementsEnding: plan.placementsEnding,
      largeWithdrawals: plan.largeWithdrawals,
      classes: (plan.payload.classes ?? []).filter((c) => !c.deleted).length,
      classEnrollments: (plan.payload.enrollments ?? []).filter((e) => !e.deleted && e.role === 'student').length,
    };
    const usersFile = read.rows.usersFile;
    const invalidLines = [
      ...new Set(
        read.problems
          .filter((p) => p.severity === 'error' && p.line !== null && p.file === usersFile)
          .map((p) => p.line!),
      ),
    ];
    return {
      summary,
      ...sortProblems([...read.problems, ...plan.problems]),
      payloadJson: JSON.stringify(invalidLines.length ? { ...plan.payload, invalidLines } : plan.payload),
    };
  }
  if (snapshot.kind !== 'supports') throw new Error('A supports upload needs the supports snapshot.');
  const students = JSON.parse(snapshot.studentsJson) as ExistingSupportsStudent[];
  const screeners = (
    JSON.parse(snapshot.screenersJson) as (Omit<ExistingScreener, 'score'> & { score: string | null })[]
  ).map((r) => ({
    ...r,
    score: r.score === null ? null : Number(r.score),
  }));
  const plan = planSupports(read.rows, students, screeners);
  const summary: ImportSummary = { kind: 'supports', students: plan.students, screeners: plan.screeners };
  return { summary, ...sortProblems([...read.problems, ...plan.problems]), payloadJson: JSON.stringify(plan.payload) };
}

/** `text` in pieces of about `size` characters, never splitting a surrogate pair (so each is valid UTF-16 on its own). */
export function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + Math.max(size, 2), text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    result.push(text.slice(at, end));
    at = end;
  }
  return result;
}
