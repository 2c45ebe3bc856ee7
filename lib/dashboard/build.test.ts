import { describe, expect, it } from 'vitest';
import type { StudentMetrics } from '@/lib/metrics';
import { coverageTable, doseBandTable, summaryFigures, weekPoints, type ScopeFacts } from './build';
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
  lost: {
    studentAbsence: 0,
    attendanceNotRecorded: 0,
    shortened: 0,
    cancelled: { TUTOR_ABSENT: 0, STUDENT_OR_SCHOOL_EVENT: 0, TESTING: 0, SCHOOL_CLOSURE: 0, OTHER: 0 },
    unlogged: 0,
    madeUp: 0,
  },
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

describe('helpers', () => {
  it('interpolates quartiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

// Dashboards are operational (DOMAIN.md, Policy): staff may open every student behind
// a figure, so small counts are shown exactly, never "n<10".
describe('weekPoints', () => {
  it('charts and lists every week’s exact minutes, a small week too', () => {
    const { points, table } = weekPoints(
      facts({
        weeks: [
          { week: '2026-09-07', students: 6, scheduled: 540, delivered: 400 },
          { week: '2026-09-14', students: 30, scheduled: 2700, delivered: 2400 },
          { week: '2026-09-28', students: 0, scheduled: 0, delivered: 0 },
        ],
      }),
    );
    expect(points.map((p) => [p.scheduled, p.delivered, p.rate])).toEqual([
      [540, 400, '74%'],
      [2700, 2400, '89%'],
      [null, null, '—'],
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Week of Sep 7', '6', '540', '400', '74%'],
      ['Week of Sep 14', '30', '2,700', '2,400', '89%'],
      ['Week of Sep 28', '0', '—', '—', '—'],
    ]);
  });
});

describe('doseBandTable, coverageTable and the headline', () => {
  it('counts students per band exactly, small bands included', () => {
    const perStudent = [...Array(12)]
      .map((_, i) => metrics(`a${i}`, 1, 100, 95))
      .concat(
        [metrics('b', 1, 100, 40)],
        [...Array(11)].map((_, i) => metrics(`c${i}`, 1, 100, 75)),
      );
    const rows = doseBandTable(facts({ perStudent })).rows.map((r) => r.cells);
    expect(rows).toEqual([
      ['Dose rate Under 50%', '1', '4%'],
      ['Dose rate 50–69%', '0', '0%'],
      ['Dose rate 70–89%', '11', '46%'],
      ['Dose rate 90% or more', '12', '50%'],
      ['Nothing scheduled yet', '0', '—'],
    ]);
  });

  it('shows a small waitlist exactly, and the headline agrees with the table', () => {
    const coverage = { dimension: 'all', value: 'all', eligible: 50, placed: 45, access: 0.9 };
    expect(coverageTable(coverage).rows.map((r) => r.cells)).toEqual([
      ['Eligible', '50', '100%'],
      ['Placed', '45', '90%'],
      ['Waitlisted (eligible, not placed)', '5', '10%'],
    ]);
    const headline = summaryFigures(facts({ coverage })).find((f) => f.label === 'Placement coverage')!;
    expect([headline.value, headline.basis]).toEqual(['90%', 'placed ÷ eligible (45 of 50 eligible)']);
  });

  it('shows a group of three students’ figures exactly, and an extreme share as it is', () => {
    const all = { ...metrics('all', 3, 270, 270), studentsMeetingTarget: 0, studentsWithWeeks: 3 };
    const figures = new Map(summaryFigures(facts({ all })).map((f) => [f.label, f.value]));
    expect([
      figures.get('Students'),
      figures.get('Dose delivered'),
      figures.get('Dose rate'),
      figures.get('Meeting the target dose'),
    ]).toEqual(['3', '270 min', '100%', '0%']);
  });
});
