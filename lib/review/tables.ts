// The tables of the weekly operating review and of the cost view as text, cell by
// cell: the pages render these and the CSV download (app/api/review/csv) writes the
// same cells, figures as numbers (exact where the page rounds). Operational figures
// are exact; the subgroup gaps come already suppressed from the equity cells. Pure.
import { flagLabels, type FlagKind } from '@/lib/flags/rules';
import { CANCELLATION_REASONS, cancellationReasonLabels, type CancellationReasonCode } from '@/lib/metrics/dose';
import { formatCents, formatWholeDollars } from '@/lib/metrics/cost';
import { dimensionLabels, valueLabel, type EquityDimension } from '@/lib/equity/view';
import type { ReportRow, ReportTable } from '@/lib/reports/table';
import type { CostRow, CostView } from './costs';
import type { WeeklyReview } from './weekly';

export const WEEKLY_TABLE_IDS = ['flags', 'idle-groups', 'tutors', 'gaps', 'under-dosed'] as const;
export type WeeklyTableId = (typeof WEEKLY_TABLE_IDS)[number];
export const COST_TABLE_IDS = ['by-site', 'by-provider'] as const;
export type CostTableId = (typeof COST_TABLE_IDS)[number];

/** A review row: the one report-table row (lib/reports/table.ts), with what the review's pages dress it with. */
export interface ReviewRow extends ReportRow {
  key: string;
  /** The site a row is about (district view links it to the site's review). */
  siteId?: string;
  /** A flagged student's flags, which the page shows as badges. */
  flags?: { label: string; message: string }[];
}

export type ReviewTable<Id extends string = string> = ReportTable<Id, ReviewRow>;

const number = new Intl.NumberFormat('en-US');
const pct = (share: number) => `${Math.round(share * 100)}%`;

export const reasonsText = (byReason: Record<CancellationReasonCode, number>) =>
  CANCELLATION_REASONS.filter((r) => byReason[r] > 0)
    .map((r) => `${cancellationReasonLabels[r]} ${byReason[r]}`)
    .join(', ') || '—';

function subgroupLabel(dimension: string, value: string, siteNames: ReadonlyMap<string, string>): string {
  const label = valueLabel(dimension, value, siteNames);
  return dimension === 'grade' || dimension === 'site'
    ? label
    : `${dimensionLabels[dimension as EquityDimension] ?? dimension}: ${label}`;
}

/** The review's tables for the district or a site, in page order. */
export function weeklyReviewTables(review: WeeklyReview, level: 'district' | 'site'): ReviewTable<WeeklyTableId>[] {
  const siteNames = new Map(review.sites.map((s) => [s.id, s.name]));
  const multiSite = level === 'district' || review.sites.length > 1;
  const kinds = Object.keys(flagLabels) as FlagKind[];

  const flags: ReviewTable<WeeklyTableId> =
    level === 'district'
      ? {
          id: 'flags',
          caption: 'Flagged students by site and flag (a student may have several flags)',
          columns: [
            { label: 'Site' },
            ...kinds.map((k) => ({ label: flagLabels[k], numeric: true })),
            { label: 'Students flagged', numeric: true },
          ],
          rows: review.sites.flatMap((site) => {
            const here = review.flagged.filter((f) => f.siteId === site.id);
            if (here.length === 0) return [];
            return [
              {
                key: site.id,
                siteId: site.id,
                cells: [
                  site.name,
                  ...kinds.map((k) => number.format(here.filter((f) => f.flags.some((x) => x.kind === k)).length)),
                  number.format(here.length),
                ],
              },
            ];
          }),
        }
      : {
          id: 'flags',
          caption: 'Flagged students',
          columns: [{ label: 'Student' }, ...(multiSite ? [{ label: 'Site' }] : []), { label: 'Flags' }],
          rows: review.flagged.map((s) => {
            const shown = s.flags.map((f) => ({ label: flagLabels[f.kind], message: f.message }));
            return {
              key: `${s.siteId}-${s.studentId}`,
              flags: shown,
              cells: [
                s.name,
                ...(multiSite ? [siteNames.get(s.siteId) ?? ''] : []),
                shown.map((f) => `${f.label} ${f.message}`).join('; '),
              ],
            };
          }),
        };

  const idle: ReviewTable<WeeklyTableId> = {
    id: 'idle-groups',
    caption: 'Groups without a held session this week',
    columns: [
      { label: 'Group' },
      ...(multiSite ? [{ label: 'Site' }] : []),
      { label: 'Primary tutor' },
      { label: 'Cancelled', numeric: true },
      { label: 'Cancellation reasons' },
      { label: 'Not logged', numeric: true },
    ],
    rows: review.groupsWithoutHeld.map((g) => ({
      key: g.groupId,
      cells: [
        g.name,
        ...(multiSite ? [g.siteName] : []),
        g.tutorName,
        number.format(g.cancelled),
        reasonsText(g.cancelledByReason),
        number.format(g.unlogged + g.upcoming),
      ],
    })),
  };

  const tutors: ReviewTable<WeeklyTableId> = {
    id: 'tutors',
    caption: 'Tutors with many cancellations this week',
    columns: [
      { label: 'Tutor' },
      { label: 'Provider' },
      { label: 'Held', numeric: true },
      { label: 'Cancelled', numeric: true },
      { label: 'Reasons' },
    ],
    rows: review.tutors.map((t) => ({
      key: t.tutorId,
      cells: [
        t.name,
        t.providerName ?? '—',
        number.format(t.held),
        number.format(t.cancelled),
        reasonsText(t.cancelledByReason),
      ],
    })),
  };

  const gaps: ReviewTable<WeeklyTableId> = {
    id: 'gaps',
    caption: 'Widest gaps to all students (up to five)',
    columns: [
      { label: 'Subgroup' },
      { label: 'Measure' },
      { label: 'Subgroup', numeric: true },
      { label: 'All students', numeric: true },
      { label: 'Gap' },
    ],
    rows: review.gaps.map((g) => ({
      key: `${g.dimension}-${g.value}-${g.measure}`,
      cells: [subgroupLabel(g.dimension, g.value, siteNames), g.measure, g.subgroup, g.all, g.gap],
    })),
  };

  const underDosed: ReviewTable<WeeklyTableId> =
    level === 'district'
      ? {
          id: 'under-dosed',
          caption: 'Under-dosed placements by site',
          columns: [{ label: 'Site' }, { label: 'Placements under-dosed', numeric: true }],
          rows: review.sites.flatMap((site) => {
            const n = review.underDosed.filter((u) => u.siteId === site.id).length;
            return n === 0 ? [] : [{ key: site.id, siteId: site.id, cells: [site.name, number.format(n)] }];
          }),
        }
      : {
          id: 'under-dosed',
          caption: 'Under-dosed placements, lowest dose first',
          columns: [
            { label: 'Student' },
            { label: 'Group' },
            { label: 'Dose rate in the group this cycle', numeric: true },
          ],
          rows: review.underDosed.map((u) => ({
            key: `${u.studentId}-${u.groupId}`,
            cells: [u.name, u.group, pct(u.doseRate)],
          })),
        };

  return [flags, idle, tutors, gaps, underDosed];
}

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString('en-US');
/** Hours to four decimals, so a column of sites adds up to the total in a spreadsheet. */
const exactHours = (minutes: number) => Math.round((minutes / 60) * 10000) / 10000;

function perGoal(r: CostRow): string {
  if (r.partial) return 'Costs missing';
  return r.perStudentMeetingGoal === null ? '—' : formatWholeDollars(r.perStudentMeetingGoal);
}

/** Cost by site or by provider, with the total as the last row; exact (sites and providers are operational). */
export function costTable<Id extends string>(
  id: Id,
  caption: string,
  unitLabel: string,
  rows: CostRow[],
  total: CostRow,
): ReviewTable<Id> {
  return {
    id,
    caption,
    columns: [
      { label: unitLabel },
      { label: 'Hours delivered', numeric: true },
      { label: 'Hours with a cost', numeric: true },
      { label: 'Tutor cost', numeric: true, unit: '$' },
      { label: 'Cost per delivered hour', numeric: true, unit: '$' },
      { label: 'Student-hours delivered', numeric: true },
      { label: 'Students meeting goal', numeric: true },
      { label: 'Cost per student meeting goal', numeric: true, unit: '$' },
    ],
    rows: [...rows, total].map((r) => ({
      key: r.key,
      emphasis: r === total ? ('total' as const) : undefined,
      cells: [
        r.name,
        hours(r.heldMinutes),
        hours(r.costedMinutes),
        `${r.costedMinutes > 0 ? formatWholeDollars(r.costCents) : '—'}${r.partial && r.costedMinutes > 0 ? ' (partial)' : ''}`,
        `${r.perDeliveredHour === null ? (r.heldMinutes > 0 ? 'Costs missing' : '—') : formatCents(r.perDeliveredHour)}${r.perDeliveredHour !== null && r.partial ? ' *' : ''}`,
        hours(r.studentMinutes),
        number.format(r.studentsMeetingGoal),
        perGoal(r),
      ],
      // A partial cost is no figure to add up: its cell stays the page's words.
      values: [
        undefined,
        exactHours(r.heldMinutes),
        exactHours(r.costedMinutes),
        r.costedMinutes > 0 && !r.partial ? r.costCents / 100 : undefined,
        r.perDeliveredHour !== null && !r.partial ? r.perDeliveredHour / 100 : undefined,
        exactHours(r.studentMinutes),
        undefined,
        r.perStudentMeetingGoal !== null && !r.partial ? r.perStudentMeetingGoal / 100 : undefined,
      ],
    })),
  };
}

/** The cost view's tables; one with no site or provider is left out, as the page leaves it out. */
export function costTables(view: CostView): ReviewTable<CostTableId>[] {
  return [
    ...(view.bySite.length
      ? [costTable('by-site' as const, 'Tutor cost by site', 'Site', view.bySite, view.total)]
      : []),
    ...(view.byProvider.length
      ? [
          costTable(
            'by-provider' as const,
            'Tutor cost by provider (of the group’s primary tutor)',
            'Provider',
            view.byProvider,
            view.total,
          ),
        ]
      : []),
  ];
}

/** The query of a review table's CSV download. */
export function reviewCsvHref(query: Record<string, string>, table: string): string {
  return `/api/review/csv?${new URLSearchParams({ ...query, table }).toString()}`;
}
