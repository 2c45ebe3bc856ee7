// The weekly operating review's pure parts: which week the address asks for, the
// rule for "many cancellations", and the change from the previous week. Pure.
import { isoDateSchema } from '@/lib/dates';
import { addDays, isoWeekday, weekStart, type IsoDate } from '@/lib/dates';

/** `?week=` is the Monday of a week, Monday–Sunday in the district's calendar. */
export const weekParamSchema = isoDateSchema('week').refine((date) => isMonday(date), {
  message: 'A week is named by its Monday.',
});

function isMonday(date: string): boolean {
  try {
    return isoWeekday(date) === 1;
  } catch {
    return false; // not a calendar date: the format check has already said so
  }
}

/** The last week that has ended: the Monday before this week's Monday. */
export function lastCompleteWeek(today: IsoDate): IsoDate {
  return addDays(weekStart(today), -7);
}

/**
 * The week to review: `?week=` when it is a valid Monday no later than the current
 * week, else the last complete week (and `ignored` says the address was not used).
 */
export function resolveWeek(raw: string | string[] | undefined, today: IsoDate): { week: IsoDate; ignored: boolean } {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const fallback = lastCompleteWeek(today);
  if (value === undefined || value.trim() === '') return { week: fallback, ignored: false };
  const parsed = weekParamSchema.safeParse(value.trim());
  if (!parsed.success || parsed.data > weekStart(today)) return { week: fallback, ignored: true };
  return { week: parsed.data, ignored: false };
}

/** Mondays offered in the week picker: the `count` weeks up to the current one, latest first. */
export function recentWeeks(today: IsoDate, count = 20): IsoDate[] {
  const current = weekStart(today);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * i));
}

/**
 * "Many cancellations" for a tutor in one week: at least `minSessions` of their
 * sessions cancelled, making up at least `minShare` of the sessions they were due to
 * deliver (held + cancelled). School closures are left out: they cancel every
 * group at a site and say nothing about the tutor.
 */
export const MANY_CANCELLATIONS = { minSessions: 2, minShare: 0.25 } as const;

export function manyCancellationsText(rule = MANY_CANCELLATIONS): string {
  return `${rule.minSessions} or more of a tutor’s sessions cancelled in the week, and at least ${Math.round(rule.minShare * 100)}% of the sessions they were due to deliver (held or cancelled); school closures are not counted`;
}

export function hasManyCancellations(
  t: { held: number; cancelled: number; cancelledForClosure: number },
  rule = MANY_CANCELLATIONS,
): boolean {
  const counted = t.cancelled - t.cancelledForClosure;
  const due = t.held + counted;
  return counted >= rule.minSessions && due > 0 && counted / due >= rule.minShare;
}

export interface Change {
  /** Formatted, e.g. "+6 pts", "−120 min". */
  value: string;
  direction: 'up' | 'down' | 'flat';
  meaning: 'good' | 'bad' | 'neutral';
}

const MINUS = '−';
const signed = (n: number, unit: string) =>
  `${n > 0 ? '+' : n < 0 ? MINUS : '±'}${Math.abs(n).toLocaleString('en-US')}${unit}`;

/** Change of a share (0..1) in percentage points; null when either week has none. */
export function pointsChange(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  const points = Math.round(current * 100) - Math.round(previous * 100);
  return {
    value: signed(points, ' pts'),
    direction: points > 0 ? 'up' : points < 0 ? 'down' : 'flat',
    meaning: points > 0 ? 'good' : points < 0 ? 'bad' : 'neutral',
  };
}

/** Change of a count (minutes, students); more is better. */
export function countChange(current: number, previous: number, unit = ''): Change {
  const diff = current - previous;
  return {
    value: signed(diff, unit),
    direction: diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat',
    meaning: diff > 0 ? 'good' : diff < 0 ? 'bad' : 'neutral',
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mon Nov 16 – Sun Nov 22, 2026". */
export function weekLabel(monday: IsoDate): string {
  const sunday = addDays(monday, 6);
  const part = (d: IsoDate) => `${MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}`;
  return `Mon ${part(monday)} – Sun ${part(sunday)}, ${sunday.slice(0, 4)}`;
}
