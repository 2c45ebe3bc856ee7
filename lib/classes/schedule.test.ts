import { describe, expect, it } from 'vitest';
import { classLabel, periodLabel, schedulesOf, type ClassRow } from './schedule';

const row = (over: Partial<ClassRow>): ClassRow => ({
  studentId: 's1',
  title: 'Class',
  classType: 'scheduled',
  periods: [],
  location: null,
  teachers: [],
  ...over,
});

describe('schedulesOf', () => {
  it('takes the homeroom out and orders the rest by first period, 2 before 10', () => {
    const schedules = schedulesOf([
      row({ title: 'Science', periods: ['10'] }),
      row({ title: 'Homeroom 7B', classType: 'homeroom', teachers: ['Ana Kim'], location: '12' }),
      row({ title: 'Math 7', periods: ['2', '3'] }),
      row({ title: 'Art' }),
      row({ studentId: 's2', title: 'ELA', periods: ['1'] }),
    ]);
    const one = schedules.get('s1')!;
    expect(one.homeroom).toEqual({ title: 'Homeroom 7B', periods: [], location: '12', teachers: ['Ana Kim'] });
    expect(one.classes.map((c) => c.title)).toEqual(['Math 7', 'Science', 'Art']);
    expect(schedules.get('s2')!.homeroom).toBeNull();
    expect(schedules.has('s3')).toBe(false);
  });

  it('labels periods and classes with the parts known', () => {
    expect(periodLabel(['2', '3'])).toBe('P2, 3');
    expect(periodLabel([])).toBe('');
    expect(classLabel({ title: 'Math 7', periods: [], location: '104', teachers: ['Ana Kim', 'Bo Li'] })).toBe(
      'Math 7 · Ana Kim and Bo Li · Room 104',
    );
    expect(classLabel({ title: 'Math 7', periods: [], location: null, teachers: [] })).toBe('Math 7');
  });
});
