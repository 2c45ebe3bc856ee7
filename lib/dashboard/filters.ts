// The dashboard's filters live in the address (a plain GET form), so a view can be
// shared as a link. Each field is checked on its own: a bad value is dropped and
// named, the rest still apply. Pure.
import { z } from 'zod';
import { numberInput } from '@/lib/actions/number-input';
import { datesFrom, isoDateSchema } from '@/lib/dates';
import { addDays, weekStart, type IsoDate } from '@/lib/dates';
import type { MetricsScope } from '@/lib/metrics/scope';
import { lastCompleteWeek } from '@/lib/review/week';

export const dashboardQuerySchema = z.object({
  cycle: z.uuid(),
  /** The Monday of the first and last week shown. */
  from: isoDateSchema('first week'),
  to: isoDateSchema('last week'),
  site: z.uuid(),
  subject: z.enum(['MATH', 'ELA']),
  grade: numberInput(z.number().int().min(-1).max(12)),
  provider: z.uuid(),
});

export type DashboardQuery = Partial<z.output<typeof dashboardQuerySchema>>;
export type SearchParams = Record<string, string | string[] | undefined>;

const fieldLabels: Record<keyof DashboardQuery, string> = {
  cycle: 'cycle',
  from: 'first week',
  to: 'last week',
  site: 'site',
  subject: 'subject',
  grade: 'grade',
  provider: 'provider',
};

/** The valid fields of the query, and the names of those that were not understood. */
export function parseDashboardQuery(params: SearchParams): { query: DashboardQuery; ignored: string[] } {
  const query: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(dashboardQuerySchema.shape) as (keyof DashboardQuery)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === '') continue;
    const parsed = dashboardQuerySchema.shape[key].safeParse(value.trim());
    if (parsed.success) query[key] = parsed.data;
    else ignored.push(fieldLabels[key]);
  }
  return { query: query as DashboardQuery, ignored };
}

export interface CycleOption {
  id: string;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface DashboardFilters {
  cycle: CycleOption;
  /** Every week (Monday) of the cycle, for the week pickers. */
  weeks: IsoDate[];
  fromWeek: IsoDate;
  toWeek: IsoDate;
  siteId?: string;
  subject?: 'MATH' | 'ELA';
  grade?: number;
  providerId?: string;
}

/** Mondays from the week of `start` to the week of `end`. */
export function weeksOf(start: IsoDate, end: IsoDate): IsoDate[] {
  return datesFrom(weekStart(start), end, 7);
}

/**
 * Defaults: the cycle running today (else the latest that has started, else the
 * first), from its first week to the last complete week (Monday–Sunday ending before
 * today; the cycle's first week while none has ended). The unfinished week is not
 * the default: half a week charted beside whole ones reads as a drop. Weeks outside
 * the cycle, and a site or provider that is not offered, are dropped and named.
 */
export function resolveDashboardFilters(
  parsed: { query: DashboardQuery; ignored: string[] },
  options: {
    cycles: readonly CycleOption[];
    today: IsoDate;
    siteIds?: readonly string[];
    providerIds: readonly string[];
  },
): { filters: DashboardFilters | null; ignored: string[] } {
  const { query } = parsed;
  const ignored = [...parsed.ignored];
  const sorted = [...options.cycles].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const chosen = query.cycle ? sorted.find((c) => c.id === query.cycle) : undefined;
  if (query.cycle && !chosen) ignored.push(fieldLabels.cycle);
  const cycle =
    chosen ??
    sorted.find((c) => c.startDate <= options.today && options.today <= c.endDate) ??
    sorted.filter((c) => c.startDate <= options.today).at(-1) ??
    sorted[0];
  if (!cycle) return { filters: null, ignored };
  const weeks = weeksOf(cycle.startDate, cycle.endDate);
  const lastComplete = lastCompleteWeek(options.today);
  const pick = (value: IsoDate | undefined, label: string, fallback: IsoDate) => {
    if (value === undefined) return fallback;
    const monday = weekStart(value);
    if (weeks.includes(monday)) return monday;
    ignored.push(label);
    return fallback;
  };
  let fromWeek = pick(query.from, fieldLabels.from, weeks[0]!);
  const defaultTo = weeks.filter((w) => w <= lastComplete).at(-1) ?? weeks[0]!;
  let toWeek = pick(query.to, fieldLabels.to, defaultTo);
  if (fromWeek > toWeek) [fromWeek, toWeek] = [toWeek, fromWeek];
  let siteId = query.site;
  if (siteId && options.siteIds && !options.siteIds.includes(siteId)) {
    ignored.push(fieldLabels.site);
    siteId = undefined;
  }
  let providerId = query.provider;
  if (providerId && !options.providerIds.includes(providerId)) {
    ignored.push(fieldLabels.provider);
    providerId = undefined;
  }
  return {
    filters: { cycle, weeks, fromWeek, toWeek, siteId, subject: query.subject, grade: query.grade, providerId },
    ignored,
  };
}

/** The metrics scope for the filters: whole weeks, Monday to Sunday, within the cycle's groups. */
export function scopeOf(
  filters: DashboardFilters,
  fixed: { siteIds?: string[]; groupId?: string; studentId?: string } = {},
): MetricsScope {
  return {
    cycleId: filters.cycle.id,
    from: filters.fromWeek,
    to: addDays(filters.toWeek, 6),
    siteIds: fixed.siteIds ?? (filters.siteId ? [filters.siteId] : undefined),
    subject: filters.subject,
    grades: filters.grade === undefined ? undefined : [filters.grade],
    providerId: filters.providerId,
    groupId: fixed.groupId,
    studentId: fixed.studentId,
  };
}

/** The filters as a query string (without "?"), so links and downloads keep the same view. */
export function filtersQuery(filters: DashboardFilters, extra: Record<string, string | undefined> = {}): string {
  const entries: [string, string | undefined][] = [
    ['cycle', filters.cycle.id],
    ['from', filters.fromWeek],
    ['to', filters.toWeek],
    ['site', filters.siteId],
    ['subject', filters.subject],
    ['grade', filters.grade?.toString()],
    ['provider', filters.providerId],
    ...Object.entries(extra),
  ];
  return new URLSearchParams(
    entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
}
