// The dashboard's tables for one scope (the district, a site or a group), built from
// the metrics module's results. Operational figures for staff who may open the
// students behind them (DOMAIN.md, Policy): exact, never suppressed, on screen and in
// the CSVs alike; subgroup breakdowns live in the equity view. Pure: the queries live
// in ./queries.ts.
import {
  CANCELLATION_REASONS,
  cancellationReasonLabels,
  doseBandOf,
  doseBands,
  type LostMinutes,
} from '@/lib/metrics/dose';
import { countJudgements, judgementLabels, type GrowthByDoseBand, type Judgement } from '@/lib/metrics/judgement';
import type { AccessRow } from '@/lib/metrics/access';
import type { PlacementGrowth, SessionDelivery, StudentMetrics } from '@/lib/metrics';
import type { IsoDate } from '@/lib/dates';
import { growthBandTable, growthMeasureTable } from './growth-tables';
import {
  formatCount,
  formatMinutes,
  formatPercent,
  shortDate,
  summaryTable,
  type DashboardTable,
  type ScopeView,
  type SummaryFigure,
  type DashboardRow,
  type WeekPoint,
} from './tables';

/** Operational: no cell is suppressed (the growth tables' n of 0 shows every figure exactly). */
const EXACT = 0;

export type ScopeLevel = 'district' | 'site' | 'group';

export interface WeekDose {
  week: IsoDate;
  students: number;
  scheduled: number;
  delivered: number;
}

/** A row of the drill-down table: a site (district view) or a group (site view). */
export interface BreakdownUnit {
  key: string;
  name: string;
  href: string;
  metrics: StudentMetrics | undefined;
  delivery: SessionDelivery | undefined;
}

/** A student of a group: student-level figures, shown to staff who may open the student. */
export interface StudentLine {
  name: string;
  grade: string;
  href: string;
  metrics: StudentMetrics;
  /** Their placement in the group, judged on its own dose (lib/metrics/judgement.ts). */
  judgement: Judgement | null;
}

export interface ScopeFacts {
  level: ScopeLevel;
  underDosedPercent: number;
  all: StudentMetrics | undefined;
  perStudent: StudentMetrics[];
  weeks: WeekDose[];
  delivery: SessionDelivery | undefined;
  /** Each student's verdict on the program standard (every group they were in meets it). */
  standard: { meets: number; fails: number };
  placements: PlacementGrowth[];
  growthBands: GrowthByDoseBand[];
  /** The all-students access row; null where coverage does not apply (a group). */
  coverage: AccessRow | null;
  breakdown:
    { caption: string; unitLabel: string; units: BreakdownUnit[] } | { caption: string; students: StudentLine[] };
}

const pct = formatPercent;
const share = (v: number | null) => (v === null ? '—' : pct(v));
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const students = (n: number, noun = 'students') => `${formatCount(n)} ${noun}`;

export function summaryFigures(f: ScopeFacts): SummaryFigure[] {
  const n = f.all?.students ?? 0;
  const a = f.all;
  const judgedStandard = f.standard.meets + f.standard.fails;
  const growth = countJudgements(f.placements.map((p) => p.judgement));
  const d = f.delivery;
  const decided = d ? d.held + d.cancelled : 0;
  const withWeeks = a?.studentsWithWeeks ?? 0;
  const figures: SummaryFigure[] = [
    { label: 'Students', value: formatCount(n), basis: 'placed in a group in scope' },
    { label: 'Dose scheduled', value: formatMinutes(a?.scheduled ?? 0), basis: students(n) },
    { label: 'Dose delivered', value: formatMinutes(a?.delivered ?? 0), basis: students(n) },
    { label: 'Dose rate', value: share(a?.doseRate ?? null), basis: 'delivered ÷ scheduled minutes' },
    {
      label: 'Dose vs target',
      value: share(a?.doseVsTarget ?? null),
      basis: 'delivered ÷ the weekly target over weeks with sessions, prorated by school days',
    },
    {
      label: 'Meeting the target dose',
      value: share(ratio(a?.studentsMeetingTarget ?? 0, withWeeks)),
      basis: `${formatCount(a?.studentsMeetingTarget ?? 0)} of ${students(withWeeks)}`,
    },
    {
      label: 'Meeting the program standard',
      value: share(ratio(f.standard.meets, judgedStandard)),
      basis: `${formatCount(f.standard.meets)} of ${students(judgedStandard, 'students in judged groups')}`,
    },
    {
      label: 'Session delivery rate',
      value: share(d?.deliveryRate ?? null),
      basis: `${formatCount(d?.held ?? 0)} held of ${formatCount(decided)} held or cancelled`,
    },
    { label: 'Attendance rate', value: share(a?.attendanceRate ?? null), basis: 'sessions attended ÷ held' },
    {
      label: 'Tutor consistency',
      value: share(a?.tutorConsistency ?? null),
      basis: 'attended sessions with the primary tutor',
    },
    {
      label: 'Met growth goal',
      value: share(growth.metShare),
      basis: `${formatCount(growth.met)} of ${formatCount(growth.judged)} judged placements (under-dosed not judged)`,
    },
  ];
  // Sessions after "as of" are in none of the figures above: shown apart.
  if (a && a.stillToCome.sessions > 0) {
    figures.push({
      label: 'Still to come',
      value: `${formatCount(a.stillToCome.sessions)} sessions / ${formatMinutes(a.stillToCome.minutes)}`,
      basis: 'scheduled from today on, not yet counted',
    });
  }
  if (f.coverage) {
    const c = f.coverage;
    figures.push({
      label: 'Placement coverage',
      value: share(c.access),
      basis: `placed ÷ eligible (${formatCount(c.placed)} of ${formatCount(c.eligible)} eligible)`,
    });
  }
  return figures;
}

/** Every week's minutes; a week with nobody scheduled shows a dash. */
export function weekPoints(f: ScopeFacts): { points: WeekPoint[]; table: DashboardTable } {
  const points: WeekPoint[] = [];
  const rows: DashboardRow[] = [];
  for (const w of f.weeks) {
    const label = `Week of ${shortDate(w.week)}`;
    if (w.students === 0) {
      points.push({ week: w.week, label, scheduled: null, delivered: null, rate: '—' });
      rows.push({ cells: [label, '0', '—', '—', '—'] });
    } else {
      const rate = share(ratio(w.delivered, w.scheduled));
      points.push({ week: w.week, label, scheduled: w.scheduled, delivered: w.delivered, rate });
      rows.push({ cells: [label, formatCount(w.students), formatCount(w.scheduled), formatCount(w.delivered), rate] });
    }
  }
  return {
    points,
    table: {
      id: 'weekly',
      caption: 'Dose scheduled and delivered by week',
      columns: [
        { label: 'Week' },
        { label: 'Students', numeric: true },
        { label: 'Scheduled (min)', numeric: true },
        { label: 'Delivered (min)', numeric: true },
        { label: 'Dose rate', numeric: true },
      ],
      rows,
    },
  };
}

export function doseBandTable(f: ScopeFacts): DashboardTable {
  const bands = doseBands(f.underDosedPercent);
  const counts = new Map<string, number>(bands.map((b) => [b.label, 0]));
  let nothing = 0;
  for (const s of f.perStudent) {
    const band = doseBandOf(s.doseRate, bands);
    if (band) counts.set(band.label, counts.get(band.label)! + 1);
    else nothing++;
  }
  const withRate = f.perStudent.length - nothing;
  return {
    id: 'bands',
    caption: 'Students by dose rate',
    columns: [
      { label: 'Dose rate band' },
      { label: 'Students', numeric: true },
      { label: 'Share of students with a dose rate', numeric: true },
    ],
    rows: [
      ...bands.map((b) => ({
        cells: [
          `Dose rate ${b.label}`,
          formatCount(counts.get(b.label)!),
          share(ratio(counts.get(b.label)!, withRate)),
        ],
      })),
      { cells: ['Nothing scheduled yet', formatCount(nothing), '—'] },
    ],
  };
}

const lostParts = (lost: LostMinutes): [string, number][] => [
  ['Student absence', lost.studentAbsence],
  ['Attendance not recorded', lost.attendanceNotRecorded],
  ['Shorter than planned (late, left early, short session)', lost.shortened],
  ...CANCELLATION_REASONS.map((r): [string, number] => [
    `Cancelled: ${cancellationReasonLabels[r]}`,
    lost.cancelled[r],
  ]),
  ['Not logged after the date', lost.unlogged],
  ['Made up in make-up sessions', lost.madeUp],
];

export function lostMinutesTable(all: StudentMetrics | undefined): DashboardTable {
  const parts = all ? lostParts(all.lost) : [];
  const scheduled = all?.scheduled ?? 0;
  const total = parts.reduce((sum, [, m]) => sum + m, 0);
  const row = (label: string, minutes: number): DashboardRow => ({
    cells: [label, formatCount(minutes), share(ratio(minutes, scheduled))],
  });
  return {
    id: 'lost',
    caption: 'Lost minutes by reason (scheduled − delivered)',
    columns: [{ label: 'Reason' }, { label: 'Minutes', numeric: true }, { label: 'Share of scheduled', numeric: true }],
    rows: [...parts.map(([label, m]) => row(label, m)), row('Total lost', total)],
  };
}

export function coverageTable(c: AccessRow): DashboardTable {
  const waiting = c.eligible - c.placed;
  return {
    id: 'coverage',
    caption: 'Placement coverage (eligible by screener; placed in a group matching the filters)',
    columns: [{ label: 'Students' }, { label: 'Count', numeric: true }, { label: 'Share of eligible', numeric: true }],
    rows: [
      { cells: ['Eligible', formatCount(c.eligible), c.eligible > 0 ? '100%' : '—'] },
      { cells: ['Placed', formatCount(c.placed), share(c.access)] },
      {
        cells: [
          'Waitlisted (eligible, not placed)',
          formatCount(waiting),
          share(c.access === null ? null : 1 - c.access),
        ],
      },
    ],
  };
}

/**
 * A site or group off track: its dose rate, or its share of sessions held, under the
 * policy's dose-rate line (DOMAIN.md: the under-dosed line, 70 % by default); null when on track.
 */
export function offTrack(doseRate: number | null, deliveryRate: number | null, linePercent: number): string | null {
  const line = linePercent / 100;
  const under = [
    doseRate !== null && doseRate < line ? 'dose rate' : null,
    deliveryRate !== null && deliveryRate < line ? 'sessions held' : null,
  ].filter((x): x is string => x !== null);
  return under.length ? `Off track: ${under.join(' and ')} under ${linePercent}%` : null;
}

export function breakdownTable(f: ScopeFacts): DashboardTable {
  const b = f.breakdown;
  if ('students' in b) {
    return {
      id: 'breakdown',
      caption: b.caption,
      columns: [
        'Student',
        'Grade',
        'Scheduled (min)',
        'Delivered (min)',
        'Dose rate',
        'Attendance rate',
        'Tutor consistency',
        'Growth',
      ].map((label, i) => ({ label, numeric: i > 1 && i < 7 })),
      rows: b.students.map((s) => ({
        href: s.href,
        cells: [
          s.name,
          s.grade,
          formatCount(s.metrics.scheduled),
          formatCount(s.metrics.delivered),
          share(s.metrics.doseRate),
          share(s.metrics.attendanceRate),
          share(s.metrics.tutorConsistency),
          s.judgement ? judgementLabels[s.judgement] : '—',
        ],
      })),
    };
  }
  return {
    id: 'breakdown',
    caption: b.caption,
    columns: [
      b.unitLabel,
      'Students',
      'Scheduled (min)',
      'Delivered (min)',
      'Dose rate',
      'Attendance rate',
      'Sessions held',
      'Session delivery rate',
      'On track',
    ].map((label, i) => ({ label, numeric: i > 0 && i < 8 })),
    rows: b.units.map((u) => {
      const m = u.metrics;
      const d = u.delivery;
      const off = offTrack(m?.doseRate ?? null, d?.deliveryRate ?? null, f.underDosedPercent);
      return {
        href: u.href,
        cells: [
          u.name,
          formatCount(m?.students ?? 0),
          formatCount(m?.scheduled ?? 0),
          formatCount(m?.delivered ?? 0),
          share(m?.doseRate ?? null),
          share(m?.attendanceRate ?? null),
          formatCount(d?.held ?? 0),
          share(d?.deliveryRate ?? null),
          off ?? (m?.doseRate == null ? '—' : 'On track'),
        ],
        notable: off ? [false, false, false, false, false, false, false, false, true] : undefined,
      };
    }),
  };
}

export function buildScopeView(f: ScopeFacts): ScopeView {
  const summary = summaryFigures(f);
  const weekly = weekPoints(f);
  const tables: DashboardTable[] = [
    summaryTable('Headline figures', summary),
    weekly.table,
    doseBandTable(f),
    lostMinutesTable(f.all),
    growthMeasureTable(f.placements, EXACT),
    growthBandTable(f.growthBands, EXACT),
    ...(f.coverage ? [coverageTable(f.coverage)] : []),
    breakdownTable(f),
  ];
  return { summary, weeks: weekly.points, tables };
}
