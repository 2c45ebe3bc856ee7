import { describe, expect, it } from 'vitest';
import type { EquityRow } from '@/lib/metrics/equity-queries';
import { equityCells, gapCell, jointEquityCells } from './cells';

const row = (dimension: string, value: string, n: Partial<EquityRow>): EquityRow => ({
  dimension,
  value,
  eligible: 0,
  placed: 0,
  access: null,
  dosed: 0,
  meanDoseRate: null,
  withWeeks: 0,
  meetingTarget: 0,
  judged: 0,
  metGoal: 0,
  ...n,
});

describe('gapCell', () => {
  const shown = (text: string) => ({ shown: true as const, n: 20, text });
  it('says the gap in whole points from the shown percentages, and calls out 10 or more below', () => {
    expect(gapCell(shown('52%'), shown('62%'), false)).toEqual({
      text: '10 points below (notable gap)',
      notable: true,
    });
    expect(gapCell(shown('61%'), shown('62%'), false)).toEqual({ text: '1 point below', notable: false });
    expect(gapCell(shown('80%'), shown('62%'), false)).toEqual({ text: '18 points above', notable: false });
    expect(gapCell(shown('62%'), shown('62%'), false).text).toBe('Same as all students');
    expect(gapCell(shown('62%'), shown('62%'), true).text).toBe('Reference');
  });
  it('gives no number for a hidden or extreme-coded share', () => {
    expect(gapCell({ shown: false, n: 4, text: 'n<10' }, shown('62%'), false).text).toBe('n<10');
    expect(gapCell({ shown: false, n: 14, text: 'suppressed' }, shown('62%'), false).text).toBe('suppressed');
    expect(gapCell(shown('≤5%'), shown('62%'), false).text).toBe('—');
    expect(gapCell(shown('40%'), shown('≥95%'), false).text).toBe('—');
  });
});

describe('jointEquityCells', () => {
  it('codes an extreme access share and does not print the count beside it', () => {
    const rows = [
      row('all', 'all', { eligible: 60, placed: 40, access: 40 / 60 }),
      row('gender', 'FEMALE', { eligible: 20, placed: 20, access: 1 }),
      row('gender', 'MALE', { eligible: 40, placed: 20, access: 0.5 }),
    ];
    const [, female, male] = equityCells(rows, 10);
    expect([female!.eligible.text, female!.placed.text, female!.access.text]).toEqual(['20', 'suppressed', '≥95%']);
    // Placed for boys would give the girls' back (40 − 20): hidden too, and access with it.
    expect([male!.placed.text, male!.access.text]).toEqual(['suppressed', 'suppressed']);
  });

  it('reads each site’s table and the district’s from one pattern', () => {
    const site = (id: string, hispanic: number, white: number): EquityRow[] => [
      row('all', 'all', { eligible: hispanic + white }),
      row('raceEthnicity', 'HISPANIC_LATINO', { eligible: hispanic }),
      row('raceEthnicity', 'WHITE', { eligible: white }),
      row('site', id, { eligible: hispanic + white }),
    ];
    const district = [
      row('all', 'all', { eligible: 83 }),
      row('raceEthnicity', 'HISPANIC_LATINO', { eligible: 28 }),
      row('raceEthnicity', 'WHITE', { eligible: 55 }),
      row('site', 'a', { eligible: 38 }),
      row('site', 'b', { eligible: 45 }),
    ];
    const joint = jointEquityCells(
      {
        district,
        sites: new Map([
          ['a', site('a', 8, 30)],
          ['b', site('b', 20, 25)],
        ]),
      },
      10,
    );
    const b = joint.sites.get('b')!;
    // b's Hispanic 20 would otherwise give a's 8 back as 28 − 20.
    expect(b.find((c) => c.value === 'HISPANIC_LATINO')!.eligible.text).toBe('suppressed');
    expect(joint.district.find((c) => c.value === 'HISPANIC_LATINO')!.eligible.text).toBe('28');
    expect(joint.district.find((c) => c.dimension === 'site' && c.value === 'b')!.eligible.text).toBe('45');
  });
});

describe('operational rows', () => {
  it('shows all students, sites and grades exactly (staff see them on the dashboards) and protects the subgroups around them', () => {
    const rows = [
      row('all', 'all', { eligible: 40, placed: 39, access: 39 / 40, judged: 30, metGoal: 0 }),
      row('site', 'a', { eligible: 4, placed: 4, access: 1 }),
      row('site', 'b', { eligible: 36, placed: 35, access: 35 / 36 }),
      row('grade', '3', { eligible: 3, placed: 2, access: 2 / 3 }),
      row('grade', '4', { eligible: 37, placed: 37, access: 1 }),
      row('foster', 'yes', { eligible: 6, placed: 6, access: 1 }),
      row('foster', 'no', { eligible: 34, placed: 33, access: 33 / 34 }),
    ];
    const cells = equityCells(rows, 10);
    const [all, a, b, g3, g4, yes, no] = cells;
    expect([all!.eligible.text, all!.placed.text, all!.access.text, all!.metGoal.text]).toEqual([
      '40',
      '39',
      '98%',
      '0%',
    ]);
    expect([a!.eligible.text, a!.placed.text, a!.access.text, b!.placed.text]).toEqual(['4', '4', '100%', '35']);
    expect([g3!.eligible.text, g3!.placed.text, g4!.access.text]).toEqual(['3', '2', '100%']);
    // The total is published, so the small foster cell's complement is hidden instead of the total.
    expect([yes!.eligible.text, no!.eligible.text]).toEqual(['n<10', 'suppressed']);
    expect([no!.placed.text, no!.access.text]).toEqual(['suppressed', 'suppressed']);
  });
});

describe('a subgroup missing from a site', () => {
  it('is listed as a hidden zero, so the site’s total cannot say the district’s cell is all elsewhere', () => {
    const district = [
      row('all', 'all', { eligible: 40 }),
      row('gender', 'FEMALE', { eligible: 33 }),
      row('gender', 'NONBINARY', { eligible: 2 }),
      row('gender', 'MALE', { eligible: 5 }),
      row('site', 'a', { eligible: 38 }),
      row('site', 'b', { eligible: 2 }),
    ];
    const a = [
      row('all', 'all', { eligible: 38 }),
      row('gender', 'FEMALE', { eligible: 33 }),
      row('gender', 'MALE', { eligible: 5 }),
      row('site', 'a', { eligible: 38 }),
    ];
    const b = [
      row('all', 'all', { eligible: 2 }),
      row('gender', 'NONBINARY', { eligible: 2 }),
      row('site', 'b', { eligible: 2 }),
    ];
    const joint = jointEquityCells(
      {
        district,
        sites: new Map([
          ['a', a],
          ['b', b],
        ]),
      },
      10,
    );
    const gender = (cells: ReturnType<typeof equityCells>) =>
      cells.filter((c) => c.dimension === 'gender').map((c) => [c.value, c.eligible.text]);
    expect(gender(joint.sites.get('a')!)).toEqual([
      ['FEMALE', 'suppressed'],
      ['MALE', 'n<10'],
      ['NONBINARY', 'n<10'],
    ]);
    expect(gender(joint.sites.get('b')!)).toEqual([
      ['FEMALE', 'n<10'],
      ['MALE', 'n<10'],
      ['NONBINARY', 'n<10'],
    ]);
    expect(joint.district.find((c) => c.value === 'NONBINARY')!.eligible.text).toBe('n<10');
  });
});

describe('a subgroup that is every student of its table', () => {
  it('repeats the all-students row exactly, since hiding it would protect no one', () => {
    const rows = [
      row('all', 'all', { eligible: 30, placed: 29, access: 29 / 30 }),
      row('foster', 'no', { eligible: 30, placed: 29, access: 29 / 30 }),
    ];
    const [, no] = equityCells(rows, 10);
    expect([no!.eligible.text, no!.placed.text, no!.access.text]).toEqual(['30', '29', '97%']);
  });
});

describe('equityCells', () => {
  it('hides access when placed is hidden, so eligible × access cannot give placed back', () => {
    const rows = [
      row('all', 'all', { eligible: 40, placed: 25, access: 25 / 40 }),
      row('gender', 'FEMALE', { eligible: 20, placed: 9, access: 9 / 20 }),
      row('gender', 'MALE', { eligible: 20, placed: 16, access: 16 / 20 }),
    ];
    const [, a, b] = equityCells(rows, 10);
    // Hidden cells whose n is 10 or more read "suppressed", never "n<10".
    expect([a!.eligible.text, a!.placed.text, a!.access.text, a!.accessGap.text]).toEqual([
      '20',
      'n<10',
      'suppressed',
      'suppressed',
    ]);
    expect([b!.eligible.text, b!.placed.text, b!.access.text]).toEqual(['20', 'suppressed', 'suppressed']);
  });

  it('suppresses each count column as its own partition, shares with their counts', () => {
    const rows = [
      row('all', 'all', {
        eligible: 40,
        placed: 30,
        access: 0.75,
        dosed: 30,
        meanDoseRate: 0.8,
        withWeeks: 30,
        meetingTarget: 15,
        judged: 30,
        metGoal: 12,
      }),
      row('foster', 'yes', {
        eligible: 6,
        placed: 3,
        access: 0.5,
        dosed: 3,
        meanDoseRate: 0.4,
        withWeeks: 3,
        meetingTarget: 0,
        judged: 3,
        metGoal: 0,
      }),
      row('foster', 'no', {
        eligible: 34,
        placed: 27,
        access: 27 / 34,
        dosed: 27,
        meanDoseRate: 0.84,
        withWeeks: 27,
        meetingTarget: 15,
        judged: 27,
        metGoal: 12,
      }),
    ];
    const [all, yes, no] = equityCells(rows, 10);
    expect([
      yes!.eligible.text,
      yes!.access.text,
      yes!.dosed.text,
      yes!.meanDoseRate.text,
      yes!.metGoal.text,
      yes!.doseGap.text,
    ]).toEqual(Array(6).fill('n<10'));
    // The complement of a hidden part is hidden too, column by column.
    expect([no!.eligible.text, no!.placed.text, no!.dosed.text, no!.judged.text]).toEqual(Array(4).fill('suppressed'));
    expect([
      all!.eligible.text,
      all!.access.text,
      all!.meanDoseRate.text,
      all!.meetingTarget.text,
      all!.metGoal.text,
    ]).toEqual(['40', '75%', '80%', '50%', '40%']);
    for (const c of [all!, yes!, no!]) {
      for (const cell of [c.eligible, c.placed, c.dosed, c.judged])
        expect(cell.shown ? cell.n >= 10 : cell.text === (cell.n < 10 ? 'n<10' : 'suppressed')).toBe(true);
    }
  });
});
