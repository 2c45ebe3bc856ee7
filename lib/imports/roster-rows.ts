// From what the OneRoster parser read to the rows an import writes. Pure.
import type { OneRosterResult } from '@/lib/roster';
import type { PayloadStudent, RosterPayload, RosterProblem } from './types';

/** A OneRoster set as import rows (every school, before any scope is applied). */
export function rosterRows(
  parsed: OneRosterResult,
  usersFile = 'users.csv',
): { rows: RosterPayload; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const schools = [];
  for (const school of parsed.schools) {
    if (school.status === 'tobedeleted') {
      // Sites carry groups, sessions and history: an import never removes one.
      problems.push({
        file: 'orgs.csv',
        line: school.line,
        severity: 'warning',
        reason: `School "${school.name || school.code}" is marked tobedeleted; sites are never removed by an import.`,
      });
      continue;
    }
    schools.push({ sourceId: school.sourceId, code: school.code, name: school.name, line: school.line });
  }
  const students: PayloadStudent[] = [];
  const deleted: RosterPayload['deleted'] = [];
  const seenSourceIds: string[] = [];
  const seenSisIds: string[] = [];
  let skipped = 0;
  for (const student of parsed.students) {
    seenSourceIds.push(student.sourceId);
    seenSisIds.push(student.sisId);
    const school = student.schoolSourceIds[0] ?? null;
    if (student.status === 'tobedeleted') {
      deleted.push({ sourceId: student.sourceId, sisId: student.sisId, school, line: student.line });
      continue;
    }
    if (school === null) {
      skipped++; // the parser said why, on the student's line
      continue;
    }
    students.push({
      sourceId: student.sourceId,
      sisId: student.sisId,
      firstName: student.givenName,
      lastName: student.familyName,
      grade: student.grade,
      school,
      raceEthnicity: student.demographics?.raceEthnicity ?? null,
      gender: student.demographics?.gender ?? null,
      line: student.line,
    });
  }
  const teachers = parsed.teachers
    .filter((t) => `${t.givenName}${t.familyName}`.trim() !== '')
    .map((t) => ({
      sourceId: t.sourceId,
      firstName: t.givenName.trim(),
      lastName: t.familyName.trim(),
      email: t.email,
      school: t.schoolSourceIds[0] ?? null,
      deleted: t.status === 'tobedeleted',
    }));
  const classes = parsed.classes.map((c) => ({
    sourceId: c.sourceId,
    title: c.title,
    classCode: c.classCode,
    classType: c.classType,
    location: c.location,
    periods: c.periods,
    school: c.schoolSourceId,
    deleted: c.status === 'tobedeleted',
  }));
  const enrollments = parsed.enrollments.map((e) => ({
    sourceId: e.sourceId,
    classSourceId: e.classSourceId,
    userSourceId: e.userSourceId,
    role: e.role,
    primary: e.primary,
    deleted: e.status === 'tobedeleted',
  }));
  const mode = parsed.mode;
  return {
    rows: {
      kind: 'oneroster',
      mode,
      usersFile,
      schools,
      students,
      deleted,
      seenSourceIds,
      seenSisIds,
      skipped,
      teachers,
      classes,
      enrollments,
      classModes: parsed.classModes,
    },
    problems,
  };
}
