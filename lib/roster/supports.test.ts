import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';
import { isoDateOf, parseSupportsCsv, SUPPORTS_TEMPLATE_COLUMNS, supportsExampleCsv } from './supports';

const HEADER = [
  'sis_id',
  'multilingual_learner',
  'iep',
  'section_504',
  'economically_disadvantaged',
  'foster',
  'homeless',
  'subject',
  'measure',
  'score',
  'percentile',
  'tested_on',
];
const SUPPORTS_ONLY = ['', '', '', '', ''];
const NO_SUPPORTS = ['', '', '', '', '', ''];

/** A file with the template header and the given rows (line 2 onwards). */
const file = (...rows: string[][]) => toCsv([HEADER, ...rows]);
const reasons = (text: string) => parseSupportsCsv(text).problems.map((p) => [p.line, p.severity, p.reason]);

describe('parseSupportsCsv: good rows', () => {
  it('reads supports and screeners, one row per student per screener', () => {
    const result = parseSupportsCsv(
      file(
        ['004512', 'Y', 'n', 'No', 'yes', 'TRUE', '0', 'MATH', 'i-Ready Diagnostic Math', '412', '23', '2026-09-15'],
        ['004512', ...NO_SUPPORTS, 'ela', 'DIBELS 8 ORF', '38.5', '7', '9/16/2026'],
        ['004513', 'false', '1', '', '', '', '', ...SUPPORTS_ONLY],
        ['004514', ...NO_SUPPORTS, 'Reading', 'Acadience', '', '99', '10/1/2026'],
        ['004515', ...NO_SUPPORTS, 'Math', 'MAP Growth', '201', '1', '2026-10-02'],
      ),
    );
    expect(result.problems).toEqual([]);
    expect([...result.supports]).toEqual([
      [
        '004512',
        {
          multilingualLearner: true,
          iep: false,
          section504: false,
          economicallyDisadvantaged: true,
          foster: true,
          homeless: false,
        },
      ],
      [
        '004513',
        {
          multilingualLearner: false,
          iep: true,
          section504: null,
          economicallyDisadvantaged: null,
          foster: null,
          homeless: null,
        },
      ],
    ]);
    expect(result.screeners).toEqual([
      {
        sisId: '004512',
        subject: 'MATH',
        measure: 'i-Ready Diagnostic Math',
        score: 412,
        percentile: 23,
        testedOn: '2026-09-15',
        line: 2,
      },
      {
        sisId: '004512',
        subject: 'ELA',
        measure: 'DIBELS 8 ORF',
        score: 38.5,
        percentile: 7,
        testedOn: '2026-09-16',
        line: 3,
      },
      {
        sisId: '004514',
        subject: 'ELA',
        measure: 'Acadience',
        score: null,
        percentile: 99,
        testedOn: '2026-10-01',
        line: 5,
      },
      {
        sisId: '004515',
        subject: 'MATH',
        measure: 'MAP Growth',
        score: 201,
        percentile: 1,
        testedOn: '2026-10-02',
        line: 6,
      },
    ]);
  });

  it('fills in supports given across several rows of one student', () => {
    const result = parseSupportsCsv(
      file(['7', 'Y', '', '', '', '', '', ...SUPPORTS_ONLY], ['7', 'Y', 'N', '', '', '', 'Y', ...SUPPORTS_ONLY]),
    );
    expect(result.problems).toEqual([]);
    expect(result.supports.get('7')).toEqual({
      multilingualLearner: true,
      iep: false,
      section504: null,
      economicallyDisadvantaged: null,
      foster: null,
      homeless: true,
    });
  });

  it('matches columns by name in any order, case or spacing, and trims values', () => {
    const text = 'Tested On,Percentile,Measure,Subject,IEP,SIS ID\r\n 2026-09-15 , 45 ,ORF,  MATH ,y, 0042 \r\n';
    const result = parseSupportsCsv(text);
    expect(result.problems).toEqual([]);
    expect(result.screeners).toEqual([
      { sisId: '0042', subject: 'MATH', measure: 'ORF', score: null, percentile: 45, testedOn: '2026-09-15', line: 2 },
    ]);
    expect(result.supports.get('0042')?.iep).toBe(true);
  });

  it('reads a header-only file as nothing to import', () => {
    expect(parseSupportsCsv(toCsv([HEADER]))).toEqual({ supports: new Map(), screeners: [], problems: [] });
  });
});

describe('parseSupportsCsv: bad values are reported with line and reason', () => {
  it('a support flag that is not yes or no', () => {
    expect(reasons(file(['1', 'maybe', '', '', '', '', '', ...SUPPORTS_ONLY]))).toEqual([
      [2, 'error', 'multilingual_learner: "maybe" is not Y or N.'],
    ]);
  });

  it('a subject that is neither math nor ELA', () => {
    expect(reasons(file(['1', ...NO_SUPPORTS, 'Science', 'm', '', '40', '2026-09-01']))).toEqual([
      [2, 'error', 'subject: "Science" is not MATH or ELA.'],
    ]);
  });

  it('a percentile that is not a whole number from 1 to 99', () => {
    const rows = ['0', '100', '45.5', 'abc', '-3'].map((p) => ['1', ...NO_SUPPORTS, 'MATH', 'm', '', p, '2026-09-01']);
    expect(reasons(file(...rows))).toEqual([
      [2, 'error', 'percentile: "0" is not a whole number from 1 to 99.'],
      [3, 'error', 'percentile: "100" is not a whole number from 1 to 99.'],
      [4, 'error', 'percentile: "45.5" is not a whole number from 1 to 99.'],
      [5, 'error', 'percentile: "abc" is not a whole number from 1 to 99.'],
      [6, 'error', 'percentile: "-3" is not a whole number from 1 to 99.'],
    ]);
  });

  it('a score that is not a number the database can hold', () => {
    const rows = ['twelve', '1.234', '1234567', '1,200'].map((s) => [
      '1',
      ...NO_SUPPORTS,
      'MATH',
      'm',
      s,
      '40',
      '2026-09-01',
    ]);
    const problems = reasons(file(...rows));
    expect(problems.map(([line]) => line)).toEqual([2, 3, 4, 5]);
    expect(problems[0]).toEqual([
      2,
      'error',
      'score: "twelve" is not a number with at most 6 digits and 2 decimal places.',
    ]);
  });

  it('a test date that is not a real date in either format', () => {
    const rows = ['2026-02-30', '13/13/2026', '2026/09/01', 'Sept 1', '9-1-2026'].map((d) => [
      '1',
      ...NO_SUPPORTS,
      'ELA',
      'm',
      '',
      '40',
      d,
    ]);
    expect(reasons(file(...rows))).toEqual([
      [2, 'error', 'tested_on: "2026-02-30" is not a date as YYYY-MM-DD or M/D/YYYY.'],
      [3, 'error', 'tested_on: "13/13/2026" is not a date as YYYY-MM-DD or M/D/YYYY.'],
      [4, 'error', 'tested_on: "2026/09/01" is not a date as YYYY-MM-DD or M/D/YYYY.'],
      [5, 'error', 'tested_on: "Sept 1" is not a date as YYYY-MM-DD or M/D/YYYY.'],
      [6, 'error', 'tested_on: "9-1-2026" is not a date as YYYY-MM-DD or M/D/YYYY.'],
    ]);
  });

  it('reads slashed dates one way for the whole file: day first when a date shows it, with a note either way', () => {
    const rows = (...dates: string[]) => dates.map((d) => ['1', ...NO_SUPPORTS, 'ELA', `m${d}`, '', '40', d]);
    // 15/06/2023 shows the file writes the day first: 1/05/2023 is then 1 May, not 5 January.
    const dayFirst = parseSupportsCsv(file(...rows('15/06/2023', '1/05/2023')));
    expect(dayFirst.screeners.map((s) => s.testedOn)).toEqual(['2023-06-15', '2023-05-01']);
    expect(dayFirst.problems).toEqual([
      {
        file: 'supports.csv',
        line: 2,
        severity: 'warning',
        reason: 'Slashed dates are read day first (D/M/YYYY), as 15/06/2023 on line 2 shows.',
      },
    ]);
    // Month first when a date shows it (6/15/2023), silently: the template's order.
    const us = parseSupportsCsv(file(...rows('6/15/2023', '1/05/2023')));
    expect(us.screeners.map((s) => s.testedOn)).toEqual(['2023-06-15', '2023-01-05']);
    expect(us.problems).toEqual([]);
    // Both ways in one file: refused, with both lines named.
    expect(reasons(file(...rows('15/06/2023', '6/15/2023')))).toContainEqual([
      2,
      'error',
      'Slashed dates are written both ways: 15/06/2023 (line 2) is day first, 6/15/2023 (line 3) month first. Write dates as YYYY-MM-DD.',
    ]);
  });

  it('a blank student number', () => {
    expect(reasons(file(['  ', 'Y', '', '', '', '', '', ...SUPPORTS_ONLY]))).toEqual([
      [2, 'error', 'sis_id: The student number is blank.'],
    ]);
  });

  it('a screener row missing what it needs', () => {
    expect(reasons(file(['1', ...NO_SUPPORTS, 'MATH', '', '410', '', '2026-09-01']))).toEqual([
      [2, 'error', 'A screener row needs measure, percentile; the row was skipped.'],
    ]);
  });

  it('every bad value on a row, and the row is skipped whole', () => {
    const result = parseSupportsCsv(file(['1', 'Y', 'x', '', '', '', '', 'Art', 'm', '', '0', 'soon']));
    expect(result.problems.map((p) => p.reason)).toEqual([
      'iep: "x" is not Y or N.',
      'subject: "Art" is not MATH or ELA.',
      'percentile: "0" is not a whole number from 1 to 99.',
      'tested_on: "soon" is not a date as YYYY-MM-DD or M/D/YYYY.',
    ]);
    expect(result.supports.size).toBe(0);
    expect(result.screeners).toEqual([]);
  });

  it('a support that contradicts an earlier row for the same student', () => {
    const result = parseSupportsCsv(
      file(
        ['9', '', 'Y', '', '', '', '', ...SUPPORTS_ONLY],
        ['9', 'Y', 'N', '', '', '', '', 'MATH', 'm', '', '30', '2026-09-01'],
      ),
    );
    expect(result.problems).toEqual([
      {
        file: 'supports.csv',
        line: 3,
        severity: 'error',
        reason: 'iep: N here but Y on line 2 for the same student; the row was skipped.',
      },
    ]);
    expect(result.supports.get('9')).toMatchObject({ iep: true, multilingualLearner: null });
    expect(result.screeners).toEqual([]);
  });

  it('a repeated screener result: a warning for an exact copy, an error for a different score', () => {
    const row = ['5', ...NO_SUPPORTS, 'MATH', 'MAP', '200', '30', '2026-09-01'];
    const other = ['5', ...NO_SUPPORTS, 'Math', 'MAP', '210', '35', '9/1/2026'];
    const result = parseSupportsCsv(file(row, row, other), 'fall.csv');
    expect(result.problems).toEqual([
      {
        file: 'fall.csv',
        line: 4,
        severity: 'warning',
        reason:
          'Slashed dates are read month first (M/D/YYYY, US order): 9/1/2026 on line 4 is 2026-09-01. If the file writes the day first, write dates as YYYY-MM-DD.',
      },
      {
        file: 'fall.csv',
        line: 3,
        severity: 'warning',
        reason: 'The same screener result as line 2; this copy was skipped.',
      },
      {
        file: 'fall.csv',
        line: 4,
        severity: 'error',
        reason: 'Another result for the same student, subject, measure and date is on line 2; this row was skipped.',
      },
    ]);
    expect(result.screeners).toHaveLength(1);
  });

  it('a row with nothing to import', () => {
    expect(reasons(file(['5', ...NO_SUPPORTS, ...SUPPORTS_ONLY]))).toEqual([
      [2, 'warning', 'The row has no supports and no screener; nothing to import.'],
    ]);
  });

  it('unknown columns, a missing sis_id column and an empty file', () => {
    expect(reasons('sis_id,iep,grade\r\n1,Y,3\r\n')).toEqual([[1, 'warning', 'Unknown columns ignored: grade.']]);
    expect(reasons('student,iep\r\n1,Y\r\n')).toEqual([
      [1, 'warning', 'Unknown columns ignored: student.'],
      [null, 'error', 'The sis_id column is missing. The file was not read.'],
    ]);
    expect(reasons('')).toEqual([[null, 'error', 'The file is empty: it has no header row.']]);
  });

  it('CSV problems, such as an unclosed quote, with their line', () => {
    expect(reasons('sis_id,iep\r\n1,Y\r\n2,"Y\r\n')).toContainEqual([
      3,
      'error',
      'A quoted value is never closed; the rest of the file was not read.',
    ]);
  });
});

describe('isoDateOf', () => {
  it('reads ISO and US dates and refuses days that do not exist', () => {
    expect(['2026-09-01', '9/1/2026', '09/01/2026', '2/29/2028', '12/31/2026'].map((v) => isoDateOf(v))).toEqual([
      '2026-09-01',
      '2026-09-01',
      '2026-09-01',
      '2028-02-29',
      '2026-12-31',
    ]);
    expect(
      ['2/29/2027', '2026-9-1', '0/1/2026', '1/32/2026', '2026-13-01', '', '1/1/1999', '9999-12-31'].map((v) =>
        isoDateOf(v),
      ),
    ).toEqual(Array(8).fill(null));
  });
});

describe('the template', () => {
  it('documents every column, in the example file order', () => {
    const example = parseCsv(supportsExampleCsv());
    expect(SUPPORTS_TEMPLATE_COLUMNS.map((c) => c.column)).toEqual(HEADER);
    expect(example.header).toEqual(HEADER);
    for (const column of SUPPORTS_TEMPLATE_COLUMNS) {
      expect(column.meaning.length).toBeGreaterThan(10);
      expect(column.example).not.toBe('');
    }
  });

  it('has an example file that imports cleanly, and each documented example is valid', () => {
    const result = parseSupportsCsv(supportsExampleCsv());
    expect(result.problems).toEqual([]);
    expect(result.supports.size).toBe(2);
    expect(result.screeners.map((s) => [s.sisId, s.subject, s.percentile])).toEqual([
      ['004512', 'MATH', 23],
      ['004512', 'ELA', 12],
      ['004514', 'ELA', 55],
    ]);
    const examples = SUPPORTS_TEMPLATE_COLUMNS.map((c) => c.example);
    expect(parseSupportsCsv(toCsv([HEADER, examples])).problems).toEqual([]);
  });
});
