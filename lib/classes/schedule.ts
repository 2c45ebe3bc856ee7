// A student's classes as the roster import read them (classes.csv, enrollments.csv):
// the homeroom and the class each period, with its teachers and room, so a
// coordinator can plan pull-outs and a tutor knows where to collect a student. Pure.

export interface ClassRow {
  studentId: string;
  title: string;
  classType: string;
  periods: string[];
  location: string | null;
  teachers: string[];
}

export interface ScheduledClass {
  title: string;
  periods: string[];
  location: string | null;
  teachers: string[];
}

export interface ClassSchedule {
  /** The first homeroom the roster gives, or null. */
  homeroom: ScheduledClass | null;
  /** Other homerooms and every scheduled class, by their first period (numbers in number order), then title. */
  classes: ScheduledClass[];
}

const periodKey = (periods: readonly string[]) => periods[0] ?? '\uffff';

function byPeriod(a: ScheduledClass, b: ScheduledClass): number {
  return (
    periodKey(a.periods).localeCompare(periodKey(b.periods), 'en', { numeric: true }) ||
    a.title.localeCompare(b.title, 'en')
  );
}

/** Each student's schedule; students with no classes are absent. */
export function schedulesOf(rows: readonly ClassRow[]): Map<string, ClassSchedule> {
  const grouped = new Map<string, ClassRow[]>();
  for (const row of rows) (grouped.get(row.studentId) ?? grouped.set(row.studentId, []).get(row.studentId)!).push(row);
  const schedules = new Map<string, ClassSchedule>();
  for (const [studentId, list] of grouped) {
    const classes = list
      .map(({ title, periods, location, teachers, classType }) => ({ title, periods, location, teachers, classType }))
      .sort(byPeriod);
    const homeroomAt = classes.findIndex((c) => c.classType === 'homeroom');
    const strip = ({ classType: _, ...c }: (typeof classes)[number]): ScheduledClass => c;
    schedules.set(studentId, {
      homeroom: homeroomAt === -1 ? null : strip(classes[homeroomAt]!),
      classes: classes.filter((_, i) => i !== homeroomAt).map(strip),
    });
  }
  return schedules;
}

/** "P1, 2" for periods, or "" when the file gives none. */
export function periodLabel(periods: readonly string[]): string {
  return periods.length ? `P${periods.join(', ')}` : '';
}

/** "Homeroom 7B · Ms Kim · Room 12", the parts known. */
export function classLabel(c: ScheduledClass): string {
  return [c.title, c.teachers.join(' and '), c.location ? `Room ${c.location}` : null].filter(Boolean).join(' · ');
}
