// What a supports and screener import would change. Pure, like ./roster-plan:
// the preview shows it and apply runs it again on a fresh snapshot.
import type { Subject } from '@/lib/generated/prisma/enums';
import { headerIndex, parseCsv, type SupportsResult } from '@/lib/roster';
import {
  zeroCounts,
  type Counts,
  type PayloadScreener,
  type PayloadSupports,
  type SupportsPayload,
  type RosterProblem,
} from './types';

export const SUPPORT_FLAGS = [
  'multilingualLearner',
  'iep',
  'section504',
  'economicallyDisadvantaged',
  'foster',
  'homeless',
] as const;
export type SupportFlag = (typeof SUPPORT_FLAGS)[number];

export interface ExistingSupportsStudent extends Record<SupportFlag, boolean> {
  id: string;
  sisId: string;
}

export interface ExistingScreener {
  studentId: string;
  subject: Subject;
  measure: string;
  testedOn: string; // YYYY-MM-DD
  score: number | null;
  percentile: number;
}

export interface ScreenerWrite {
  studentId: string;
  subject: Subject;
  measure: string;
  score: number | null;
  percentile: number;
  testedOn: string;
}

export interface SupportsPlan {
  flagUpdates: ExistingSupportsStudent[]; // the flags after the import
  screenerWrites: ScreenerWrite[]; // new and changed results, upserted by their unique key
  students: Counts;
  screeners: Counts;
  payload: SupportsPayload;
  problems: RosterProblem[];
}

/** The parsed file as payload rows; `text` gives each student's first line, for problems. */
export function supportsRows(parsed: SupportsResult, file: string, text: string): SupportsPayload {
  const table = parseCsv(text, file);
  const at = headerIndex(table.header, (name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  ).get('sis_id');
  const lines = new Map<string, number>();
  for (const row of table.rows) {
    const sisId = at === undefined ? '' : (row.values[at] ?? '').trim();
    if (!lines.has(sisId)) lines.set(sisId, row.line);
  }
  const supports: PayloadSupports[] = [...parsed.supports].map(([sisId, flags]) => ({
    sisId,
    ...flags,
    line: lines.get(sisId) ?? 0,
  }));
  const screeners: PayloadScreener[] = parsed.screeners.map((s) => ({ ...s }));
  return { kind: 'supports', file, supports, screeners };
}

export const screenerKey = (s: { studentId: string; subject: string; measure: string; testedOn: string }) =>
  `${s.studentId}\u0000${s.subject}\u0000${s.measure}\u0000${s.testedOn}`;

/** `students` are those of the caller's sites the file names; a SIS id not among them is skipped. */
export function planSupports(
  rows: SupportsPayload,
  students: ExistingSupportsStudent[],
  screeners: ExistingScreener[],
): SupportsPlan {
  const problems: RosterProblem[] = [];
  const bySis = new Map(students.map((s) => [s.sisId, s]));
  const unknown = new Set<string>();
  const missing = (sisId: string, line: number) => {
    if (unknown.has(sisId)) return;
    unknown.add(sisId);
    problems.push({
      file: rows.file,
      line,
      severity: 'warning',
      reason: `No student with SIS id "${sisId}" at the sites you import for; skipped.`,
    });
  };
  const studentCounts = zeroCounts();
  const flagUpdates: ExistingSupportsStudent[] = [];
  for (const row of rows.supports) {
    const student = bySis.get(row.sisId);
    if (!student) {
      missing(row.sisId, row.line);
      studentCounts.skipped++;
      continue;
    }
    const after = { ...student };
    for (const flag of SUPPORT_FLAGS) after[flag] = row[flag] ?? student[flag];
    if (SUPPORT_FLAGS.some((flag) => after[flag] !== student[flag])) {
      flagUpdates.push(after);
      studentCounts.updated++;
    } else {
      studentCounts.unchanged++;
    }
  }
  const existing = new Map(screeners.map((s) => [screenerKey(s), s]));
  const screenerCounts = zeroCounts();
  const screenerWrites: ScreenerWrite[] = [];
  for (const row of rows.screeners) {
    const student = bySis.get(row.sisId);
    if (!student) {
      missing(row.sisId, row.line);
      screenerCounts.skipped++;
      continue;
    }
    const write: ScreenerWrite = {
      studentId: student.id,
      subject: row.subject,
      measure: row.measure,
      score: row.score,
      percentile: row.percentile,
      testedOn: row.testedOn,
    };
    const before = existing.get(screenerKey(write));
    if (!before) screenerCounts.new++;
    else if (before.score !== write.score || before.percentile !== write.percentile) screenerCounts.updated++;
    else {
      screenerCounts.unchanged++;
      continue;
    }
    screenerWrites.push(write);
  }
  const known = (r: { sisId: string }) => bySis.has(r.sisId);
  const payload: SupportsPayload = {
    ...rows,
    supports: rows.supports.filter(known),
    screeners: rows.screeners.filter(known),
  };
  return { flagUpdates, screenerWrites, students: studentCounts, screeners: screenerCounts, payload, problems };
}
