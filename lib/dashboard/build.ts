// The dashboard's tables for one scope (the district, a site or a group), built from
// the metrics module's results with small-cell suppression applied to every count
// or share about students. Pure: the queries live in ./queries.ts.
import { CANCELLATION_REASONS, cancellationReasonLabels, doseBandOf, doseBands, type LostMinutes } from '@/lib/metrics/dose';
import { countJudgements, judgementLabels, type GrowthByDoseBand, type Judgement } from '@/lib/metrics/judgement';
import { countCell, hiddenText, shareCell, valueCell } from '@/lib/metrics/suppression';
import type { AccessRow } from '@/lib/metrics/access';
import type { PlacementGrowth, SessionDelivery, StudentMetrics } from '@/lib/metrics';
import type { IsoDate } from '@/lib/sessions/generate';
import { partitionCells, suppressNonEmpty } from './cells';
import { growthBandTable, growthMeasureTable } from './growth-tables';
import { formatCount, formatMinutes, formatPercent, shortDate, type DashboardTable, type ScopeView, type SummaryFigure, type TableRowModel, type WeekPoint } from './tables';

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
  minN: number;
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
  breakdown: { caption: string; unitLabel: string; units: BreakdownUnit[] } | { caption: string; students: StudentLine[] };
}

const pct = formatPercent;
const basisOf = (n: number, minN: number, noun = 'students') => (n < minN ? hiddenText(minN) : `${formatCount(n)} ${noun}`);

export function summaryFigures(f: ScopeFacts): SummaryFigure[] {
  const { minN } = f;
  const n = f.all?.students ?? 0;
  const a = f.all;
  const judgedStandard = f.standard.meets + f.standard.fails;
  const growth = countJudgements(f.placements.map((p) => p.judgement));
  const d = f.delivery;
  const decided = d ? d.held + d.cancelled : 0;
  const figures: SummaryFigure[] = [
    { label: 'Students', value: countCell(n, minN).text, basis: 'placed in a group in scope' },
    { label: 'Dose scheduled', value: valueCell(a?.scheduled ?? 0, n, minN, formatMinutes).text, basis: basisOf(n, minN) },
    { label: 'Dose delivered', value: valueCell(a?.delivered ?? 0, n, minN, formatMinutes).text, basis: basisOf(n, minN) },
    { label: 'Dose rate', value: shareCell(a?.doseRate ?? null, n, minN).text, basis: 'delivered ÷ scheduled minutes' },
    { label: 'Dose vs target', value: valueCell(a?.doseVsTarget ?? null, n, minN, pct).text, basis: 'delivered ÷ the weekly target over weeks with sessions, prorated by school days' },
    { label: 'Meeting the target dose', value: shareCell(a && a.studentsWithWeeks ? a.studentsMeetingTarget / a.studentsWithWeeks : null, a?.studentsWithWeeks ?? 0, minN).text, basis: basisOf(a?.studentsWithWeeks ?? 0, minN) },
    { label: 'Meeting the program standard', value: shareCell(judgedStandard ? f.standard.meets / judgedStandard : null, judgedStandard, minN).text, basis: basisOf(judgedStandard, minN, 'students in judged groups') },
    // Sessions, not students: a group's delivery is not about any one student.
    { label: 'Session delivery rate', value: d?.deliveryRate == null ? '—' : pct(d.deliveryRate), basis: `${formatCount(d?.held ?? 0)} held of ${formatCount(decided)} held or cancelled` },
    { label: 'Attendance rate', value: shareCell(a?.attendanceRate ?? null, n, minN).text, basis: 'sessions attended ÷ held' },
    { label: 'Tutor consistency', value: shareCell(a?.tutorConsistency ?? null, n, minN).text, basis: 'attended sessions with the primary tutor' },
    { label: 'Met growth goal', value: shareCell(growth.metShare, growth.judged, minN).text, basis: basisOf(growth.judged, minN, 'judged placements (under-dosed not judged)') },
  ];
  // Sessions after "as of" are in none of the figures above: shown apart.
  if (a && a.stillToCome.sessions > 0) {
    figures.push({ label: 'Still to come', value: `${formatCount(a.stillToCome.sessions)} sessions / ${formatMinutes(a.stillToCome.minutes)}`, basis: 'scheduled from today on, not yet counted' });
  }
  if (f.coverage) {
    const c = f.coverage;
    // As the coverage table shows it: hidden there (a small waitlist), hidden here.
    const placedShare = coverageTable(c, minN).rows[1]!.cells[2]!;
    figures.push({ label: 'Placement coverage', value: placedShare, basis: `placed ÷ eligible (${basisOf(c.eligible, minN, 'eligible')})` });
  }
  return figures;
}

/** Weeks with students are one partition of the scope's minutes; a week with nobody scheduled shows a dash. */
export function weekPoints(f: ScopeFacts): { points: WeekPoint[]; table: DashboardTable } {
  const { minN } = f;
  const hidden = suppressNonEmpty(f.weeks.map((w) => w.students), minN, (f.all?.students ?? 0) >= minN);
  const hiddenWeeks = new Set(f.weeks.filter((_, i) => hidden[i]).map((w) => w.week));
  const points: WeekPoint[] = [];
  const rows: TableRowModel[] = [];
  for (const w of f.weeks) {
    const label = `Week of ${shortDate(w.week)}`;
    if (w.students === 0) {
      points.push({ week: w.week, label, scheduled: null, delivered: null, rate: '—' });
      rows.push({ cells: [label, '0', '—', '—', '—'] });
    } else if (hiddenWeeks.has(w.week)) {
      const h = hiddenText(minN);
      points.push({ week: w.week, label, scheduled: null, delivered: null, rate: h });
      rows.push({ cells: [label, h, h, h, h] });
    } else {
      const rate = shareCell(w.scheduled > 0 ? w.delivered / w.scheduled : null, w.students, minN).text;
      points.push({ week: w.week, label, scheduled: w.scheduled, delivered: w.delivered, rate });
      rows.push({ cells: [label, formatCount(w.students), formatCount(w.scheduled), formatCount(w.delivered), rate] });
    }
  }
  return {
    points,
    table: {
      id: 'weekly',
      caption: 'Dose scheduled and delivered by week',
      columns: [{ label: 'Week' }, { label: 'Students', numeric: true }, { label: 'Scheduled (min)', numeric: true }, { label: 'Delivered (min)', numeric: true }, { label: 'Dose rate', numeric: true }],
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
  const parts = [...bands.map((b) => counts.get(b.label)!), nothing];
  const total = f.perStudent.length;
  const withRate = total - nothing;
  const cells = partitionCells(parts, f.minN, total >= f.minN);
  const labels = [...bands.map((b) => `Dose rate ${b.label}`), 'Nothing scheduled yet'];
  return {
    id: 'bands',
    caption: 'Students by dose rate',
    columns: [{ label: 'Dose rate band' }, { label: 'Students', numeric: true }, { label: 'Share of students with a dose rate', numeric: true }],
    rows: labels.map((label, i) => {
      const cell = cells[i]!;
      const share = i < bands.length ? shareCell(withRate ? parts[i]! / withRate : null, withRate, f.minN, !cell.shown || withRate < f.minN).text : '—';
      return { cells: [label, cell.text, share] };
    }),
  };
}

const lostParts = (lost: LostMinutes): [string, number][] => [
  ['Student absence', lost.studentAbsence],
  ['Attendance not recorded', lost.attendanceNotRecorded],
  ['Shorter than planned (late, left early, short session)', lost.shortened],
  ...CANCELLATION_REASONS.map((r): [string, number] => [`Cancelled: ${cancellationReasonLabels[r]}`, lost.cancelled[r]]),
  ['Not logged after the date', lost.unlogged],
  ['Made up in make-up sessions', lost.madeUp],
];

/** Hidden whole when fewer than minN students are in scope (minN 0 for one student's own page). */
export function lostMinutesTable(all: StudentMetrics | undefined, minN: number): DashboardTable {
  const n = all?.students ?? 0;
  const hidden = n < minN;
  const parts = all ? lostParts(all.lost) : [];
  const scheduled = all?.scheduled ?? 0;
  const total = parts.reduce((sum, [, m]) => sum + m, 0);
  const row = (label: string, minutes: number): TableRowModel => ({
    cells: hidden ? [label, hiddenText(minN), hiddenText(minN)] : [label, formatCount(minutes), scheduled > 0 ? pct(minutes / scheduled) : '—'],
  });
  return {
    id: 'lost',
    caption: 'Lost minutes by reason (scheduled − delivered)',
    columns: [{ label: 'Reason' }, { label: 'Minutes', numeric: true }, { label: 'Share of scheduled', numeric: true }],
    rows: [...parts.map(([label, m]) => row(label, m)), row('Total lost', total)],
  };
}

export function coverageTable(c: AccessRow, minN: number): DashboardTable {
  const eligible = countCell(c.eligible, minN);
  const [placed, waiting] = partitionCells([c.placed, c.eligible - c.placed], minN, eligible.shown);
  return {
    id: 'coverage',
    caption: 'Placement coverage (eligible by screener; placed in a group matching the filters)',
    columns: [{ label: 'Students' }, { label: 'Count', numeric: true }, { label: 'Share of eligible', numeric: true }],
    rows: [
      { cells: ['Eligible', eligible.text, eligible.shown ? '100%' : eligible.text] },
      { cells: ['Placed', placed!.text, shareCell(c.access, c.eligible, minN, !placed!.shown).text] },
      { cells: ['Waitlisted (eligible, not placed)', waiting!.text, shareCell(c.access === null ? null : 1 - c.access, c.eligible, minN, !waiting!.shown).text] },
    ],
  };
}

export function breakdownTable(f: ScopeFacts): DashboardTable {
  const b = f.breakdown;
  if ('students' in b) {
    // Student-level rows for staff who may open each student: no suppression.
    return {
      id: 'breakdown',
      caption: b.caption,
      columns: ['Student', 'Grade', 'Scheduled (min)', 'Delivered (min)', 'Dose rate', 'Attendance rate', 'Tutor consistency', 'Growth'].map((label, i) => ({ label, numeric: i > 1 && i < 7 })),
      rows: b.students.map((s) => ({
        href: s.href,
        cells: [
          s.name,
          s.grade,
          formatCount(s.metrics.scheduled),
          formatCount(s.metrics.delivered),
          s.metrics.doseRate === null ? '—' : pct(s.metrics.doseRate),
          s.metrics.attendanceRate === null ? '—' : pct(s.metrics.attendanceRate),
          s.metrics.tutorConsistency === null ? '—' : pct(s.metrics.tutorConsistency),
          s.judgement ? judgementLabels[s.judgement] : '—',
        ],
      })),
    };
  }
  const sizes = b.units.map((u) => u.metrics?.students ?? 0);
  const hidden = suppressNonEmpty(sizes, f.minN, (f.all?.students ?? 0) >= f.minN);
  return {
    id: 'breakdown',
    caption: b.caption,
    columns: [b.unitLabel, 'Students', 'Scheduled (min)', 'Delivered (min)', 'Dose rate', 'Attendance rate', 'Sessions held', 'Session delivery rate'].map((label, i) => ({ label, numeric: i > 0 })),
    rows: b.units.map((u, i) => {
      const n = sizes[i]!;
      const h = hidden[i]!;
      const m = u.metrics;
      const d = u.delivery;
      return {
        href: u.href,
        cells: [
          u.name,
          countCell(n, f.minN, h).text,
          valueCell(m?.scheduled ?? 0, n, f.minN, formatCount, h).text,
          valueCell(m?.delivered ?? 0, n, f.minN, formatCount, h).text,
          shareCell(m?.doseRate ?? null, n, f.minN, h).text,
          shareCell(m?.attendanceRate ?? null, n, f.minN, h).text,
          formatCount(d?.held ?? 0),
          d?.deliveryRate == null ? '—' : pct(d.deliveryRate),
        ],
      };
    }),
  };
}

export function buildScopeView(f: ScopeFacts): ScopeView {
  const summary = summaryFigures(f);
  const weekly = weekPoints(f);
  const tables: DashboardTable[] = [
    { id: 'summary', caption: 'Headline figures', columns: [{ label: 'Figure' }, { label: 'Value', numeric: true }, { label: 'Basis' }], rows: summary.map((s) => ({ cells: [s.label, s.value, s.basis] })) },
    weekly.table,
    doseBandTable(f),
    lostMinutesTable(f.all, f.minN),
    growthMeasureTable(f.placements, f.minN),
    growthBandTable(f.growthBands, f.minN),
    ...(f.coverage ? [coverageTable(f.coverage, f.minN)] : []),
    breakdownTable(f),
  ];
  return { summary, weeks: weekly.points, tables };
}
