// Uploaded files to text: plain CSV, a .zip of CSVs (as SIS exports come), or
// .csv.gz (the browser compresses large files so they fit the request limit).
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { RosterProblem } from './types';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A refusal of the upload as a whole, with a sentence for the person. */
export class UploadError extends Error {}

/** Unpacked text may be this large in all: 50,000 students are far less. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

function decode(name: string, bytes: Uint8Array, problems: RosterProblem[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Spreadsheet programs still save "CSV" as Windows-1252: read it, and say so.
    problems.push({ file: name, line: null, severity: 'warning', reason: 'The file is not UTF-8; it was read as Windows-1252. Check names with accents.' });
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function unzip(file: UploadedFile, budget: { left: number }): [string, Uint8Array][] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (entry) => {
        if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/') || !/\.csv$/i.test(entry.name)) return false;
        budget.left -= entry.originalSize;
        if (budget.left < 0) throw new UploadError(`${file.name} unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB.`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(`${file.name} is not a ZIP file that can be opened.`);
  }
  const found = Object.entries(entries);
  if (found.length === 0) throw new UploadError(`${file.name} holds no CSV files.`);
  return found;
}

function gunzip(file: UploadedFile, budget: { left: number }): Uint8Array {
  try {
    const bytes = gunzipSync(file.bytes, { maxOutputLength: Math.max(budget.left, 1) });
    budget.left -= bytes.length;
    return bytes;
  } catch {
    throw new UploadError(`${file.name} could not be unpacked (or unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB).`);
  }
}

/** File name (as in the upload or the ZIP) → text, and what was noticed on the way. */
export function readUploads(files: UploadedFile[]): { texts: Map<string, string>; problems: RosterProblem[] } {
  const texts = new Map<string, string>();
  const problems: RosterProblem[] = [];
  const budget = { left: MAX_UNPACKED_BYTES };
  const add = (name: string, bytes: Uint8Array) => {
    if (texts.has(name)) throw new UploadError(`${baseName(name)} was given twice.`);
    texts.set(name, decode(baseName(name), bytes, problems));
  };
  for (const file of files) {
    const lower = file.name.toLowerCase();
    if (lower.endsWith('.zip')) for (const [name, bytes] of unzip(file, budget)) add(name, bytes);
    else if (lower.endsWith('.csv.gz')) add(file.name.slice(0, -3), gunzip(file, budget));
    else if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
      budget.left -= file.bytes.length;
      if (budget.left < 0) throw new UploadError(`The files add up to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB.`);
      add(file.name, file.bytes);
    } else throw new UploadError(`${file.name} is not a CSV or ZIP file.`);
  }
  if (texts.size === 0) throw new UploadError('Choose at least one CSV or ZIP file.');
  return { texts, problems };
}
