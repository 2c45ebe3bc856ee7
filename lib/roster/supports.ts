/**
 * The app's own "supports and screener" CSV: one row per student per screener,
 * with the student's supports (multilingual learner, IEP, 504, ...) on any of them.
 * Pure: validates with zod and reports every bad value with its line and reason.
 */
import { z } from 'zod';
import { isAcceptedDate } from '@/lib/dates';
import type { Subject } from '@/lib/generated/prisma/enums';
import { headerIndex, parseCsv, toCsv, type RosterProblem } from './csv';

export const SUPPORT_COLUMNS = [
  'multilingual_learner',
  'iep',
  'section_504',
  'economically_disadvantaged',
  'foster',
  'homeless',
] as const;
export const SCREENER_COLUMNS = ['subject', 'measure', 'score', 'percentile', 'tested_on'] as const;
const ALL_COLUMNS = ['sis_id', ...SUPPORT_COLUMNS, ...SCREENER_COLUMNS] as const;
type SupportsColumn = (typeof ALL_COLUMNS)[number];

export interface TemplateColumn {
  column: SupportsColumn;
  required: 'yes' | 'on screener rows' | 'no';
  meaning: string;
  example: string;
}

const YES_NO = 'Y or N (yes/no, true/false and 1/0 also work); blank leaves it unchanged.';

export const SUPPORTS_TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    column: 'sis_id',
    required: 'yes',
    meaning: 'The student number in the district SIS, exactly as the roster has it (keep leading zeros).',
    example: '004512',
  },
  {
    column: 'multilingual_learner',
    required: 'no',
    meaning: `Multilingual learner (English learner). ${YES_NO}`,
    example: 'Y',
  },
  { column: 'iep', required: 'no', meaning: `Has an IEP (student with a disability). ${YES_NO}`, example: 'N' },
  { column: 'section_504', required: 'no', meaning: `Has a Section 504 plan. ${YES_NO}`, example: 'N' },
  {
    column: 'economically_disadvantaged',
    required: 'no',
    meaning: `Economically disadvantaged. ${YES_NO}`,
    example: 'Y',
  },
  { column: 'foster', required: 'no', meaning: `In foster care. ${YES_NO}`, example: 'N' },
  { column: 'homeless', required: 'no', meaning: `Experiencing homelessness. ${YES_NO}`, example: 'N' },
  {
    column: 'subject',
    required: 'on screener rows',
    meaning: 'MATH or ELA ("Math" and "Reading" also work).',
    example: 'MATH',
  },
  {
    column: 'measure',
    required: 'on screener rows',
    meaning: 'The screener and measure, named the same way every time.',
    example: 'i-Ready Diagnostic Math',
  },
  { column: 'score', required: 'no', meaning: 'The scale score, up to 2 decimal places.', example: '412' },
  {
    column: 'percentile',
    required: 'on screener rows',
    meaning: 'National percentile rank, a whole number from 1 to 99.',
    example: '23',
  },
  {
    column: 'tested_on',
    required: 'on screener rows',
    meaning: 'The test date, YYYY-MM-DD or M/D/YYYY.',
    example: '2026-09-15',
  },
];

export interface StudentSupports {
  multilingualLearner: boolean | null; // null: not given in the file
  iep: boolean | null;
  section504: boolean | null;
  economicallyDisadvantaged: boolean | null;
  foster: boolean | null;
  homeless: boolean | null;
}

export interface ScreenerRow {
  sisId: string;
  subject: Subject;
  measure: string;
  score: number | null;
  percentile: number;
  testedOn: string; // YYYY-MM-DD
  line: number;
}

export interface SupportsResult {
  supports: Map<string, StudentSupports>; // by sis_id; only students with a support value
  screeners: ScreenerRow[];
  problems: RosterProblem[];
}

const SUPPORT_FIELDS = {
  multilingual_learner: 'multilingualLearner',
  iep: 'iep',
  section_504: 'section504',
  economically_disadvantaged: 'economicallyDisadvantaged',
  foster: 'foster',
  homeless: 'homeless',
} as const satisfies Record<(typeof SUPPORT_COLUMNS)[number], keyof StudentSupports>;

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0']);
const SUBJECTS: Record<string, Subject> = {
  math: 'MATH',
  maths: 'MATH',
  mathematics: 'MATH',
  ela: 'ELA',
  reading: 'ELA',
  'english language arts': 'ELA',
  literacy: 'ELA',
};

/** A blank cell is null; anything else must pass `read`, which returns null for a bad value. */
function optional<T>(read: (value: string) => T | null, problem: (value: string) => string) {
  return z
    .string()
    .trim()
    .transform((value, ctx): T | null => {
      if (value === '') return null;
      const result = read(value);
      if (result === null) ctx.addIssue({ code: 'custom', message: problem(value) });
      return result;
    });
}

function yesNo(value: string): boolean | null {
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : null;
}

function percentileOf(value: string): number | null {
  if (!/^\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= 99 ? n : null;
}

/** Fits the database's Decimal(8, 2). */
function scoreOf(value: string): number | null {
  if (!/^-?\d{1,6}(\.\d{1,2})?$/.test(value)) return null;
  return Number(value);
}

/** Which part of a slashed date comes first: the month (US, M/D/YYYY) or the day (D/M/YYYY). */
export type SlashOrder = 'month-first' | 'day-first';

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * YYYY-MM-DD, or a slashed date in the file's order (M/D/YYYY unless the file shows
 * it is day first) → YYYY-MM-DD, refusing dates that do not exist.
 */
export function isoDateOf(value: string, order: SlashOrder = 'month-first'): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const slashed = SLASHED.exec(value);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : slashed
      ? order === 'month-first'
        ? [slashed[3], slashed[1], slashed[2]]
        : [slashed[3], slashed[2], slashed[1]]
      : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const text = date.toISOString().slice(0, 10);
  return text === `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` && isAcceptedDate(text) ? text : null;
}

const supportCell = optional(yesNo, (value) => `"${value}" is not Y or N.`);

function rowSchemaFor(order: SlashOrder) {
  return z.object({
    sis_id: z
      .string()
      .trim()
      .min(1, 'The student number is blank.')
      .max(64, 'The student number is over 64 characters.'),
    multilingual_learner: supportCell,
    iep: supportCell,
    section_504: supportCell,
    economically_disadvantaged: supportCell,
    foster: supportCell,
    homeless: supportCell,
    subject: optional(
      (value) => SUBJECTS[value.toLowerCase()] ?? null,
      (value) => `"${value}" is not MATH or ELA.`,
    ),
    measure: optional(
      (value) => (value.length <= 100 ? value : null),
      () => 'The measure name is over 100 characters.',
    ),
    score: optional(scoreOf, (value) => `"${value}" is not a number with at most 6 digits and 2 decimal places.`),
    percentile: optional(percentileOf, (value) => `"${value}" is not a whole number from 1 to 99.`),
    tested_on: optional(
      (value) => isoDateOf(value, order),
      (value) =>
        `"${value}" is not a date as YYYY-MM-DD or ${order === 'month-first' ? 'M/D/YYYY' : 'D/M/YYYY (as this file writes them)'}.`,
    ),
  });
}

const ROW_SCHEMAS = { 'month-first': rowSchemaFor('month-first'), 'day-first': rowSchemaFor('day-first') };

type SupportsRow = z.output<ReturnType<typeof rowSchemaFor>>;

/**
 * How the file writes slashed dates, read from the dates themselves: day first when
 * one has a first part over 12 (15/06/2023) and none a second part over 12, else month
 * first (US). Either way the file is told once, with the line that shows it, so a
 * date like 1/05/2023 is never read one way silently.
 */
export function slashOrderOf(dates: readonly { value: string; line: number }[]): {
  order: SlashOrder;
  note: { line: number; reason: string; severity: 'warning' | 'error' } | null;
} {
  let dayFirst: { value: string; line: number } | null = null;
  let monthFirst: { value: string; line: number } | null = null;
  let ambiguous: { value: string; line: number } | null = null;
  for (const date of dates) {
    const m = SLASHED.exec(date.value);
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) dayFirst ??= date;
    else if (b > 12 && a <= 12) monthFirst ??= date;
    else if (a <= 12 && b <= 12 && a !== b) ambiguous ??= date;
  }
  if (dayFirst && monthFirst)
    return {
      order: 'month-first',
      note: {
        line: dayFirst.line,
        severity: 'error',
        reason: `Slashed dates are written both ways: ${dayFirst.value} (line ${dayFirst.line}) is day first, ${monthFirst.value} (line ${monthFirst.line}) month first. Write dates as YYYY-MM-DD.`,
      },
    };
  if (dayFirst)
    return {
      order: 'day-first',
      note: {
        line: dayFirst.line,
        severity: 'warning',
        reason: `Slashed dates are read day first (D/M/YYYY), as ${dayFirst.value} on line ${dayFirst.line} shows.`,
      },
    };
  if (ambiguous && !monthFirst)
    return {
      order: 'month-first',
      note: {
        line: ambiguous.line,
        severity: 'warning',
        reason: `Slashed dates are read month first (M/D/YYYY, US order): ${ambiguous.value} on line ${ambiguous.line} is ${isoDateOf(ambiguous.value) ?? 'not a date'}. If the file writes the day first, write dates as YYYY-MM-DD.`,
      },
    };
  return { order: 'month-first', note: null };
}

function normalizeColumn(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The screener on a row: null when it has none, or the names of the required values it lacks. */
function screenerOf(row: SupportsRow, line: number): ScreenerRow | null | string[] {
  const { subject, measure, score, percentile, tested_on: testedOn } = row;
  if (subject === null && measure === null && score === null && percentile === null && testedOn === null) return null;
  if (subject === null || measure === null || percentile === null || testedOn === null) {
    const needed = { subject, measure, percentile, tested_on: testedOn };
    return Object.entries(needed)
      .filter(([, value]) => value === null)
      .map(([column]) => column);
  }
  return { sisId: row.sis_id, subject, measure, score, percentile, testedOn, line };
}

interface Collector {
  file: string;
  result: SupportsResult;
  supportLines: Map<string, Partial<Record<keyof StudentSupports, number>>>; // where each value was first given
  screenerByKey: Map<string, ScreenerRow>;
}

function problem(collector: Collector, line: number | null, severity: RosterProblem['severity'], reason: string): void {
  collector.result.problems.push({ file: collector.file, line, severity, reason });
}

const yn = (value: boolean | null) => (value ? 'Y' : 'N');

/** Adds the row's support values; false (and an error) when one contradicts an earlier row for the student. */
function addSupports(collector: Collector, row: SupportsRow, line: number): boolean {
  const given = SUPPORT_COLUMNS.filter((column) => row[column] !== null);
  if (given.length === 0) return true;
  const current = collector.result.supports.get(row.sis_id) ?? {
    multilingualLearner: null,
    iep: null,
    section504: null,
    economicallyDisadvantaged: null,
    foster: null,
    homeless: null,
  };
  const lines = collector.supportLines.get(row.sis_id) ?? {};
  const conflicts = given.filter((column) => {
    const earlier = current[SUPPORT_FIELDS[column]];
    return earlier !== null && earlier !== row[column];
  });
  for (const column of conflicts) {
    const field = SUPPORT_FIELDS[column];
    const reason = `${column}: ${yn(row[column])} here but ${yn(current[field])} on line ${lines[field]} for the same student; the row was skipped.`;
    problem(collector, line, 'error', reason);
  }
  if (conflicts.length > 0) return false;
  for (const column of given) {
    const field = SUPPORT_FIELDS[column];
    if (current[field] === null) lines[field] = line;
    current[field] = row[column];
  }
  collector.result.supports.set(row.sis_id, current);
  collector.supportLines.set(row.sis_id, lines);
  return true;
}

function addScreener(collector: Collector, screener: ScreenerRow): void {
  const key = [screener.sisId, screener.subject, screener.measure, screener.testedOn].join('\u0000');
  const first = collector.screenerByKey.get(key);
  if (!first) {
    collector.screenerByKey.set(key, screener);
    collector.result.screeners.push(screener);
    return;
  }
  const same = first.score === screener.score && first.percentile === screener.percentile;
  const reason = same
    ? `The same screener result as line ${first.line}; this copy was skipped.`
    : `Another result for the same student, subject, measure and date is on line ${first.line}; this row was skipped.`;
  problem(collector, screener.line, same ? 'warning' : 'error', reason);
}

function readRow(collector: Collector, cells: Record<SupportsColumn, string>, line: number, order: SlashOrder): void {
  const parsed = ROW_SCHEMAS[order].safeParse(cells);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issue.path.map(String).join('.');
      problem(collector, line, 'error', column ? `${column}: ${issue.message}` : issue.message);
    }
    return;
  }
  const screener = screenerOf(parsed.data, line);
  if (Array.isArray(screener)) {
    problem(collector, line, 'error', `A screener row needs ${screener.join(', ')}; the row was skipped.`);
    return;
  }
  const hasSupports = SUPPORT_COLUMNS.some((column) => parsed.data[column] !== null);
  if (!screener && !hasSupports) {
    problem(collector, line, 'warning', 'The row has no supports and no screener; nothing to import.');
    return;
  }
  if (addSupports(collector, parsed.data, line) && screener) addScreener(collector, screener);
}

/** Parses a supports and screener CSV. A row with any bad value is skipped whole and reported. */
export function parseSupportsCsv(text: string, file = 'supports.csv'): SupportsResult {
  const table = parseCsv(text, file);
  const result: SupportsResult = { supports: new Map(), screeners: [], problems: [...table.problems] };
  const collector: Collector = { file, result, supportLines: new Map(), screenerByKey: new Map() };
  if (table.header.length === 0) {
    problem(collector, null, 'error', 'The file is empty: it has no header row.');
    return result;
  }
  const index = headerIndex(table.header, normalizeColumn);
  const known = new Set<string>(ALL_COLUMNS);
  const unknown = table.header.filter((name) => !known.has(normalizeColumn(name)));
  if (unknown.length > 0)
    problem(collector, table.headerLine, 'warning', `Unknown columns ignored: ${unknown.join(', ')}.`);
  if (!index.has('sis_id')) {
    problem(collector, null, 'error', 'The sis_id column is missing. The file was not read.');
    return result;
  }
  const dateAt = index.get('tested_on');
  const { order, note } = slashOrderOf(
    dateAt === undefined ? [] : table.rows.map((row) => ({ value: (row.values[dateAt] ?? '').trim(), line: row.line })),
  );
  if (note) problem(collector, note.line, note.severity, note.reason);
  for (const row of table.rows) {
    const cells = Object.fromEntries(
      ALL_COLUMNS.map((column) => {
        const at = index.get(column);
        return [column, at === undefined ? '' : (row.values[at] ?? '')];
      }),
    ) as Record<SupportsColumn, string>;
    readRow(collector, cells, row.line, order);
  }
  return result;
}

/** A small example file for the template download link. */
export function supportsExampleCsv(): string {
  return toCsv([
    ALL_COLUMNS,
    ['004512', 'Y', 'N', 'N', 'Y', 'N', 'N', 'MATH', 'i-Ready Diagnostic Math', '412', '23', '2026-09-15'],
    ['004512', '', '', '', '', '', '', 'ELA', 'DIBELS 8 ORF', '38', '12', '2026-09-16'],
    ['004513', 'N', 'Y', 'N', 'N', 'N', 'N', '', '', '', '', ''],
    ['004514', '', '', '', '', '', '', 'Reading', 'Acadience Reading Composite', '301', '55', '9/18/2026'],
  ]);
}
