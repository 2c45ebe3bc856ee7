// Uploaded files to text: plain CSV, a .zip of CSVs (as SIS exports come), or
// .csv.gz (the browser compresses large files so they fit the request limit).
//
// Everything here runs on the staging thread on bytes anyone signed in as an
// importer can send, so it counts what it really unpacks: a ZIP's headers may state
// any size, and the budget below is charged with the bytes as they come out of the
// inflater, which stops as soon as it is spent.
import { RouteError } from '../http/errors';
import { gunzipSync } from 'node:zlib';
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { decodeLegacy } from './encoding';
import type { RosterProblem } from './types';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A refusal of the upload as a whole, with a sentence for the person (answered 400). */
export class UploadError extends RouteError {
  constructor(message: string, status = 400, headers?: HeadersInit) {
    super(status, message, headers);
  }
}

/** This server already holds as many uploads as it may keep waiting: refused (503) before the body is read. */
export class TooManyUploadsError extends UploadError {
  constructor(limit: number) {
    super(
      `This server is already holding ${limit} uploads waiting to be checked, so these files were not taken. Upload them again in a few minutes.`,
      503,
      { 'Retry-After': '120' },
    );
  }
}

/**
 * Unpacked text may be this large in all: six times the generated 50,000-student set
 * (5.4 MB). Staging costs about 20 bytes of memory per byte of CSV (docs/bench-import.md),
 * so a file this size fits the staging thread's heap limit (STAGING_HEAP_MB).
 */
export const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
const BUDGET_WORDS = `${MAX_UNPACKED_BYTES / 1024 / 1024} MB`;

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most about
 * 1,032 times, so one step can overshoot the budget by at most about 16 MB before it is stopped.
 */
const INFLATE_STEP = 16 * 1024;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name as it may be stored and shown: the database refuses NUL and unpaired
 * surrogates (a 500 before), and names are kept short.
 */
export function cleanName(name: string): string {
  const short = name.length > 200 ? `${name.slice(0, 150)}…${name.slice(-49)}` : name; // keeps the extension
  return short.replace(LONE_SURROGATE, '\ufffd').replace(/[\u0000-\u001f\u007f]/g, '?');
}

/**
 * Text for a stored problem: at most `max` characters, no NUL, no unpaired surrogate
 * (the jsonb column refuses both). Problems quote the file's values, which may be megabytes.
 */
export function clip(text: string, max: number): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '?');
}

/** The unpacked bytes left; taking more than is left refuses the upload. */
class Budget {
  left = MAX_UNPACKED_BYTES;

  /** `what`: the file being unpacked, or null for plain CSVs. */
  take(bytes: number, what: string | null): void {
    this.left -= bytes;
    if (this.left >= 0) return;
    const subject = what === null ? 'The files add up to' : `${what} unpacks to`;
    throw new UploadError(
      `${subject} more than ${BUDGET_WORDS} of CSV, the most one import can check. ` +
        'Split the export (by school) and import the parts one after another.',
    );
  }
}

/** 1-based line of `text[index]`, counting line breaks as the CSV reader does. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

function decode(name: string, bytes: Uint8Array, problems: RosterProblem[]): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UploadError(`${name} is saved as UTF-16 ("Unicode text"). Save it as "CSV UTF-8" and upload it again.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Spreadsheets still save "CSV" as Windows-1252, or Shift_JIS in Japan: detect, convert, and say so.
    const legacy = decodeLegacy(name, bytes);
    problems.push(legacy.problem);
    text = legacy.text;
  }
  // The database cannot store a NUL character: it was a 500 when the preview was saved.
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    throw new UploadError(
      `${name} line ${lineAt(text, nul)} contains a NUL byte (character 0), which a CSV file cannot hold. ` +
        'Export the file again as CSV and upload it.',
    );
  }
  return text;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The .csv entries of a ZIP, inflated as a stream and charged to the budget byte by byte. */
function unzip(file: UploadedFile, budget: Budget): [string, Uint8Array][] {
  if (startsWith(file.bytes, EMPTY_ZIP)) throw new UploadError(`${file.name} holds no CSV files.`);
  if (!startsWith(file.bytes, ZIP_ENTRY)) throw new UploadError(`${file.name} is not a ZIP file that can be opened.`);
  const entries: { name: string; chunks: Uint8Array[]; done: boolean }[] = [];
  const onfile = (entry: UnzipFile) => {
    const name = cleanName(entry.name);
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) return;
    if (/\.(zip|gz|7z|rar|tar|tgz)$/i.test(name)) {
      throw new UploadError(
        `${file.name} holds another archive (${baseName(name)}). Upload the CSV files, or one ZIP of them.`,
      );
    }
    if (!/\.csv$/i.test(name)) return;
    if (entry.compression !== 0 && entry.compression !== 8) {
      const problem = `${baseName(name)} in ${file.name} is compressed in a way this app cannot read.`;
      throw new UploadError(`${problem} Make the ZIP again with the usual settings.`);
    }
    const found = { name, chunks: [] as Uint8Array[], done: false };
    entries.push(found);
    entry.ondata = (error, data, final) => {
      // fflate hands what ondata throws back to ondata as `error`: the budget's refusal comes back here.
      if (error instanceof UploadError) throw error;
      if (error) throw new UploadError(`${file.name} is not a ZIP file that can be opened.`);
      budget.take(data.length, file.name);
      if (data.length > 0) found.chunks.push(data);
      if (final) found.done = true;
    };
    entry.start();
  };
  const stream = new Unzip(onfile);
  stream.register(UnzipInflate);
  stream.register(UnzipPassThrough);
  try {
    const { bytes } = file;
    for (let at = 0; at < bytes.length; at += INFLATE_STEP) {
      stream.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length);
    }
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(`${file.name} is not a ZIP file that can be opened.`);
  }
  if (entries.some((e) => !e.done)) {
    throw new UploadError(`${file.name} is cut short (the upload or the ZIP is incomplete). Make the ZIP again.`);
  }
  if (entries.length === 0) throw new UploadError(`${file.name} holds no CSV files.`);
  return entries.map((e) => [e.name, joined(e.chunks)]);
}

function joined(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

function gunzip(file: UploadedFile, budget: Budget): Uint8Array {
  let bytes: Uint8Array;
  try {
    // zlib stops once it has written more than maxOutputLength: the real size, not a header's.
    bytes = gunzipSync(file.bytes, { maxOutputLength: Math.max(budget.left, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') budget.take(budget.left + 1, file.name);
    throw new UploadError(`${file.name} could not be unpacked: it is not a gzip file.`);
  }
  budget.take(bytes.length, file.name);
  return bytes;
}

/** File name (as in the upload or the ZIP) → text, and what was noticed on the way. */
export function readUploads(files: UploadedFile[]): { texts: Map<string, string>; problems: RosterProblem[] } {
  const texts = new Map<string, string>();
  const problems: RosterProblem[] = [];
  const budget = new Budget();
  const add = (name: string, bytes: Uint8Array) => {
    if (texts.has(name)) throw new UploadError(`${baseName(name)} was given twice.`);
    texts.set(name, decode(baseName(name), bytes, problems));
  };
  for (const upload of files) {
    const file = { name: cleanName(upload.name), bytes: upload.bytes };
    const lower = file.name.toLowerCase();
    if (file.bytes.length === 0) throw new UploadError(`${file.name} is empty.`);
    if (lower.endsWith('.zip')) for (const [name, bytes] of unzip(file, budget)) add(name, bytes);
    else if (lower.endsWith('.csv.gz')) add(file.name.slice(0, -3), gunzip(file, budget));
    else if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
      budget.take(file.bytes.length, null);
      add(file.name, file.bytes);
    } else throw new UploadError(`${file.name} is not a CSV or ZIP file.`);
  }
  if (texts.size === 0) throw new UploadError('Choose at least one CSV or ZIP file.');
  return { texts, problems };
}
