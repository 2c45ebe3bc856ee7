// Which weeks of a metrics window the rollup tables serve and which dates the fact
// builders read live (./facts-sql.ts, ./rollup.ts). Pure: no database.
//
// The rollup holds whole weeks (Monday–Sunday). It serves a week when the week lies
// wholly inside the window, does not contain today (the week still being logged) and
// has no pair still marked stale; a partial first or last week is served whole only when none
// of its sessions falls outside the window. Every other date of the window is read
// live, so a window that starts or ends mid-week stays exact.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - As of: a window counts sessions dated up to its end or yesterday (district time
//   zone), whichever is earlier. Later sessions of the window, today's included even
//   when already logged, are "still to come": counted apart (`stillToCome`: planned
//   sessions and minutes, make-ups not; for session delivery, every session), never
//   in dose, rates, lost minutes or the program standard's held sessions. A session
//   still SCHEDULED up to "as of" is "unlogged". studentWeekDose leaves out weeks
//   wholly still to come; studentMetrics keeps a row (zero students) for a key with
//   sessions only still to come.
import { addDays, datesFrom, dayNumber, weekStart, type IsoDate } from '@/lib/dates';

/** Session dates, both ends included. */
export type DateRange = readonly [IsoDate, IsoDate];

export interface FactsPlan {
  /** Mondays of the weeks read from the rollup. */
  rollupWeeks: IsoDate[];
  /** Dates read from session and attendance rows, as disjoint ranges in order. */
  live: DateRange[];
  /** Rollup weeks whose week totals (metrics_week_total) are not recomputed yet. */
  staleTotals?: IsoDate[];
}

/** Mondays of the weeks lying wholly inside [from, to] (compared as day numbers, a bounded loop). */
export function wholeWeeks(from: IsoDate, to: IsoDate): IsoDate[] {
  const first = weekStart(from) === from ? from : addDays(weekStart(from), 7);
  const lastMonday = dayNumber(to)! - 6;
  if (dayNumber(first)! > lastMonday) return [];
  return datesFrom(first, addDays(to, -6), 7);
}

/**
 * The days of the window's partial first and last weeks that lie outside the
 * window, by the week's Monday. Such a week can still be served whole from the
 * rollup when no session (of a group in scope) falls on those days: a cycle
 * starting on a Tuesday after a Monday holiday, or ending on a Friday.
 */
export function partialWeeks(from: IsoDate, to: IsoDate): { monday: IsoDate; outside: DateRange[] }[] {
  const first = weekStart(from);
  const last = weekStart(to);
  const outsideOf = (monday: IsoDate): DateRange[] => {
    const ranges: DateRange[] = [];
    if (monday < from) ranges.push([monday, addDays(from, -1)]);
    if (addDays(monday, 6) > to) ranges.push([addDays(to, 1), addDays(monday, 6)]);
    return ranges;
  };
  const weeks = first === last ? [first] : [first, last];
  return weeks.map((monday) => ({ monday, outside: outsideOf(monday) })).filter((w) => w.outside.length > 0);
}

/**
 * The plan for a window: `staleWeeks` are Mondays with a pair still marked stale;
 * `servableEdges` are partial weeks with no session outside the window (see partialWeeks).
 */
export function planFacts(
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  staleWeeks: Iterable<IsoDate> = [],
  servableEdges: Iterable<IsoDate> = [],
): FactsPlan {
  const stale = new Set(staleWeeks);
  const current = weekStart(today);
  const candidates = [...new Set([...wholeWeeks(from, to), ...servableEdges])].sort();
  const rollupWeeks = candidates.filter((monday) => monday !== current && !stale.has(monday));
  const live: [IsoDate, IsoDate][] = [];
  let start: IsoDate = from;
  for (const monday of rollupWeeks) {
    if (start < monday) live.push([start, addDays(monday, -1)]);
    start = addDays(monday, 7) > start ? addDays(monday, 7) : start;
  }
  if (start <= to) live.push([start, to]);
  return { rollupWeeks, live };
}

/**
 * DOMAIN's "as of": a window counts sessions up to its end or the last complete day
 * (yesterday), whichever is earlier; later dates of the window are still to come.
 * Either part is null when empty (a window wholly in the past has nothing to come).
 */
export function asOfWindow(
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): { counted: DateRange | null; stillToCome: DateRange | null } {
  const yesterday = addDays(today, -1);
  const end = to < yesterday ? to : yesterday;
  const start = from > today ? from : today;
  return { counted: from <= end ? [from, end] : null, stillToCome: start <= to ? [start, to] : null };
}

/** Sorted Mondays as runs of consecutive weeks: [first Monday, last Monday]. */
export function weekRuns(mondays: readonly IsoDate[]): [IsoDate, IsoDate][] {
  const runs: [IsoDate, IsoDate][] = [];
  for (const monday of mondays) {
    const run = runs.at(-1);
    if (run && addDays(run[1], 7) === monday) run[1] = monday;
    else runs.push([monday, monday]);
  }
  return runs;
}

/**
 * A plan split for reading: its rollup weeks whose weekdays all lie inside the window
 * (their stored school days are the window's) as runs read from the running totals,
 * and the rest (a partial edge week served whole, and the live dates) as rows.
 */
export function cumeSplit(
  from: IsoDate,
  to: IsoDate,
  plan: FactsPlan,
): { runs: [IsoDate, IsoDate][]; runWeeks: IsoDate[]; rows: FactsPlan } {
  const inside = (monday: IsoDate) => monday >= from && addDays(monday, 4) <= to;
  const runWeeks = plan.rollupWeeks.filter(inside);
  return {
    runs: weekRuns(runWeeks),
    runWeeks,
    rows: { ...plan, rollupWeeks: plan.rollupWeeks.filter((w) => !inside(w)) },
  };
}

/** Everything live: the builders read the whole window from session and attendance rows. */
export const livePlan = (from: IsoDate, to: IsoDate): FactsPlan => ({ rollupWeeks: [], live: [[from, to]] });
