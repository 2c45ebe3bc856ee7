import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, parseFigure, tableCsv, toCsv } from './csv';

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
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '=2'],
      ]),
    ).toBe("a,b\r\n1,'=2\r\n");
    const csv = tableCsv({
      columns: [{ label: 'Week' }, { label: 'Students', numeric: true }],
      rows: [{ cells: ['Week of Nov 9', 'n<10'] }],
    });
    expect(csv).toBe('Week,Students\r\nWeek of Nov 9,n<10\r\n');
  });

  it('writes figures as plain numbers a spreadsheet can sum, the unit in the header', () => {
    const csv = tableCsv({
      columns: [
        { label: 'Site' },
        { label: 'Delivered', numeric: true },
        { label: 'Dose rate', numeric: true },
        { label: 'Shortened (min)', numeric: true },
        { label: 'Cost', numeric: true },
        { label: 'Note' },
      ],
      rows: [
        { cells: ['=Lee', '169,285 min', '77%', '-2,229', '$1,234', '-2,229'] },
        { cells: ['Oak', '1,000 min', '≤5%', '0', '$20', '12%'] },
        {
          cells: ['Elm', '—', 'suppressed', '5', '$3', 'n<10'],
          values: [undefined, undefined, undefined, undefined, 3.456],
        },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'Site,Delivered (min),Dose rate (%),Shortened (min),Cost ($),Note',
      `'=Lee,169285,77,-2229,1234,"'-2,229"`,
      'Oak,1000,≤5%,0,20,12%',
      'Elm,,suppressed,5,3.456,n<10',
      '',
    ]);
  });

  it('reads a figure as the page prints it, and nothing else', () => {
    expect(parseFigure('169,285 min')).toEqual({ value: 169285, unit: 'min' });
    expect(parseFigure('77%')).toEqual({ value: 77, unit: '%' });
    expect(parseFigure('-2,229')).toEqual({ value: -2229, unit: '' });
    expect(parseFigure('$12.50')).toEqual({ value: 12.5, unit: '$' });
    for (const text of ['n<10', 'suppressed', '≤5%', '≥95%', '—', 'Costs missing', '12 points below'])
      expect(parseFigure(text)).toBeNull();
  });

  it('makes file names of letters, digits and dashes', () => {
    expect(csvFileName('site', 'weekly', '2026-09-14')).toBe('site-weekly-2026-09-14.csv');
    expect(csvFileName('"; rm -rf', '../x')).toBe('rm-rf-x.csv');
  });
});
