import { describe, expect, it } from 'vitest';
import { offTrack } from '@/lib/dashboard/build';
import { figureOf, sortRows } from './sortable-report-table';

const rows = [
  { cells: ['Adams', '1,200', '81%'] },
  { cells: ['brown', '90', '—'] },
  { cells: ['Clark', '15,000', '7%'] },
  { cells: ['Site 10', 'n<10', '100%'] },
  { cells: ['Site 9', '90', '81%'] },
];
const names = (r: readonly { cells: string[] }[]) => r.map((x) => x.cells[0]);

describe('sorting a report table by a column', () => {
  it('reads the figures as the table shows them', () => {
    expect(['1,234', '77%', '$1,200.50', '-3', '12 min', '—', 'n<10', ''].map(figureOf)).toEqual([
      1234,
      77,
      1200.5,
      -3,
      12,
      null,
      null,
      null,
    ]);
  });

  it('orders figures by value, cells without one last either way, ties in their first order', () => {
    expect(names(sortRows(rows, 1, true, 'descending'))).toEqual(['Clark', 'Adams', 'brown', 'Site 9', 'Site 10']);
    expect(names(sortRows(rows, 1, true, 'ascending'))).toEqual(['brown', 'Site 9', 'Adams', 'Clark', 'Site 10']);
    expect(names(sortRows(rows, 2, true, 'ascending'))).toEqual(['Clark', 'Adams', 'Site 9', 'Site 10', 'brown']);
  });

  it('orders words alphabetically, whatever their case, numbers in them as numbers', () => {
    expect(names(sortRows(rows, 0, false, 'ascending'))).toEqual(['Adams', 'brown', 'Clark', 'Site 9', 'Site 10']);
    expect(names(sortRows(rows, 0, false, 'descending'))).toEqual(['Site 10', 'Site 9', 'Clark', 'brown', 'Adams']);
  });
});

describe('a site off track', () => {
  it('has a dose rate or a share of sessions held under the dose-rate line', () => {
    expect(offTrack(0.69, 0.9, 70)).toBe('Off track: dose rate under 70%');
    expect(offTrack(0.8, 0.5, 70)).toBe('Off track: sessions held under 70%');
    expect(offTrack(0.6, 0.5, 70)).toBe('Off track: dose rate and sessions held under 70%');
    expect(offTrack(0.7, 0.7, 70)).toBeNull();
    expect(offTrack(null, null, 70)).toBeNull();
  });
});
