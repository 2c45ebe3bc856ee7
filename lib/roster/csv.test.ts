import { describe, expect, it } from 'vitest';
import { headerIndex, parseCsv, toCsv } from './csv';

const valuesOf = (text: string) => parseCsv(text).rows.map((row) => row.values);
const linesOf = (text: string) => parseCsv(text).rows.map((row) => row.line);

describe('parseCsv', () => {
  it('reads bare and quoted fields alike, keeping every value a string', () => {
    const table = parseCsv('id,name,grade\n007,Ana,03\n"008","Ben","KG"\n');
    expect(table.header).toEqual(['id', 'name', 'grade']);
    expect(table.headerLine).toBe(1);
    expect(table.rows.map((r) => r.values)).toEqual([
      ['007', 'Ana', '03'],
      ['008', 'Ben', 'KG'],
    ]);
    expect(table.problems).toEqual([]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,note\n1,"Smith, Jo"\n2,"She said ""hi"""\n3,"two\nlines"\n4,""\n';
    expect(valuesOf(text)).toEqual([
      ['1', 'Smith, Jo'],
      ['2', 'She said "hi"'],
      ['3', 'two\nlines'],
      ['4', ''],
    ]);
  });

  it('numbers rows by the line they start on, counting breaks inside quoted fields', () => {
    const text = 'id,note\n1,"a\nb\nc"\n2,x\n\n3,"\r\n"\r\n4,y';
    expect(linesOf(text)).toEqual([2, 5, 7, 9]);
  });

  it('reads CRLF, LF and lone CR line ends the same way', () => {
    const expected = [
      ['1', 'a'],
      ['2', 'b'],
    ];
    expect(valuesOf('id,v\r\n1,a\r\n2,b\r\n')).toEqual(expected);
    expect(valuesOf('id,v\n1,a\n2,b\n')).toEqual(expected);
    expect(valuesOf('id,v\r1,a\r2,b\r')).toEqual(expected);
    expect(linesOf('id,v\r\n1,a\r\n2,b')).toEqual([2, 3]);
    expect(linesOf('id,v\r1,"a\rb"\r2,c')).toEqual([2, 4]);
  });

  it('strips a UTF-8 byte-order mark from the first header name', () => {
    const table = parseCsv('\uFEFFsourcedId,name\ns1,Ana\n');
    expect(table.header[0]).toBe('sourcedId');
    expect(headerIndex(table.header).get('sourcedid')).toBe(0);
    expect(parseCsv('\uFEFF"sourcedId","name"\n"s1","Ana"\n').header).toEqual(['sourcedId', 'name']);
    expect(parseCsv('\uFEFF"sourcedId"\n').problems).toEqual([]);
  });

  it('ignores blank lines, trailing ones included, but keeps a row of empty values', () => {
    const table = parseCsv('id,v\n\n1,a\n   \n,\n\r\n\r\n');
    expect(table.rows).toEqual([
      { line: 3, values: ['1', 'a'] },
      { line: 5, values: ['', ''] },
    ]);
  });

  it('accepts a header-only file and an empty file', () => {
    expect(parseCsv('id,name\r\n')).toMatchObject({ header: ['id', 'name'], rows: [], problems: [] });
    expect(parseCsv('id,name')).toMatchObject({ header: ['id', 'name'], rows: [] });
    expect(parseCsv('')).toEqual({ header: [], headerLine: 0, rows: [], problems: [] });
    expect(parseCsv('\uFEFF\n\n')).toMatchObject({ header: [], rows: [] });
  });

  it('drops spaces around names and values, quoted or not, but keeps those inside quotes', () => {
    const table = parseCsv(' id , name , note\n 1 , "Ana" ," a b "\n');
    expect(table.header).toEqual(['id', 'name', 'note']);
    expect(table.rows[0]?.values).toEqual(['1', 'Ana', ' a b ']);
  });

  it('pads short rows and cuts long ones to the header, with a warning on the line', () => {
    const table = parseCsv('a,b,c\n1,2\n1,2,3,4\n', 'users.csv');
    expect(table.rows.map((r) => r.values)).toEqual([
      ['1', '2', ''],
      ['1', '2', '3'],
    ]);
    expect(table.problems).toEqual([
      { file: 'users.csv', line: 2, severity: 'warning', reason: expect.stringContaining('2 values') },
      { file: 'users.csv', line: 3, severity: 'warning', reason: expect.stringContaining('4 values') },
    ]);
  });

  it('reports a quote that is never closed, with the line it opened on', () => {
    const table = parseCsv('id,note\n1,ok\n2,"never closed\n3,x\n', 'notes.csv');
    expect(table.problems).toContainEqual({
      file: 'notes.csv',
      line: 3,
      severity: 'error',
      reason: expect.stringMatching(/never closed/),
    });
    // The rows before it are read; nothing after the opening quote is.
    expect(table.rows.map((row) => row.values)).toEqual([['1', 'ok']]);
    const late = parseCsv('id,note\n1,"a\nb"\n2,x\n3,"open\n\n4,y', 'notes.csv');
    expect(late.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(late.problems).toEqual([
      { file: 'notes.csv', line: 5, severity: 'error', reason: expect.stringMatching(/never closed/) },
    ]);
  });

  it('refuses a row with text after a closing quote, on its line, and reads on', () => {
    const table = parseCsv('id,name\n1,"Ana"bel\n2,"Bo\nb"x\n3,Cy\n', 'users.csv');
    expect(table.rows).toEqual([{ line: 5, values: ['3', 'Cy'] }]);
    expect(table.problems).toEqual([
      { file: 'users.csv', line: 2, severity: 'error', reason: expect.stringContaining('closing quote') },
      { file: 'users.csv', line: 3, severity: 'error', reason: expect.stringContaining('closing quote') },
    ]);
  });

  it('numbers lines right when line ends are mixed and quoted values hold breaks', () => {
    const text = 'id,note\r\n1,"a\r\nb"\n2,x\r3,"c\rd\ne"\r\n\n4,y\n';
    expect(linesOf(text)).toEqual([2, 4, 5, 9]);
    expect(valuesOf(text)[2]).toEqual(['3', 'c\rd\ne']);
  });

  it('reads a file separated by semicolons or tabs, and says so once', () => {
    const semi = parseCsv('sourcedId;givenName;familyName\nu1;"Ana; Jo";Kim\n', 'users.csv');
    expect(semi.header).toEqual(['sourcedId', 'givenName', 'familyName']);
    expect(semi.rows.map((r) => r.values)).toEqual([['u1', 'Ana; Jo', 'Kim']]);
    expect(semi.problems).toEqual([
      {
        file: 'users.csv',
        line: null,
        severity: 'warning',
        reason: 'This file separates values with semicolons, not commas; it was read that way.',
      },
    ]);
    const tabs = parseCsv('id\tname\tnote\n1\t\tx\n');
    expect(tabs.rows.map((r) => r.values)).toEqual([['1', '', 'x']]);
    // A comma anywhere in the first line keeps commas, whatever else the line holds.
    expect(parseCsv('id,note\n1,a;b\n').rows[0]?.values).toEqual(['1', 'a;b']);
  });

  it('keeps a quote inside a bare field as it is', () => {
    expect(valuesOf('id,h\n1,5\'10"\n')).toEqual([['1', '5\'10"']]);
  });

  it('parses 50,000 rows with quoted fields', { timeout: 30_000 }, () => {
    const lines = ['id,name,note'];
    for (let i = 0; i < 50_000; i++) lines.push(`${String(i).padStart(6, '0')},"Name, ${i}","said ""${i}"""`);
    const table = parseCsv(lines.join('\r\n'));
    expect(table.rows).toHaveLength(50_000);
    expect(table.rows[31_415]).toEqual({ line: 31_417, values: ['031415', 'Name, 31415', 'said "31415"'] });
    expect(table.problems).toEqual([]);
  });
});

describe('headerIndex', () => {
  it('matches names in any case and keeps the first of a repeated name', () => {
    const index = headerIndex(['SourcedId', 'Name', 'name']);
    expect(index.get('sourcedid')).toBe(0);
    expect(index.get('name')).toBe(1);
    expect(index.size).toBe(2);
  });

  it('takes a normalizer for looser matching', () => {
    const index = headerIndex(['SIS ID'], (name) => name.trim().toLowerCase().replace(/\s+/g, '_'));
    expect(index.get('sis_id')).toBe(0);
  });
});

describe('toCsv', () => {
  it('quotes only values that need it and ends every line with CRLF', () => {
    expect(
      toCsv([
        ['id', 'name'],
        ['007', 'Smith, Jo'],
        ['8', 'say "hi"'],
        ['9', 'a\nb'],
        [' pad', null],
      ]),
    ).toBe('id,name\r\n007,"Smith, Jo"\r\n8,"say ""hi"""\r\n9,"a\nb"\r\n" pad",\r\n');
    expect(toCsv([[1, true, undefined]])).toBe('1,true,\r\n');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['sis_id', 'note'],
      ['000123', 'comma, "quote" and\r\nbreak'],
      ['', ' spaced '],
    ];
    const table = parseCsv(toCsv(rows));
    expect([table.header, ...table.rows.map((r) => r.values)]).toEqual(rows);
  });
});
