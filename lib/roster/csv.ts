/**
 * RFC 4180 CSV reading and writing for roster imports. Pure and dependency-free.
 * Values stay strings (leading zeros in ids and codes matter); each row keeps the
 * 1-based line it starts on so problems can be reported as "file, line, reason".
 */

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

/** Counts line breaks (CRLF, LF or a lone CR) in text[start, end). */
function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

interface Cursor {
  text: string;
  /** The separator's character code: a comma, or what the header shows (a semicolon, a tab). */
  delimiter: number;
  pos: number;
  line: number;
  file: string;
  problems: RosterProblem[];
}

/** Reads a quoted field; `cur.pos` is on the opening quote. Doubled quotes are one quote. */
function readQuoted(cur: Cursor): string {
  const { text } = cur;
  const startLine = cur.line;
  const parts: string[] = [];
  let start = cur.pos + 1;
  for (;;) {
    const q = text.indexOf('"', start);
    if (q === -1) {
      cur.problems.push({
        file: cur.file,
        line: startLine,
        severity: 'error',
        reason: 'A quoted value is never closed.',
      });
      parts.push(text.slice(start));
      cur.line += countLineBreaks(text, start, text.length);
      cur.pos = text.length;
      break;
    }
    cur.line += countLineBreaks(text, start, q);
    if (text.charCodeAt(q + 1) === QUOTE) {
      parts.push(text.slice(start, q + 1));
      start = q + 2;
      continue;
    }
    parts.push(text.slice(start, q));
    cur.pos = q + 1;
    break;
  }
  return parts.length === 1 ? (parts[0] ?? '') : parts.join('');
}

/** Reads to the next comma or line break, leaving `cur.pos` on it. */
function readBare(cur: Cursor): string {
  const { text } = cur;
  const start = cur.pos;
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === cur.delimiter || c === LF || c === CR) break;
  }
  cur.pos = i;
  return text.slice(start, i);
}

/** Reads one field. Spaces around a quoted value are dropped; stray text after its closing quote is kept. */
function readField(cur: Cursor): { value: string; quoted: boolean } {
  const { text } = cur;
  let i = cur.pos;
  // Spaces (and tabs, unless tabs separate the values) before an opening quote.
  while (text.charCodeAt(i) === SPACE || (text.charCodeAt(i) === TAB && cur.delimiter !== TAB)) i++;
  if (text.charCodeAt(i) !== QUOTE) return { value: readBare(cur), quoted: false };
  cur.pos = i;
  const value = readQuoted(cur);
  const rest = readBare(cur);
  if (rest.trim() !== '') {
    const text = `${value}${rest}`;
    const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    cur.problems.push({
      file: cur.file,
      line: cur.line,
      severity: 'warning',
      reason: `Text after a closing quote: "${shown}".`,
    });
    return { value: value + rest, quoted: true };
  }
  return { value, quoted: true };
}

/** Reads one record and the line break after it; `count` is how many values it had (at most MAX_COLUMNS are kept). */
function readRecord(cur: Cursor): { fields: string[]; blank: boolean; count: number } {
  const fields: string[] = [];
  let blank = true;
  let count = 0;
  for (;;) {
    const { value, quoted } = readField(cur);
    if (++count <= MAX_COLUMNS) fields.push(value);
    if (quoted || value.trim() !== '') blank = false;
    const c = cur.text.charCodeAt(cur.pos);
    if (c === cur.delimiter) {
      blank = false;
      cur.pos++;
      continue;
    }
    if (c === CR) cur.pos += cur.text.charCodeAt(cur.pos + 1) === LF ? 2 : 1;
    else if (c === LF) cur.pos++;
    if (c === CR || c === LF) cur.line++;
    return { fields, blank, count };
  }
}

function fitToWidth(fields: string[], width: number, line: number, cur: Cursor): string[] {
  if (fields.length === width) return fields;
  const reason =
    fields.length > width
      ? `The row has ${fields.length} values but the header has ${width} columns; the extra values are ignored.`
      : `The row has ${fields.length} values but the header has ${width} columns; the missing ones are read as blank.`;
  cur.problems.push({ file: cur.file, line, severity: 'warning', reason });
  if (fields.length > width) return fields.slice(0, width);
  const padded = fields.slice();
  while (padded.length < width) padded.push('');
  return padded;
}

const SEMICOLON = 59;

/**
 * The separator, from the first line outside quotes: a comma unless the line has
 * none and has semicolons (European spreadsheets) or tabs. `name` says which when it
 * is not a comma.
 */
function delimiterOf(text: string, start: number): { code: number; name: string | null } {
  const counts = new Map<number, number>([
    [COMMA, 0],
    [SEMICOLON, 0],
    [TAB, 0],
  ]);
  let quoted = false;
  for (let i = start; i < text.length && i < start + 10_000; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      if ([...counts.values()].some((n) => n > 0)) break; // the first line with a separator
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  if (counts.get(COMMA)! > 0) return { code: COMMA, name: null };
  if (counts.get(SEMICOLON)! > 0) return { code: SEMICOLON, name: 'semicolons' };
  if (counts.get(TAB)! > 0) return { code: TAB, name: 'tabs' };
  return { code: COMMA, name: null };
}

/**
 * Parses CSV text: quoted or bare fields, CRLF/LF/CR line ends, a UTF-8 byte-order
 * mark, blank lines skipped. The first non-blank record is the header. Linear time.
 */
export function parseCsv(text: string, file = ''): CsvTable {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = delimiterOf(text, start);
  const cur: Cursor = { text, delimiter: delimiter.code, pos: start, line: 1, file, problems: [] };
  if (delimiter.name)
    cur.problems.push({
      file,
      line: null,
      severity: 'warning',
      reason: `This file separates values with ${delimiter.name}, not commas; it was read that way.`,
    });
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  while (cur.pos < text.length) {
    const line = cur.line;
    const { fields, blank, count } = readRecord(cur);
    if (blank) continue;
    if (count > MAX_COLUMNS) {
      const what = header === null ? 'The header has' : 'The row has';
      const reason = `${what} ${count.toLocaleString('en-US')} values; a CSV file here may have at most ${MAX_COLUMNS} columns. Check the export.`;
      cur.problems.push({ file, line, severity: 'error', reason });
    }
    if (header === null) {
      header = fields.map((name) => name.trim());
      headerLine = line;
    } else {
      if (rows.length === MAX_ROWS) {
        const reason = `The file has more than ${MAX_ROWS.toLocaleString('en-US')} rows; the rest was not read. Split the export.`;
        cur.problems.push({ file, line, severity: 'error', reason });
        break;
      }
      const values =
        count > MAX_COLUMNS ? fields.slice(0, header.length) : fitToWidth(fields, header.length, line, cur);
      rows.push({ line, values });
    }
  }
  return { header: header ?? [], headerLine, rows, problems: cur.problems };
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
