import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, tableCsv, toCsv } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Lee, Ana')).toBe('"Lee, Ana"');
    expect(csvCell('the "fast" group')).toBe('"the ""fast"" group"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('leaves numbers, negative ones included, as numbers', () => {
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('1,234')).toBe('"1,234"');
    expect(csvCell('n<10')).toBe('n<10');
  });
});

describe('toCsv and tableCsv', () => {
  it('writes CRLF rows with the table’s header first', () => {
    expect(toCsv([['a', 'b'], ['1', '=2']])).toBe("a,b\r\n1,'=2\r\n");
    const csv = tableCsv({ id: 'weekly', caption: 'x', columns: [{ label: 'Week' }, { label: 'Students', numeric: true }], rows: [{ cells: ['Week of Nov 9', 'n<10'], href: '/x' }] });
    expect(csv).toBe('Week,Students\r\nWeek of Nov 9,n<10\r\n');
  });

  it('makes file names of letters, digits and dashes', () => {
    expect(csvFileName('site', 'weekly', '2026-09-14')).toBe('site-weekly-2026-09-14.csv');
    expect(csvFileName('"; rm -rf', '../x')).toBe('rm-rf-x.csv');
  });
});
