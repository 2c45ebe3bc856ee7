import { describe, expect, it } from 'vitest';
import { sortProblems } from './staging';

describe('sortProblems', () => {
  it('puts a file that could not be read first, before the row errors it causes in other files, then warnings', () => {
    const { problems, errorCount } = sortProblems([
      { file: 'enrollments.csv', line: 2, severity: 'error', reason: 'userSourcedId "u1" is not in users.csv.' },
      { file: 'classes.csv', line: 4, severity: 'warning', reason: 'A note.' },
      { file: 'users.csv', line: null, severity: 'error', reason: 'The file is empty: it has no header row.' },
      { file: 'enrollments.csv', line: 1, severity: 'error', reason: 'Another row.' },
    ]);
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'users.csv:null',
      'enrollments.csv:1',
      'enrollments.csv:2',
      'classes.csv:4',
    ]);
    expect(errorCount).toBe(3);
  });
});
