// Hostile uploads (security review #11): what the staging thread is given is read
// within a budget of real bytes, and every refusal is a sentence, never a crash.
import { deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bomb, zipOf } from '../../tests/setup/hostile-files';
import { readUploads, UploadError, MAX_UNPACKED_BYTES, type UploadedFile } from './files';
import { lookupOf, previewOf, readUpload, REASON_CAP } from './staging';

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (name: string, text: string): UploadedFile => ({ name, bytes: utf8(text) });

function refusal(files: UploadedFile[]): string {
  try {
    readUploads(files);
  } catch (error) {
    expect(error).toBeInstanceOf(UploadError);
    return (error as Error).message;
  }
  throw new Error('the upload was accepted');
}

describe('unpacking counts real bytes', () => {
  it('refuses a ZIP whose headers understate its size, at the budget', () => {
    const megabytes = MAX_UNPACKED_BYTES / 2 ** 20 + 16;
    const zip = zipOf('users.csv', bomb(megabytes), 1000); // "1,000 bytes"
    expect(zip.length).toBeLessThan(2 ** 20);
    expect(refusal([{ name: 'roster.zip', bytes: zip }])).toMatch(/roster\.zip unpacks to more than 32 MB of CSV/);
  }, 30_000);

  it('still reads an honest ZIP, and one whose header overstates its size', () => {
    const text = 'sourcedId,name\n1,Adams\n';
    const honest = zipSync({
      'export/orgs.csv': utf8(text),
      'readme.txt': utf8('x'),
      '__MACOSX/._orgs.csv': utf8('x'),
    });
    expect([...readUploads([{ name: 'roster.zip', bytes: honest }]).texts]).toEqual([['export/orgs.csv', text]]);
    const overstated = zipOf('orgs.csv', deflateRawSync(Buffer.from(text)), 2 ** 31);
    expect(readUploads([{ name: 'roster.zip', bytes: overstated }]).texts.get('orgs.csv')).toBe(text);
  });

  it('refuses a .csv.gz that inflates past the budget', () => {
    const gz = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]),
      bomb(MAX_UNPACKED_BYTES / 2 ** 20 + 8),
    ]);
    expect(refusal([{ name: 'users.csv.gz', bytes: new Uint8Array(gz) }])).toMatch(/more than 32 MB/);
  }, 30_000);
});

describe('hostile files get a sentence, not a 500', () => {
  it('a NUL byte names its file and line', () => {
    expect(refusal([csv('users.csv', 'sourcedId,givenName\r\nu1,Ann\r\nu2,B\u0000b\r\n')])).toMatch(
      /^users\.csv line 3 contains a NUL byte/,
    );
    const zip = zipSync({ 'x/orgs.csv': utf8('a\n\n\u0000\n') });
    expect(refusal([{ name: 'r.zip', bytes: zip }])).toMatch(/^orgs\.csv line 3 contains a NUL byte/);
  });

  it.each([
    ['an empty file', [csv('users.csv', '')], /users\.csv is empty/],
    ['a .zip that is not a ZIP', [csv('roster.zip', 'sourcedId\n1\n')], /roster\.zip is not a ZIP file/],
    [
      'a ZIP inside the ZIP',
      [{ name: 'r.zip', bytes: zipSync({ 'inner.zip': zipSync({ 'users.csv': utf8('a\n') }) }) }],
      /holds another archive \(inner\.zip\)/,
    ],
    [
      'a ZIP cut short',
      [{ name: 'r.zip', bytes: zipSync({ 'users.csv': utf8('sourcedId\n'.repeat(500)) }).subarray(0, 40) }],
      /cut short|not a ZIP/,
    ],
    ['an empty ZIP', [{ name: 'r.zip', bytes: zipSync({}) }], /holds no CSV files/],
    ['a UTF-16 file', [{ name: 'users.csv', bytes: new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0a, 0]) }], /UTF-16/],
    ['a .gz that is not gzip', [csv('users.csv.gz', 'hello')], /not a gzip file/],
  ])('%s', (_, files, message) => {
    expect(refusal(files)).toMatch(message);
  });

  it('a name with a NUL or a lone surrogate is stored cleaned', () => {
    const { texts } = readUploads([csv('bad\u0000\ud800.csv', 'a\n1\n')]);
    expect([...texts.keys()]).toEqual(['bad?\ufffd.csv']);
    const long = [...readUploads([csv(`${'\ud83d\ude00'.repeat(100)}users.csv`, 'a\n')]).texts.keys()][0]!;
    expect(long).toHaveLength(200);
    expect(long).toMatch(/…(\ud83d\ude00)+users\.csv$/); // the extension kept
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(long)).toBe(false);
  });
});

describe('a CSV with a million columns', () => {
  it('gives short problems and a small preview', () => {
    const wide = 'x,'.repeat(1_000_000);
    const users = `sourcedId,role,givenName,familyName,orgSourcedIds,${wide}\r\nu1,student,Ann,Bee,org-a,${wide}\r\n`;
    expect(users.length).toBeGreaterThan(4_000_000);
    const read = readUpload('oneroster', [csv('users.csv', users), csv('orgs.csv', `sourcedId,name,type,${wide}\n`)]);
    lookupOf(read);
    const preview = previewOf(read, { kind: 'district' }, { kind: 'oneroster', sites: [], studentsJson: '[]' });
    const tooWide = expect.stringMatching(/1,000,006 values; .* at most 200 columns/);
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ file: 'users.csv', line: 1, severity: 'error', reason: tooWide }),
    );
    expect(preview.problems).toContainEqual(expect.objectContaining({ file: 'orgs.csv', line: 1, severity: 'error' }));
    expect(Math.max(...preview.problems.map((p) => p.reason.length))).toBeLessThanOrEqual(REASON_CAP);
    expect(JSON.stringify(preview.problems).length).toBeLessThan(20_000);
    expect(JSON.stringify(preview.summary).length).toBeLessThan(1_000);
    expect(preview.payloadJson.length).toBeLessThan(20_000);
  }, 30_000);
});
