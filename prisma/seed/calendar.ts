// The tutoring cycle containing "today" and the district's real no-school days.
import type { NoSchoolKind } from '../../lib/generated/prisma/enums';
import { addDays, isoWeekday, type IsoDate } from '../../lib/dates';
import { now as clockNow } from '../../lib/clock';

export type CycleLength = 'term' | 'school-year';

export interface NoSchoolDate {
  date: IsoDate;
  kind: NoSchoolKind;
  name: string;
}

export interface CycleCalendar {
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  /** District-wide closures, including ones just outside the cycle (Labor Day, winter break). */
  closures: NoSchoolDate[];
}

const MONDAY = 1;
const THURSDAY = 4;
const FRIDAY = 5;
const SCHOOL_YEAR_WEEKS = 36;

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The n-th given weekday (ISO, 1 = Monday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDate {
  const first = isoDate(year, month, 1);
  return addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: number): IsoDate {
  const lastDay = addDays(month === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, month + 1, 1), -1);
  return addDays(lastDay, -((isoWeekday(lastDay) - weekday + 7) % 7));
}

function firstWeekdayOnOrAfter(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

function span(first: IsoDate, last: IsoDate, kind: NoSchoolKind, name: string): NoSchoolDate[] {
  const days: NoSchoolDate[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) days.push({ date, kind, name });
  return days;
}

function day(date: IsoDate, kind: NoSchoolKind, name: string): NoSchoolDate {
  return { date, kind, name };
}

/** Nov 11, observed on the Friday before or the Monday after when it falls on a weekend. */
function veteransDayObserved(year: number): IsoDate {
  const date = isoDate(year, 11, 11);
  const weekday = isoWeekday(date);
  return weekday === 6 ? addDays(date, -1) : weekday === 7 ? addDays(date, 1) : date;
}

function fallStart(year: number): IsoDate {
  return addDays(nthWeekday(year, 9, MONDAY, 1), 1); // the Tuesday after Labor Day
}

function fallEnd(year: number): IsoDate {
  return nthWeekday(year, 12, FRIDAY, 3);
}

function fallClosures(year: number): NoSchoolDate[] {
  const indigenousPeoplesDay = nthWeekday(year, 10, MONDAY, 2);
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4);
  return [
    day(nthWeekday(year, 9, MONDAY, 1), 'HOLIDAY', 'Labor Day'),
    day(addDays(indigenousPeoplesDay, -3), 'PD_DAY', 'Professional Development Day (no students)'),
    day(indigenousPeoplesDay, 'HOLIDAY', "Indigenous Peoples' Day"),
    day(veteransDayObserved(year), 'HOLIDAY', 'Veterans Day'),
    ...span(addDays(thanksgiving, -1), addDays(thanksgiving, 1), 'BREAK', 'Thanksgiving Break'),
  ];
}

/** From the Monday after the fall term ends to the Sunday before classes resume in January. */
function winterBreak(fallYear: number): NoSchoolDate[] {
  const resume = firstWeekdayOnOrAfter(isoDate(fallYear + 1, 1, 2), MONDAY);
  return span(addDays(fallEnd(fallYear), 3), addDays(resume, -1), 'BREAK', 'Winter Break');
}

function springStart(year: number): IsoDate {
  return firstWeekdayOnOrAfter(isoDate(year, 1, 6), MONDAY);
}

function springClosures(year: number): NoSchoolDate[] {
  const presidentsDay = nthWeekday(year, 2, MONDAY, 3);
  const springBreak = nthWeekday(year, 3, MONDAY, 3);
  return [
    day(nthWeekday(year, 1, MONDAY, 3), 'HOLIDAY', 'Martin Luther King Jr. Day'),
    day(addDays(presidentsDay, -3), 'PD_DAY', 'Professional Development Day (no students)'),
    day(presidentsDay, 'HOLIDAY', "Presidents' Day"),
    ...span(springBreak, addDays(springBreak, 4), 'BREAK', 'Spring Break'),
    day(lastWeekday(year, 5, MONDAY), 'HOLIDAY', 'Memorial Day'),
  ];
}

/** The Friday of the 36th week that has at least one school day. */
function schoolYearEnd(start: IsoDate, closures: NoSchoolDate[]): IsoDate {
  const closed = new Set(closures.map((closure) => closure.date));
  let weeks = 0;
  let monday = addDays(start, 1 - isoWeekday(start));
  for (;;) {
    const open = [0, 1, 2, 3, 4].some((offset) => {
      const date = addDays(monday, offset);
      return date >= start && !closed.has(date);
    });
    if (open) weeks += 1;
    if (weeks === SCHOOL_YEAR_WEEKS) return addDays(monday, FRIDAY - 1);
    monday = addDays(monday, 7);
  }
}

function termCalendar(today: IsoDate): CycleCalendar {
  const year = Number(today.slice(0, 4));
  if (Number(today.slice(5, 7)) >= 8) {
    return {
      name: `Fall ${year}`,
      startDate: fallStart(year),
      endDate: fallEnd(year),
      closures: [...fallClosures(year), ...winterBreak(year)],
    };
  }
  return {
    name: `Spring ${year}`,
    startDate: springStart(year),
    endDate: lastWeekday(year, 5, FRIDAY),
    closures: [...winterBreak(year - 1), ...springClosures(year)],
  };
}

function schoolYearCalendar(today: IsoDate): CycleCalendar {
  const year = Number(today.slice(0, 4));
  const fallYear = Number(today.slice(5, 7)) >= 8 ? year : year - 1;
  const closures = [...fallClosures(fallYear), ...winterBreak(fallYear), ...springClosures(fallYear + 1)];
  const startDate = fallStart(fallYear);
  return {
    name: `${fallYear}–${String((fallYear + 1) % 100).padStart(2, '0')} School Year`,
    startDate,
    endDate: schoolYearEnd(startDate, closures),
    closures,
  };
}

export function cycleCalendar(today: IsoDate, length: CycleLength): CycleCalendar {
  return length === 'term' ? termCalendar(today) : schoolYearCalendar(today);
}

const SITE_CLOSURES: readonly { kind: NoSchoolKind; name: string }[] = [
  { kind: 'OTHER', name: 'Parent–Teacher Conferences' },
  { kind: 'PD_DAY', name: 'Site Professional Development Day' },
  { kind: 'OTHER', name: 'Building Maintenance Closure' },
];

/** A Friday (or the next open weekday) partway through the cycle, varied by site. */
export function siteClosure(cycle: CycleCalendar, variant: number): NoSchoolDate {
  const closed = new Set(cycle.closures.map((closure) => closure.date));
  let date = firstWeekdayOnOrAfter(addDays(cycle.startDate, 42 + 7 * (variant % 5)), FRIDAY);
  while (closed.has(date) || isoWeekday(date) > FRIDAY) date = addDays(date, 1);
  const closure = SITE_CLOSURES[variant % SITE_CLOSURES.length] ?? { kind: 'OTHER', name: 'Site closure' };
  return { date, ...closure };
}

export function isSchoolDay(date: IsoDate, closed: ReadonlySet<IsoDate>): boolean {
  return isoWeekday(date) <= FRIDAY && !closed.has(date);
}

export function nextSchoolDay(date: IsoDate, closed: ReadonlySet<IsoDate>): IsoDate {
  let day = date;
  while (!isSchoolDay(day, closed)) day = addDays(day, 1);
  return day;
}

export function earlierDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Today's calendar date in the district's time zone. */
export function localToday(timeZone: string, now = clockNow()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
