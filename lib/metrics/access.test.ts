import { describe, expect, it } from 'vitest';
import { accessCells, type AccessRow } from './access';

const row = (dimension: string, value: string, eligible: number, placed: number): AccessRow => ({ dimension, value, eligible, placed, access: eligible ? placed / eligible : null });

describe('accessCells', () => {
  it('suppresses small subgroups, their complement, and codes extreme shares', () => {
    const cells = accessCells(
      [
        row('all', 'all', 60, 30),
        row('gender', 'FEMALE', 30, 20),
        row('gender', 'MALE', 25, 10),
        row('gender', 'NONBINARY', 5, 0),
        row('homeless', 'yes', 12, 12),
        row('homeless', 'no', 48, 18),
      ],
      10,
    );
    const text = (value: string) => {
      const c = cells.find((x) => x.value === value)!;
      return [c.eligible.text, c.placed.text, c.access.text, c.gapToAll === null ? null : Math.round(c.gapToAll * 1000) / 1000];
    };
    expect(text('all')).toEqual(['60', '30', '50%', null]);
    // 60 − 30 − 25 would reveal the 5: MALE (next smallest) is hidden too.
    expect(text('NONBINARY')).toEqual(['n<10', 'n<10', 'n<10', null]);
    expect(text('MALE')).toEqual(['n<10', 'n<10', 'n<10', null]);
    expect(text('FEMALE')).toEqual(['30', '20', '67%', 0.167]);
    // 12 of 12 placed: shown as ">95%", not 100 %.
    expect(text('yes')).toEqual(['12', '12', '>95%', 0.5]);
    expect(text('no')).toEqual(['48', '18', '38%', -0.125]);
  });

  it('hides the share wherever the placed count is hidden, so share × eligible cannot give it back', () => {
    const row = (dimension: string, value: string, eligible: number, placed: number): AccessRow => ({ dimension, value, eligible, placed, access: placed / eligible });
    const cells = accessCells([row('all', 'All students', 40, 15), row('site', 'Adams', 20, 12), row('site', 'Oak Grove', 20, 3)], 10);
    const site = (value: string) => cells.find((c) => c.value === value)!;
    // Oak Grove's 3 placed is small; Adams' 12 is hidden too, or 15 − 12 would show it.
    expect([site('Adams').eligible.text, site('Oak Grove').eligible.text]).toEqual(['20', '20']);
    expect([site('Adams').placed.shown, site('Oak Grove').placed.shown]).toEqual([false, false]);
    expect([site('Adams').access.shown, site('Oak Grove').access.shown]).toEqual([false, false]);
    expect(cells.flatMap((c) => [c.eligible.text, c.placed.text, c.access.text]).join(' ')).not.toMatch(/\b(3|12)\b|15%|60%/);
  });
});
