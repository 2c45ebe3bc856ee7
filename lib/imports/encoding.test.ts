import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readUploads } from './files';

const NAMES = [
  ['太郎', '山田'],
  ['花子', '佐藤'],
  ['一郎', '鈴木'],
  ['美咲', '高橋'],
  ['翔太', '田中'],
  ['さくら', '伊藤'],
  ['健太', '渡辺'],
  ['陽菜', '山本'],
  ['大翔', '中村'],
  ['結衣', '小林'],
  ['蓮', '加藤'],
  ['葵', '吉田'],
];
const users = (names: string[][]) =>
  'sourcedId,givenName,familyName\r\n' + names.map(([g, f], i) => `u${i},${g},${f}`).join('\r\n') + '\r\n';
const upload = (text: string, encoding: string) =>
  readUploads([{ name: 'users.csv', bytes: new Uint8Array(iconv.encode(text, encoding)) }]);

describe('files that are not UTF-8', () => {
  it('detects Shift_JIS (Japanese Excel’s CSV), converts it, and shows names as read', () => {
    const text = users(NAMES);
    const read = upload(text, 'Shift_JIS');
    expect(read.texts.get('users.csv')).toBe(text);
    expect(read.problems).toEqual([
      {
        file: 'users.csv',
        line: null,
        severity: 'warning',
        reason: expect.stringMatching(
          /^The file is not UTF-8; it was read as Shift_JIS \(detected, \d+% sure\)\. Names as read: 太郎, 山田, 花子, 佐藤\. Check they are right\.$/,
        ),
      },
    ]);
  });

  it('reads a Western spreadsheet’s CSV with its accents intact', () => {
    const text = users([
      ['José', 'Núñez'],
      ['Zoë', 'Brontë'],
      ['François', 'Lefèvre'],
      ['Chloé', 'Dubois'],
      ['Ángel', 'García'],
      ['Inés', 'Muñoz'],
    ]);
    const read = upload(text, 'windows-1252');
    expect(read.texts.get('users.csv')).toBe(text);
    expect(read.problems[0]).toMatchObject({ severity: 'warning', reason: expect.stringContaining('José, Núñez') });
  });

  it('refuses to guess when the likely encodings read the names differently', () => {
    // Two names are too few to tell Shift_JIS from the Chinese encodings.
    const read = upload(users(NAMES.slice(0, 1)), 'Shift_JIS');
    expect(read.problems).toEqual([
      {
        file: 'users.csv',
        line: null,
        severity: 'error',
        reason: expect.stringMatching(
          /^The file is not UTF-8, and its encoding cannot be told for sure: as .+ Save it as "CSV UTF-8" and upload it again\.$/,
        ),
      },
    ]);
  });
});
