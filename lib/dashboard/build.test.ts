import { describe, expect, it } from 'vitest';
import type { StudentMetrics } from '@/lib/metrics';
import { coverageTable, doseBandTable, summaryFigures, weekPoints, type ScopeFacts } from './build';
import { partitionCells, suppressNonEmpty } from './cells';
import { quantile } from './growth-tables';

const metrics = (key: string, students: number, scheduled: number, delivered: number): StudentMetrics => ({
  key,
  students,
  scheduled,
  delivered,
  doseRate: scheduled ? delivered / scheduled : null,
  meanStudentDoseRate: null,
  weeks: 1,
  doseVsTarget: null,
  studentsMeetingTarget: 0,
  studentsWithWeeks: students,
  lost: { studentAbsence: 0, attendanceNotRecorded: 0, shortened: 0, cancelled: { TUTOR_ABSENT: 0, STUDENT_OR_SCHOOL_EVENT: 0, TESTING: 0, SCHOOL_CLOSURE: 0, OTHER: 0 }, unlogged: 0, madeUp: 0 },
  stillToCome: { sessions: 0, minutes: 0 },
  targetMinutes: 0,
  held: 0,
  attended: 0,
  attendanceRate: null,
  attendedWithPrimary: 0,
  tutorConsistency: null,
});

const facts = (over: Partial<ScopeFacts>): ScopeFacts => ({
  level: 'district',
  minN: 10,
  underDosedPercent: 70,
  all: metrics('all', 40, 3600, 3000),
  perStudent: [],
  weeks: [],
  delivery: undefined,
  standard: { meets: 0, fails: 0 },
  placements: [],
  growthBands: [],
  coverage: null,
  breakdown: { caption: 'Sites', unitLabel: 'Site', units: [] },
  ...over,
});

describe('suppression helpers', () => {
  it('hides a second part when one small part and the total would give it away', () => {
    expect(partitionCells([4, 30, 12], 10, true).map((c) => c.text)).toEqual(['n<10', '30', 'n<10']);
    expect(partitionCells([4, 30, 12], 10, false).map((c) => c.text)).toEqual(['n<10', '30', '12']);
  });

  it('leaves empty parts out: nobody to identify', () => {
    expect(suppressNonEmpty([0, 5, 20, 30], 10, true)).toEqual([false, true, true, false]);
  });

  it('interpolates quartiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('weekPoints', () => {
  it('sends no minutes for a hidden week, to the chart or the table', () => {
    const { points, table } = weekPoints(
      facts({
        weeks: [
          { week: '2026-09-07', students: 6, scheduled: 540, delivered: 400 },
          { week: '2026-09-14', students: 30, scheduled: 2700, delivered: 2400 },
          { week: '2026-09-21', students: 40, scheduled: 3600, delivered: 3000 },
          { week: '2026-09-28', students: 0, scheduled: 0, delivered: 0 },
        ],
      }),
    );
    expect(points.map((p) => [p.scheduled, p.delivered, p.rate])).toEqual([
      [null, null, 'n<10'],
      [null, null, 'n<10'],
      [3600, 3000, '83%'],
      [null, null, '—'],
    ]);
    expect(JSON.stringify(table)).not.toMatch(/540|400|2,700|2,400/);
  });
});

describe('doseBandTable and coverageTable', () => {
  it('counts students per band with complementary suppression', () => {
    const perStudent = [...Array(12)].map((_, i) => metrics(`a${i}`, 1, 100, 95)).concat([metrics('b', 1, 100, 40)], [...Array(11)].map((_, i) => metrics(`c${i}`, 1, 100, 75)));
    const rows = doseBandTable(facts({ perStudent })).rows.map((r) => r.cells);
    expect(rows).toEqual([
      ['Dose rate Under 50%', 'n<10', 'n<10'],
      ['Dose rate 50–69%', 'n<10', 'n<10'],
      ['Dose rate 70–89%', '11', '46%'],
      ['Dose rate 90% or more', '12', '50%'],
      ['Nothing scheduled yet', 'n<10', '—'],
    ]);
  });

  it('hides placed and waitlisted together when one of them is small', () => {
    const rows = coverageTable({ dimension: 'all', value: 'all', eligible: 50, placed: 45, access: 0.9 }, 10).rows.map((r) => r.cells);
    expect(rows).toEqual([
      ['Eligible', '50', '100%'],
      ['Placed', 'n<10', 'n<10'],
      ['Waitlisted (eligible, not placed)', 'n<10', 'n<10'],
    ]);
    const coverage = { dimension: 'all', value: 'all', eligible: 50, placed: 45, access: 0.9 };
    expect(summaryFigures(facts({ coverage })).find((f) => f.label === 'Placement coverage')!.value, 'the headline cannot give it away').toBe('n<10');
  });
});
