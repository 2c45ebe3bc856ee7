// The equity view's data: one table per subgroup dimension DOMAIN.md lists, each
// with an "All students" reference row, every cell a suppressed string
// (./cells.ts). The page and the CSV route both read equityView; callers authorize
// first (district admins and leaders: 'district.view').
import 'server-only';
import { dashboardContext, type DashboardContext } from '@/lib/dashboard/queries';
import { scopeOf, type DashboardFilters, type SearchParams } from '@/lib/dashboard/filters';
import { db } from '@/lib/db';
import { SUBGROUP_DIMENSIONS } from '@/lib/metrics/access';
import { equityBySiteAndSubgroup } from '@/lib/metrics/equity-queries';
import { gradeLabel } from '@/lib/placement/rules';
import type { ReportRow, ReportTable } from '@/lib/reports/table';
import { served, type ViewSpec } from '@/lib/snapshots/served';
import { jointEquityCells, type EquityCells, type GapCell } from './cells';

export type EquityDimension = (typeof SUBGROUP_DIMENSIONS)[number];
export const EQUITY_TABLES = SUBGROUP_DIMENSIONS;

export const dimensionLabels: Record<EquityDimension, string> = {
  raceEthnicity: 'Race/ethnicity',
  gender: 'Gender',
  multilingualLearner: 'Multilingual learners',
  disability: 'Students with disabilities (IEP)',
  economicallyDisadvantaged: 'Economically disadvantaged',
  foster: 'Students in foster care',
  homeless: 'Students experiencing homelessness',
  grade: 'Grade',
  site: 'Site',
};

const raceLabels: Record<string, string> = {
  AMERICAN_INDIAN_ALASKA_NATIVE: 'American Indian or Alaska Native',
  ASIAN: 'Asian',
  BLACK: 'Black or African American',
  HISPANIC_LATINO: 'Hispanic or Latino',
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER: 'Native Hawaiian or Pacific Islander',
  WHITE: 'White',
  TWO_OR_MORE: 'Two or more races',
  NOT_REPORTED: 'Not reported',
};
const genderLabels: Record<string, string> = {
  FEMALE: 'Female',
  MALE: 'Male',
  NONBINARY: 'Nonbinary',
  NOT_REPORTED: 'Not reported',
};

export function valueLabel(dimension: string, value: string, siteNames: ReadonlyMap<string, string>): string {
  switch (dimension) {
    case 'all':
      return 'All students';
    case 'raceEthnicity':
      return raceLabels[value] ?? value;
    case 'gender':
      return genderLabels[value] ?? value;
    case 'grade':
      return `Grade ${gradeLabel(Number(value))}`;
    case 'site':
      return siteNames.get(value) ?? 'Unknown site';
    default:
      return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  }
}

export const EQUITY_COLUMNS = [
  { label: 'Subgroup' },
  { label: 'Eligible', numeric: true },
  { label: 'Placed', numeric: true },
  { label: 'Access (placed ÷ eligible)', numeric: true },
  { label: 'Access gap to all students' },
  { label: 'Placed students with sessions', numeric: true },
  { label: 'Mean dose rate', numeric: true },
  { label: 'Dose-rate gap to all students' },
  { label: 'Meeting target dose', numeric: true },
  { label: 'Target-dose gap to all students' },
  { label: 'Students with a goal judged', numeric: true },
  { label: 'Met growth goal', numeric: true },
  { label: 'Goal gap to all students' },
] as const;

/** An equity row: the "All students" row is the reference every gap is measured from. */
export type EquityRow = ReportRow & { notable: boolean[] };
export type EquityTable = ReportTable<EquityDimension, EquityRow>;

export interface EquityView {
  tables: EquityTable[];
  minN: number;
}

function rowOf(c: EquityCells, label: string): EquityRow {
  const parts: (string | GapCell)[] = [
    label,
    c.eligible.text,
    c.placed.text,
    c.access.text,
    c.accessGap,
    c.dosed.text,
    c.meanDoseRate.text,
    c.doseGap,
    c.meetingTarget.text,
    c.targetGap,
    c.judged.text,
    c.metGoal.text,
    c.goalGap,
  ];
  return {
    cells: parts.map((p) => (typeof p === 'string' ? p : p.text)),
    notable: parts.map((p) => typeof p !== 'string' && p.notable),
    emphasis: c.dimension === 'all' ? 'reference' : undefined,
  };
}

/**
 * The tables for the filters: figures from the metrics module, suppressed here. The
 * district's and every site's tables are suppressed together (jointEquityCells), and
 * the one the filters name is returned, so a site's table, the district's and its
 * other sites' never combine into a hidden cell.
 */
export async function equityView(context: DashboardContext & { filters: DashboardFilters }): Promise<EquityView> {
  const { policy, filters } = context;
  const minN = policy.suppressionMinN;
  const joint = jointEquityCells(
    await equityBySiteAndSubgroup(db, scopeOf({ ...filters, siteId: undefined }), policy),
    minN,
  );
  const cells = filters.siteId ? (joint.sites.get(filters.siteId) ?? []) : joint.district;
  const siteNames = new Map((await db.site.findMany({ select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const all = cells.find((c) => c.dimension === 'all');
  const tables = EQUITY_TABLES.map((dimension): EquityTable => ({
    id: dimension,
    columns: EQUITY_COLUMNS,
    caption: `${dimensionLabels[dimension]}: access, dose and goals against all students`,
    rows: [
      ...(all ? [rowOf(all, 'All students')] : []),
      ...cells.filter((c) => c.dimension === dimension).map((c) => rowOf(c, valueLabel(dimension, c.value, siteNames))),
    ],
  }));
  return { tables, minN };
}

/** The page's context: the district dashboard's filters (cycle, weeks, site, subject). */
export async function equityContext(params: SearchParams) {
  const context = await dashboardContext({ level: 'district' }, params);
  // Grade and provider are not equity filters here (grade is a dimension of its own).
  if (context.filters) context.filters = { ...context.filters, grade: undefined, providerId: undefined };
  return context;
}

/** The equity view as a snapshot the keeper keeps (lib/snapshots). */
export function equityViewSpec(context: DashboardContext & { filters: DashboardFilters }): ViewSpec<EquityView> {
  const { policy, filters } = context;
  return {
    view: 'equity',
    args: { policy, filters },
    through: scopeOf(filters).to,
    build: () => equityView(context),
  };
}

/** The equity view for a page or a download, from its snapshot when one will do. */
export const servedEquityView = (context: DashboardContext & { filters: DashboardFilters }) =>
  served(equityViewSpec(context));
