/**
 * CSV reading (csv-parse) and writing for roster imports. Values stay strings
 * (leading zeros in ids and codes matter); each row keeps the 1-based line it starts
 * on so problems can be reported as "file, line, reason".
 */
import { CsvError, parse } from 'csv-parse/sync';

/** A problem found in an import file. `line` is null when it concerns the whole file. */
export interface RosterProblem {
  file: string;
  line: number | null;
  severity: 'error' | 'warning';
  reason: string;
}

export interface CsvRow {
  line: number; // 1-based line of the row's first character
  values: string[]; // padded or cut to the header's width
}

export interface CsvTable {
  header: string[]; // trimmed; empty when the file has no header row
  headerLine: number;
  rows: CsvRow[];
  problems: RosterProblem[];
}

/**
 * Values read per record. OneRoster files have about 20 columns; a record with a
 * million (a hostile or broken file) would otherwise become a million strings and a
 * problem naming every column. The rest of such a record is read past, not kept.
 */
export const MAX_COLUMNS = 200;

/** Rows read per file: a 50,000-student district's enrollments are a few hundred thousand. */
export const MAX_ROWS = 1_000_000;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const SEMICOLON = 59;

/** Counts line breaks (CRLF, LF or a lone CR) in bytes[start, end). */
function countLineBreaks(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === LF || (c === CR && bytes[i + 1] !== LF)) count++;
  }
  return count;
}

/** The first byte at or after `pos` that is not a line break, space or tab: where a record's text starts. */
function recordStart(bytes: Uint8Array, pos: number): number {
  let i = pos;
  while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF || bytes[i] === SPACE || bytes[i] === TAB)) i++;
  return i;
}

/**
 * The byte after the line break that ends the record starting at `start`, skipping
 * breaks inside quotes: where reading resumes after a record the parser refused.
 */
function recordEnd(bytes: Uint8Array, start: number): number {
  let quoted = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === LF) return i + 1;
    else if (!quoted && c === CR) return bytes[i + 1] === LF ? i + 2 : i + 1;
  }
  return bytes.length;
}

/**
 * The separator, from the first line outside quotes: a comma unless the line has
 * none and has semicolons (European spreadsheets) or tabs. `name` says which when it
 * is not a comma.
 */
function delimiterOf(text: string): { char: string; name: string | null } {
  const counts = new Map<number, number>([
    [COMMA, 0],
    [SEMICOLON, 0],
    [TAB, 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 10_000; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      if ([...counts.values()].some((n) => n > 0)) break; // the first line with a separator
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  if (counts.get(COMMA)! > 0) return { char: ',', name: null };
  if (counts.get(SEMICOLON)! > 0) return { char: ';', name: 'semicolons' };
  if (counts.get(TAB)! > 0) return { char: '\t', name: 'tabs' };
  return { char: ',', name: null };
}

/** Why csv-parse refused a record, in the words of the preview. */
function refusal(error: unknown): string {
  const code = error instanceof CsvError ? error.code : '';
  if (code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return 'Text follows a closing quote (a value like "Ana"bel); the row was not read. Quote the whole value.';
  const message = error instanceof Error ? error.message : String(error);
  return `The row could not be read as CSV (${message.length > 120 ? `${message.slice(0, 117)}…` : message}).`;
}

/** Stops csv-parse from inside on_record once the row cap is reached. */
const ENOUGH = Symbol('enough rows');

/**
 * Parses CSV text with csv-parse: quoted or bare fields, CRLF/LF/CR line ends mixed
 * freely, a UTF-8 byte-order mark, blank lines skipped, spaces around values dropped.
 * The first non-blank record is the header.
 *
 * Line numbers are counted here from each record's byte offset (csv-parse's own
 * count drifts after quoted line breaks). A record the parser refuses is an error on
 * the line it starts on, and reading resumes at the next record; a quote never
 * closed is an error on the line it opened, and ends the file.
 */
export function parseCsv(text: string, file = ''): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bytes = Buffer.from(body, 'utf8');
  const delimiter = delimiterOf(body);
  const problems: RosterProblem[] = [];
  if (delimiter.name)
    problems.push({
      file,
      line: null,
      severity: 'warning',
      reason: `This file separates values with ${delimiter.name}, not commas; it was read that way.`,
    });
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: CsvRow[] = [];

  // Line numbers: `line` is the line of byte `countedTo`; both only move forward.
  let line = 1;
  let countedTo = 0;
  const lineAt = (pos: number) => {
    line += countLineBreaks(bytes, countedTo, pos);
    countedTo = pos;
    return line;
  };

  const take = (fields: string[], at: number) => {
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    const count = fields.length;
    if (count > MAX_COLUMNS) {
      const what = header === null ? 'The header has' : 'The row has';
      const reason = `${what} ${count.toLocaleString('en-US')} values; a CSV file here may have at most ${MAX_COLUMNS} columns. Check the export.`;
      problems.push({ file, line: at, severity: 'error', reason });
    }
    if (header === null) {
      header = fields.slice(0, MAX_COLUMNS);
      headerLine = at;
      return;
    }
    if (rows.length === MAX_ROWS) {
      const reason = `The file has more than ${MAX_ROWS.toLocaleString('en-US')} rows; the rest was not read. Split the export.`;
      problems.push({ file, line: at, severity: 'error', reason });
      throw ENOUGH;
    }
    rows.push({ line: at, values: fitToWidth(fields, header.length, at, file, problems) });
  };

  let offset = 0; // where the current csv-parse pass began
  while (offset < bytes.length) {
    let parsedTo = offset; // the end of the last record csv-parse gave
    try {
      parse(bytes.subarray(offset), {
        delimiter: delimiter.char,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        trim: true,
        on_record: (fields: string[], context) => {
          const at = lineAt(recordStart(bytes, parsedTo));
          parsedTo = offset + context.bytes;
          take(fields, at);
          return null; // rows are kept here, not by csv-parse
        },
      });
      break;
    } catch (error) {
      if (error === ENOUGH) break;
      const start = recordStart(bytes, parsedTo);
      const at = lineAt(start);
      if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
        const reason = 'A quoted value is never closed; the rest of the file was not read.';
        problems.push({ file, line: at, severity: 'error', reason });
        break;
      }
      problems.push({ file, line: at, severity: 'error', reason: refusal(error) });
      offset = recordEnd(bytes, start);
    }
  }
  return { header: header ?? [], headerLine, rows, problems };
}

function fitToWidth(fields: string[], width: number, line: number, file: string, problems: RosterProblem[]): string[] {
  if (fields.length === width) return fields;
  if (fields.length <= MAX_COLUMNS) {
    const reason =
      fields.length > width
        ? `The row has ${fields.length} values but the header has ${width} columns; the extra values are ignored.`
        : `The row has ${fields.length} values but the header has ${width} columns; the missing ones are read as blank.`;
    problems.push({ file, line, severity: 'warning', reason });
  }
  if (fields.length > width) return fields.slice(0, width);
  const padded = fields.slice();
  while (padded.length < width) padded.push('');
  return padded;
}

/** Lower-cased header name → first column index, for matching columns by name. */
export function headerIndex(
  header: readonly string[],
  normalize = (name: string) => name.trim().toLowerCase(),
): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalize(name);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

export type CsvCell = string | number | boolean | null | undefined;

function quoteCell(cell: CsvCell): string {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows as CSV with CRLF line ends (RFC 4180), quoting only where needed. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(quoteCell).join(',') + '\r\n').join('');
}
