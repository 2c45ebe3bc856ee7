// Generated OneRoster 1.1 CSV sets for import tests and the benchmark: any number
// of students over a few schools, one class and one enrollment per student.
import { toCsv } from '../../lib/roster/csv';

export interface GeneratedSchool {
  sourcedId: string;
  identifier: string;
  name: string;
}

export interface RosterSpec {
  schools: GeneratedSchool[];
  /** Students numbered from 1; each goes to schools[(n - 1) % schools.length]. */
  students: number;
  /** Student numbers to leave out (a student who left). */
  omit?: ReadonlySet<number>;
  /** Students written with status tobedeleted (makes the set a delta). */
  deleted?: ReadonlySet<number>;
  /** Changes the given names, to make every student "updated". */
  namePrefix?: string;
  /** Student number → SIS id; default S + 6 digits. */
  sisId?: (n: number) => string;
}

export const studentSourcedId = (n: number) => `stu-${n}`;
export const defaultSisId = (n: number) => `S${String(n).padStart(6, '0')}`;

export function generateRoster(spec: RosterSpec): Record<string, string> {
  const delta = (spec.deleted?.size ?? 0) > 0;
  const status = (deleted: boolean) => (delta ? (deleted ? 'tobedeleted' : 'active') : '');
  const sisId = spec.sisId ?? defaultSisId;
  const orgs = [['sourcedId', 'status', 'name', 'type', 'identifier', 'parentSourcedId']];
  for (const s of spec.schools) orgs.push([s.sourcedId, status(false), s.name, 'school', s.identifier, '']);
  const classes = [['sourcedId', 'status', 'title', 'schoolSourcedId']];
  for (const s of spec.schools)
    classes.push([`class-${s.sourcedId}`, status(false), `Homeroom ${s.name}`, s.sourcedId]);
  const users = [
    [
      'sourcedId',
      'status',
      'enabledUser',
      'orgSourcedIds',
      'role',
      'username',
      'givenName',
      'familyName',
      'identifier',
      'grades',
    ],
  ];
  const enrollments = [['sourcedId', 'status', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role']];
  for (let n = 1; n <= spec.students; n++) {
    if (spec.omit?.has(n)) continue;
    const school = spec.schools[(n - 1) % spec.schools.length]!;
    const deleted = spec.deleted?.has(n) ?? false;
    const grade = String((n % 5) + 1).padStart(2, '0');
    users.push([
      studentSourcedId(n),
      status(deleted),
      'true',
      school.sourcedId,
      'student',
      `user${n}`,
      `${spec.namePrefix ?? 'Given'}${n}`,
      `Family${n}`,
      sisId(n),
      grade,
    ]);
    enrollments.push([
      `enr-${n}`,
      status(deleted),
      `class-${school.sourcedId}`,
      school.sourcedId,
      studentSourcedId(n),
      'student',
    ]);
  }
  return {
    'orgs.csv': toCsv(orgs),
    'classes.csv': toCsv(classes),
    'users.csv': toCsv(users),
    'enrollments.csv': toCsv(enrollments),
  };
}
