// Reading a file that is not UTF-8: the encoding is detected (chardet), the text
// converted (iconv-lite), and the person is shown names as read, so they can see the
// text is right. When the detection is unsure and the likely encodings would read the
// names differently, the file is refused (an error: the batch cannot be applied).
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RosterProblem } from './types';

/** Below this confidence (0-100) a detection is a guess. */
export const SURE_CONFIDENCE = 50;

/** Up to `count` values holding non-ASCII text, as read: what a person checks. */
export function sampleNames(text: string, count = 4): string[] {
  const samples: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    for (const cell of line.split(/[,;\t]/)) {
      const value = cell.replace(/^"|"$/g, '').trim();
      if (/[^\x00-\x7f]/.test(value) && value.length <= 40 && !samples.includes(value)) samples.push(value);
      if (samples.length >= count) return samples;
    }
  }
  return samples;
}

interface Reading {
  encoding: string;
  confidence: number;
  text: string;
}

/** The encodings chardet finds likely, each decoded; ones that leave undecodable bytes are dropped. */
function readings(bytes: Uint8Array): Reading[] {
  const found: Reading[] = [];
  for (const match of chardet.analyse(bytes)) {
    if (match.name === 'UTF-8' || match.name === 'ASCII' || !iconv.encodingExists(match.name)) continue;
    const text = iconv.decode(Buffer.from(bytes), match.name);
    if (text.includes('\uFFFD')) continue;
    found.push({ encoding: match.name, confidence: match.confidence, text });
  }
  return found;
}

/** Decodes bytes that are not UTF-8; the problem says how it was read, with names to check. */
export function decodeLegacy(name: string, bytes: Uint8Array): { text: string; problem: RosterProblem } {
  const candidates = readings(bytes);
  const best = candidates[0];
  if (!best) {
    // Nothing fits cleanly: Windows-1252 reads every byte, and the person is told it is a guess.
    const text = iconv.decode(Buffer.from(bytes), 'windows-1252');
    return {
      text,
      problem: {
        file: name,
        line: null,
        severity: 'error',
        reason: `The file is not UTF-8 and its encoding could not be told. Save it as "CSV UTF-8" and upload it again.`,
      },
    };
  }
  const rivals = candidates.filter((c) => c !== best && c.confidence >= best.confidence * 0.8 && c.text !== best.text);
  const samples = sampleNames(best.text);
  const shown = samples.length ? ` Names as read: ${samples.join(', ')}. Check they are right.` : '';
  if (best.confidence < SURE_CONFIDENCE && rivals.length > 0) {
    const other = rivals[0]!;
    const otherSamples = sampleNames(other.text);
    return {
      text: best.text,
      problem: {
        file: name,
        line: null,
        severity: 'error',
        reason:
          `The file is not UTF-8, and its encoding cannot be told for sure: as ${best.encoding} names read ${samples.join(', ') || '(none)'}; ` +
          `as ${other.encoding}, ${otherSamples.join(', ') || '(none)'}. Save it as "CSV UTF-8" and upload it again.`,
      },
    };
  }
  return {
    text: best.text,
    problem: {
      file: name,
      line: null,
      severity: 'warning',
      reason: `The file is not UTF-8; it was read as ${best.encoding} (detected, ${best.confidence}% sure).${shown}`,
    },
  };
}
