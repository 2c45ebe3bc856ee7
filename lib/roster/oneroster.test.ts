import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, type RosterProblem } from './csv';
import {
  genderFromSex,
  gradeFromCode,
  parseOneRoster,
  raceEthnicityFromFlags,
  type OneRosterResult,
  type RaceFlags,
} from './oneroster';

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/oneroster');

function fixture(folder: string): Map<string, string> {
  const dir = path.join(FIXTURES, folder);
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
}

const errors = (result: OneRosterResult) => result.problems.filter((p) => p.severity === 'error');
const student = (result: OneRosterResult, sourceId: string) => result.students.find((s) => s.sourceId === sourceId);

// A small, valid 1.1 bulk roster; tests change one file at a time.
const ORGS = toCsv([
  ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  ['d1', '', '', 'Demo USD', 'district', '', ''],
  ['s1', '', '', 'Lincoln Elementary', 'school', '0104', 'd1'],
  ['s2', '', '', 'Roosevelt Middle', 'school', '', 'd1'],
]);
const USERS = toCsv([
  [
    'sourcedId',
    'status',
    'dateLastModified',
    'enabledUser',
    'orgSourcedIds',
    'role',
    'username',
    'userIds',
    'givenName',
    'familyName',
    'identifier',
    'email',
    'grades',
    'password',
  ],
  ['u1', '', '', 'true', 's1', 'student', 'ana.k', '', 'Ana', 'Kim', '000123', '', '03', 'secret'],
  ['u2', '', '', 'true', 's1,s2', 'student', 'ben.l', '', 'Ben', 'Lopez', '', '', 'KG', ''],
  ['u3', '', '', 'true', 'd1,s1', 'teacher', 'cruz', '', 'Carmen', 'Cruz', 'T-9', 'Carmen.Cruz@Demo.org', '', ''],
  ['u4', '', '', 'false', 's2', 'student', '', '', 'Dee', 'Ng', '', '', 'PK', ''],
]);
const CLASSES = toCsv([
  [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'grades',
    'courseSourcedId',
    'classCode',
    'classType',
    'location',
    'schoolSourcedId',
    'termSourcedIds',
    'subjects',
    'subjectCodes',
    'periods',
  ],
  ['c1', '', '', 'Grade 3 Math', '03', 'k1', '', 'scheduled', '', 's1', 't1', 'Math', '0101', '1'],
]);
const ENROLLMENTS = toCsv([
  [
    'sourcedId',
    'status',
    'dateLastModified',
    'classSourcedId',
    'schoolSourcedId',
    'userSourcedId',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
  ['e1', '', '', 'c1', 's1', 'u1', 'student', 'false', '', ''],
  ['e2', '', '', 'c1', 's1', 'u3', 'teacher', 'true', '', ''],
]);

function roster(changes: Record<string, string | undefined> = {}): Map<string, string> {
  const files: Record<string, string | undefined> = {
    'orgs.csv': ORGS,
    'users.csv': USERS,
    'classes.csv': CLASSES,
    'enrollments.csv': ENROLLMENTS,
    ...changes,
  };
  return new Map(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The users file with one more row appended (the header is USERS's). */
const usersWith = (...rows: string[][]) => USERS + toCsv(rows);
const userRow = (
  id: string,
  fields: Partial<Record<'org' | 'role' | 'username' | 'identifier' | 'grades' | 'status', string>>,
) => [
  id,
  fields.status ?? '',
  '',
  'true',
  fields.org ?? 's1',
  fields.role ?? 'student',
  fields.username ?? id,
  '',
  'Given',
  'Family',
  fields.identifier ?? '',
  '',
  fields.grades ?? '',
  '',
];

describe('the lepo roster-hub sample (1.1 bulk, every field quoted)', () => {
  for (const language of ['en', 'ja'] as const) {
    it(`reads its one school, 18 students and 2 teachers (${language})`, () => {
      const result = parseOneRoster(fixture(`lepo-roster-hub-v1p1/${language}`));
      expect(result.version).toBe('1.1');
      expect(result.mode).toBe('bulk');
      expect(result.schools).toHaveLength(1);
      expect(result.schools[0]).toMatchObject({ sourceId: 'or0001', code: 'or0001', status: null, line: 2 });
      expect(result.students).toHaveLength(18);
      expect(result.teachers.map((t) => t.sourceId)).toEqual(['us0001', 'us0002']);
      expect(errors(result)).toEqual([]);
    });
  }

  it('takes the teacher role from enrollments when users.csv calls everyone a student', () => {
    const result = parseOneRoster(fixture('lepo-roster-hub-v1p1/en'));
    expect(result.students.map((s) => s.sourceId)).not.toContain('us0001');
    expect(result.teachers[1]).toMatchObject({ sourceId: 'us0002', givenName: 'GN 02', schoolSourceIds: ['or0001'] });
    const roleWarnings = result.problems.filter((p) => p.reason.includes('enrolled in classes as teacher'));
    expect(roleWarnings).toEqual([
      expect.objectContaining({ file: 'users.csv', line: 2, severity: 'warning' }),
      expect.objectContaining({ file: 'users.csv', line: 3, severity: 'warning' }),
    ]);
  });

  it('keeps the role users.csv gives when an enrollment says otherwise, with a warning on the user’s row', () => {
    // The teacher also sits in a class as a student (a course they take); users.csv says teacher.
    const enrollments = ENROLLMENTS + toCsv([['e3', '', '', 'c1', 's1', 'u3', 'student', 'false', '', '']]);
    const result = parseOneRoster(roster({ 'enrollments.csv': enrollments }));
    expect(result.teachers.map((t) => t.sourceId)).toEqual(['u3']);
    expect(result.students.map((s) => s.sourceId)).not.toContain('u3');
    expect(result.problems).toContainEqual({
      file: 'users.csv',
      line: 4,
      severity: 'warning',
      reason: 'Role "teacher", but enrolled in classes as student; read as teacher (the role users.csv gives).',
    });
  });

  it('reads a tombstone without a role as the student it names, and says when a student’s only org is a department', () => {
    const orgs = ORGS + toCsv([['dep1', '', '', 'Math Department', 'department', '', 's1']]);
    const users =
      USERS +
      toCsv([
        ['u7', 'tobedeleted', '', 'true', 's1', '', '', '', 'Gus', 'Ho', '000777', '', '04', ''],
        ['u8', '', '', 'true', 'dep1', 'student', '', '', 'Ivy', 'Jo', '000888', '', '04', ''],
      ]);
    const result = parseOneRoster(roster({ 'orgs.csv': orgs, 'users.csv': users }));
    expect(student(result, 'u7')).toMatchObject({ status: 'tobedeleted', sisId: '000777' });
    expect(result.problems).toContainEqual({
      file: 'users.csv',
      line: 7,
      severity: 'warning',
      reason:
        'The student belongs to no school in orgs.csv ("dep1" is a department, not a school); the student is skipped.',
    });
    expect(result.problems.some((p) => p.line === 6 && /No role/.test(p.reason))).toBe(false);
  });

  it('keeps metadata.* columns as extension data, not as unknown columns', () => {
    const result = parseOneRoster(fixture('lepo-roster-hub-v1p1/en'));
    expect(student(result, 'us0003')).toMatchObject({
      sisId: 'user03',
      sisIdSource: 'username',
      givenName: 'GN 03',
      familyName: 'FN 03',
      email: 'user03@sample-u.ac.jp',
      grade: null,
      demographics: null,
      schoolSourceIds: ['or0001'],
      metadata: { phoneticGivenName: 'PGN 03', phoneticFamilyName: 'PFN 03' },
    });
    expect(result.problems.some((p) => p.reason.startsWith('Unknown columns'))).toBe(false);
  });

  it('keeps Japanese UTF-8 names intact', () => {
    const result = parseOneRoster(fixture('lepo-roster-hub-v1p1/ja'));
    expect(result.schools[0]?.name).toBe('動作検証大学');
    expect(student(result, 'us0020')).toMatchObject({
      givenName: '名20',
      familyName: '姓20',
      metadata: { phoneticGivenName: 'メイ20', phoneticFamilyName: 'セイ20' },
    });
    expect(result.teachers[0]?.familyName).toBe('姓01');
  });

  it('forgives the manifest typo "fiel.demographics" with a warning', () => {
    const result = parseOneRoster(fixture('lepo-roster-hub-v1p1/en'));
    expect(result.problems).toContainEqual({
      file: 'manifest.csv',
      line: 10,
      severity: 'warning',
      reason: 'Property "fiel.demographics" read as "file.demographics".',
    });
  });
});

describe('the catalyst moodle sample (1.2 delta, CRLF)', () => {
  const result = parseOneRoster(fixture('catalyst-moodle-v1p2/datagen_delta'));

  it('reads a clean 1.2 delta with no problems', () => {
    expect(result.version).toBe('1.2');
    expect(result.mode).toBe('delta');
    expect(result.problems).toEqual([]);
    expect(result.teachers).toEqual([]);
    expect(result.schools).toEqual([
      {
        sourceId: 'ORG_1',
        code: 'ORG_1',
        name: 'Gotham High School',
        status: 'active',
        dateLastModified: '2023-10-02T00:00:00.000Z',
        metadata: {},
        line: 2,
      },
    ]);
  });

  it('reads the student with the school from roles.csv, the status and the demographics', () => {
    expect(result.students).toHaveLength(1);
    expect(result.students[0]).toEqual({
      sourceId: 'USER_0',
      sisId: 'bruce.wayne',
      sisIdSource: 'identifier',
      givenName: 'Bruce',
      familyName: 'Wayne',
      username: 'brucewayne',
      email: null,
      grade: null,
      schoolSourceIds: ['ORG_1'],
      enabled: true,
      status: 'active',
      dateLastModified: '2023-10-02T00:00:00.000Z',
      demographics: { raceEthnicity: 'NOT_REPORTED', gender: 'NOT_REPORTED', birthDate: '2010-04-17' },
      metadata: {},
      line: 2,
    });
  });

  it('leaves no carriage return in the last column and carries no password', () => {
    expect(JSON.stringify(result)).not.toMatch(/\\r/);
    expect(JSON.stringify(result)).not.toContain('Batman.Ru1ez');
  });

  it('keeps subjectCodes 0101 a string', () => {
    const courses = parseCsv(fixture('catalyst-moodle-v1p2/datagen_delta').get('courses.csv') ?? '');
    const column = courses.header.indexOf('subjectCodes');
    expect(courses.rows[0]?.values[column]).toBe('0101');
  });
});

describe('parseOneRoster on a hand-made 1.1 bulk roster', () => {
  it('maps schools, students and teachers', () => {
    const result = parseOneRoster(roster());
    expect(result.problems).toEqual([]);
    expect(result.version).toBe('1.1');
    expect(result.mode).toBe('bulk');
    expect(result.schools.map((s) => [s.sourceId, s.code, s.name])).toEqual([
      ['s1', '0104', 'Lincoln Elementary'],
      ['s2', 's2', 'Roosevelt Middle'],
    ]);
    expect(result.students.map((s) => [s.sourceId, s.sisId, s.grade, s.schoolSourceIds])).toEqual([
      ['u1', '000123', 3, ['s1']],
      ['u2', 'ben.l', 0, ['s1', 's2']],
      ['u4', 'u4', -1, ['s2']],
    ]);
    expect(student(result, 'u4')).toMatchObject({ sisIdSource: 'sourcedId', enabled: false, username: null });
    expect(result.teachers).toEqual([
      expect.objectContaining({
        sourceId: 'u3',
        identifier: 'T-9',
        email: 'carmen.cruz@demo.org',
        schoolSourceIds: ['s1'],
      }),
    ]);
  });

  it('matches columns by name in any order and case', () => {
    const table = parseCsv(USERS);
    const order = table.header.map((_, i) => i).reverse();
    const shuffled = toCsv([
      order.map((i) => (table.header[i] ?? '').toUpperCase()),
      ...table.rows.map((row) => order.map((i) => row.values[i] ?? '')),
    ]);
    const result = parseOneRoster(roster({ 'users.csv': shuffled }));
    const plain = parseOneRoster(roster());
    expect(result.problems).toEqual([]);
    expect(result.students).toEqual(plain.students);
    expect(result.teachers).toEqual(plain.teachers);
  });

  it('reads bare and quoted fields, and a BOM before the header', () => {
    const text = '\uFEFF"sourcedId",name,"type",identifier\r\n"s1",Lincoln Elementary,school,"0104"\r\n';
    const result = parseOneRoster(
      roster({ 'orgs.csv': text, 'users.csv': usersWith().split('\r\n').slice(0, 3).join('\r\n') }),
    );
    expect(result.schools).toMatchObject([{ sourceId: 's1', code: '0104', name: 'Lincoln Elementary' }]);
    expect(result.students.map((s) => s.sourceId)).toEqual(['u1', 'u2']);
  });

  it('accepts header-only files', () => {
    const headerOnly = (text: string) => text.split('\r\n')[0] + '\r\n';
    const result = parseOneRoster(
      roster({
        'users.csv': headerOnly(USERS),
        'enrollments.csv': headerOnly(ENROLLMENTS),
        'classes.csv': headerOnly(CLASSES),
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.students).toEqual([]);
    expect(result.teachers).toEqual([]);
    expect(result.schools).toHaveLength(2);
  });

  it('reports unknown columns once, on the header line, and still reads the file', () => {
    const users = toCsv([
      [
        'sourcedId',
        'givenName',
        'familyName',
        'role',
        'orgSourcedIds',
        'favouriteColour',
        'metadata.homeroom',
        'shoeSize',
      ],
      ['u9', 'Eve', 'Ito', 'student', 's1', 'blue', '12B', '5'],
    ]);
    const result = parseOneRoster(roster({ 'users.csv': users, 'enrollments.csv': undefined }));
    expect(result.problems).toEqual([
      {
        file: 'users.csv',
        line: 1,
        severity: 'warning',
        reason: 'Unknown columns ignored: favouriteColour, shoeSize.',
      },
    ]);
    expect(result.students[0]).toMatchObject({ sourceId: 'u9', metadata: { homeroom: '12B' } });
  });

  it('reads an empty optional file, or a header-only one in 1.0 column names, as a note; 1.0 names as their 1.1 columns', () => {
    const notes = parseOneRoster(roster({ 'demographics.csv': 'userSourcedId,birthDate,sex\r\n', 'roles.csv': '' }));
    expect(errors(notes)).toEqual([]);
    expect(notes.problems).toEqual(
      expect.arrayContaining([
        {
          file: 'demographics.csv',
          line: 1,
          severity: 'warning',
          reason: 'Column "userSourcedId" (OneRoster 1.0) read as "sourcedId".',
        },
        {
          file: 'roles.csv',
          line: null,
          severity: 'warning',
          reason: 'The file is empty; nothing in it was read (it is optional).',
        },
      ]),
    );
    expect(notes.students.map((s) => s.sourceId)).toEqual(['u1', 'u2', 'u4']);
    const read = parseOneRoster(roster({ 'demographics.csv': 'userSourcedId,sex\r\nu1,female\r\n' }));
    expect(errors(read)).toEqual([]);
    expect(student(read, 'u1')?.demographics).toMatchObject({ gender: 'FEMALE' });
    // A required file stays required.
    expect(errors(parseOneRoster(roster({ 'users.csv': '', 'enrollments.csv': undefined })))).toEqual([
      { file: 'users.csv', line: null, severity: 'error', reason: 'The file is empty: it has no header row.' },
    ]);
  });

  it('names a blank header cell as blank, a repeated name as repeated, and a misspelt one with what it means', () => {
    const users = toCsv([
      ['sourcedId', 'givnName', 'familyName', 'role', 'orgSourcedIds', '', '', 'role'],
      ['u9', 'Eve', 'Ito', 'student', 's1', '', '', 'student'],
    ]);
    const result = parseOneRoster(roster({ 'users.csv': users, 'enrollments.csv': undefined }));
    expect(result.problems.map((p) => p.reason)).toEqual(
      expect.arrayContaining([
        'Unknown columns ignored: givnName (did you mean givenName?), (blank, column 6), (blank, column 7).',
        'Column "role" appears twice; the first one is read.',
        'Missing required columns: givenName. The file was not read.',
      ]),
    );
    expect(result.problems.some((p) => /appears twice/.test(p.reason) && /""/.test(p.reason))).toBe(false);
  });

  it('refuses a file without a required column', () => {
    const result = parseOneRoster(
      roster({ 'users.csv': 'sourcedId,givenName\r\nu1,Ana\r\n', 'enrollments.csv': undefined }),
    );
    expect(result.problems).toEqual([
      {
        file: 'users.csv',
        line: null,
        severity: 'error',
        reason: 'Missing required columns: familyName. The file was not read.',
      },
    ]);
    expect(result.students).toEqual([]);
  });

  it('reports dangling references with file and line, without crashing', () => {
    const classes = CLASSES + toCsv([['c2', '', '', 'Lost', '', '', '', '', '', 's404', '', '', '', '']]);
    const enrollments =
      ENROLLMENTS +
      toCsv([
        ['e3', '', '', 'c404', 's1', 'u1', 'student', '', '', ''],
        ['e4', '', '', 'c1', 's1', 'u404', 'student', '', '', ''],
      ]);
    const users = usersWith(userRow('u5', { org: 's1,o404' }));
    const result = parseOneRoster(
      roster({ 'classes.csv': classes, 'enrollments.csv': enrollments, 'users.csv': users }),
    );
    expect(errors(result)).toEqual([
      { file: 'classes.csv', line: 3, severity: 'error', reason: 'schoolSourcedId "s404" is not in orgs.csv.' },
      { file: 'enrollments.csv', line: 4, severity: 'error', reason: 'classSourcedId "c404" is not in classes.csv.' },
      {
        file: 'enrollments.csv',
        line: 5,
        severity: 'error',
        reason: 'userSourcedId "u404" is not in users.csv; the row was not read.',
      },
      { file: 'users.csv', line: 6, severity: 'error', reason: 'orgSourcedIds "o404" is not in orgs.csv.' },
    ]);
    expect(student(result, 'u5')?.schoolSourceIds).toEqual(['s1']);
  });

  it('reports a bad grade code as an error and a non-PK-12 grade as a warning', () => {
    const users = usersWith(
      userRow('u5', { grades: 'X7' }),
      userRow('u6', { grades: 'UG' }),
      userRow('u7', { grades: '4,05' }),
    );
    const result = parseOneRoster(roster({ 'users.csv': users }));
    expect(result.problems).toEqual([
      {
        file: 'users.csv',
        line: 6,
        severity: 'error',
        reason: 'Grade code "X7" is not a OneRoster grade (PK, KG, 01-12).',
      },
      { file: 'users.csv', line: 7, severity: 'warning', reason: 'Grade "UG" is outside PK-12; read as no grade.' },
      { file: 'users.csv', line: 8, severity: 'warning', reason: 'Several grades (4, 05); the first is used.' },
    ]);
    expect([student(result, 'u5')?.grade, student(result, 'u6')?.grade, student(result, 'u7')?.grade]).toEqual([
      null,
      null,
      4,
    ]);
  });

  it('reports a repeated sourcedId or student number as an error and keeps the first', () => {
    const users = usersWith(userRow('u1', { username: 'again' }), userRow('u8', { identifier: '000123' }));
    const orgs = ORGS + toCsv([['s1', '', '', 'Copy', 'school', '', '']]);
    const result = parseOneRoster(roster({ 'users.csv': users, 'orgs.csv': orgs }));
    expect(errors(result)).toEqual([
      {
        file: 'orgs.csv',
        line: 5,
        severity: 'error',
        reason: 'Duplicate sourcedId "s1" (first on line 3); the row was skipped.',
      },
      {
        file: 'users.csv',
        line: 6,
        severity: 'error',
        reason: 'Duplicate sourcedId "u1" (first on line 2); the row was skipped.',
      },
      {
        file: 'users.csv',
        line: 7,
        severity: 'error',
        reason: 'Student number "000123" is already used on line 2; the student was skipped.',
      },
    ]);
    expect(student(result, 'u1')?.username).toBe('ana.k');
    expect(result.schools.find((s) => s.sourceId === 's1')?.name).toBe('Lincoln Elementary');
  });

  it('reports missing files for a bulk roster, and files it does not know', () => {
    const result = parseOneRoster(
      new Map([
        ['notes.txt', 'hello'],
        ['academicSessions.csv', 'sourcedId\r\n'],
      ]),
    );
    expect(result.problems).toEqual([
      { file: 'notes.txt', line: null, severity: 'warning', reason: 'Not a OneRoster file; ignored.' },
      { file: 'orgs.csv', line: null, severity: 'error', reason: 'The file is missing: a full roster needs it.' },
      { file: 'users.csv', line: null, severity: 'error', reason: 'The file is missing: a full roster needs it.' },
    ]);
  });

  it('finds files inside a folder and in any case, and accepts a plain object', () => {
    const result = parseOneRoster({ 'export/ORGS.CSV': ORGS, 'export/Users.csv': USERS });
    expect(result.schools).toHaveLength(2);
    expect(result.students).toHaveLength(3);
  });

  it('infers 1.1 without a manifest and 1.2 from roles.csv', () => {
    expect(parseOneRoster(roster()).version).toBe('1.1');
    const roles = 'sourcedId,userSourcedId,role,orgSourcedId,roleType\r\nr1,u1,student,s1,primary\r\n';
    expect(parseOneRoster(roster({ 'roles.csv': roles })).version).toBe('1.2');
    const manifest = 'propertyName,value\r\noneroster.version,1.0\r\n';
    expect(parseOneRoster(roster({ 'manifest.csv': manifest })).version).toBe('unknown');
  });
});

describe('parseOneRoster on 1.2 roles', () => {
  const users12 = toCsv([
    [
      'sourcedId',
      'status',
      'dateLastModified',
      'enabledUser',
      'username',
      'givenName',
      'familyName',
      'identifier',
      'grades',
      'primaryOrgSourcedId',
    ],
    ['u1', '', '', 'true', 'ana', 'Ana', 'Kim', '1001', '12', 's2'],
    ['u2', '', '', 'true', 'tom', 'Tom', 'Ode', '', '', ''],
    ['u3', '', '', 'true', 'pat', 'Pat', 'Lee', '', '', ''],
    ['u4', '', '', 'true', 'liz', 'Liz', 'Roe', '', '', ''],
  ]);
  const roles = toCsv([
    [
      'sourcedId',
      'status',
      'dateLastModified',
      'userSourcedId',
      'roleType',
      'role',
      'beginDate',
      'endDate',
      'orgSourcedId',
      'userProfileSourcedId',
    ],
    ['r1', '', '', 'u1', 'secondary', 'student', '', '', 's1', ''],
    ['r2', '', '', 'u1', 'primary', 'student', '', '', 's2', ''],
    ['r3', '', '', 'u2', 'primary', 'teacher', '', '', 's1', ''],
    ['r4', '', '', 'u3', 'primary', 'principal', '', '', 's1', ''],
    ['r5', '', '', 'u2', 'primary', 'teacher', '', '', 'o404', ''],
  ]);

  it('takes roles and schools from roles.csv, the primary school first', () => {
    const result = parseOneRoster(roster({ 'users.csv': users12, 'roles.csv': roles, 'enrollments.csv': undefined }));
    expect(result.version).toBe('1.2');
    expect(result.students).toMatchObject([
      { sourceId: 'u1', sisId: '1001', grade: 12, schoolSourceIds: ['s2', 's1'] },
    ]);
    expect(result.teachers).toMatchObject([{ sourceId: 'u2', schoolSourceIds: ['s1'] }]);
    expect(result.problems).toEqual([
      { file: 'roles.csv', line: 6, severity: 'error', reason: 'orgSourcedId "o404" is not in orgs.csv.' },
      {
        file: 'users.csv',
        line: 5,
        severity: 'warning',
        reason: 'No role in users.csv, roles.csv or enrollments.csv; the user was not read.',
      },
    ]);
  });
});

describe('parseOneRoster on delta files', () => {
  const users = toCsv([
    [
      'sourcedId',
      'status',
      'dateLastModified',
      'orgSourcedIds',
      'role',
      'username',
      'givenName',
      'familyName',
      'grades',
    ],
    ['u1', 'active', '2026-08-01T10:00:00.000Z', 's1', 'student', 'ana', 'Ana', 'Kim', '03'],
    ['u2', 'tobedeleted', '2026-08-02T10:00:00Z', 's1', 'student', 'ben', 'Ben', 'Lopez', '04'],
    ['u3', 'Retired', 'last week', 's9', 'student', 'cy', 'Cy', 'Moe', '05'],
  ]);
  const enrollments = toCsv([
    ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
    ['e1', 'tobedeleted', '2026-08-01T10:00:00Z', 'c1', 's1', 'u1', 'teacher'],
    ['e2', 'active', '2026-08-01T10:00:00Z', 'c77', 's1', 'u1', 'student'],
  ]);

  it('keeps each record status and date, and reads references to records outside the delta as warnings', () => {
    const result = parseOneRoster(
      new Map([
        ['users.csv', users],
        ['enrollments.csv', enrollments],
      ]),
    );
    expect(result.mode).toBe('delta');
    expect(result.students.map((s) => [s.sourceId, s.status, s.dateLastModified])).toEqual([
      ['u1', 'active', '2026-08-01T10:00:00.000Z'],
      ['u2', 'tobedeleted', '2026-08-02T10:00:00Z'],
      ['u3', null, 'last week'],
    ]);
    expect(result.teachers).toEqual([]); // the teacher enrollment is being deleted
    expect(errors(result)).toEqual([]);
    const warnings = result.problems.map((p: RosterProblem) => `${p.file}:${p.line} ${p.reason}`);
    expect(warnings).toEqual([
      'enrollments.csv:3 classSourcedId "c77" is not in classes.csv.',
      'enrollments.csv:3 schoolSourcedId "s1" is not in orgs.csv.',
      'users.csv:2 orgSourcedIds "s1" is not in orgs.csv.',
      'users.csv:2 The student belongs to no school in orgs.csv; the student is skipped.',
      'users.csv:4 Status "Retired" is not active or tobedeleted; read as blank.',
      'users.csv:4 orgSourcedIds "s9" is not in orgs.csv.',
      'users.csv:4 dateLastModified "last week" is not a date and time.',
      'users.csv:4 The student belongs to no school in orgs.csv; the student is skipped.',
    ]);
  });

  it('is mixed when the manifest declares some files bulk and some delta', () => {
    const manifest =
      'propertyName,value\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.users,delta\r\nfile.enrollments,absent\r\n';
    const result = parseOneRoster(
      new Map([
        ['manifest.csv', manifest],
        ['orgs.csv', ORGS],
        ['users.csv', users],
      ]),
    );
    expect(result.mode).toBe('mixed');
    // orgs.csv is a full copy, so a user's unknown org is an error now.
    expect(errors(result)).toEqual([
      { file: 'users.csv', line: 4, severity: 'error', reason: 'orgSourcedIds "s9" is not in orgs.csv.' },
    ]);
  });
});

describe('demographics', () => {
  const header = [
    'sourcedId',
    'sex',
    'americanIndianOrAlaskaNative',
    'asian',
    'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
    'birthDate',
  ];
  const demographics = toCsv([
    header,
    ['u1', 'female', 'false', 'false', 'false', 'false', 'true', 'false', 'true', '2016-05-01'],
    ['u2', 'male', '', 'true', '', '', 'true', '', '', ''],
    ['u4', 'other', '', '', 'TRUE', '', '', '', 'false', ''],
    ['u3', 'unspecified', '', '', '', '', '', '', '', ''],
    ['u404', 'female', '', '', '', '', '', '', '', ''],
  ]);

  it('maps race flags and sex onto the app enums, and reports a row for an unknown user', () => {
    const result = parseOneRoster(roster({ 'demographics.csv': demographics }));
    expect(student(result, 'u1')?.demographics).toEqual({
      raceEthnicity: 'HISPANIC_LATINO',
      gender: 'FEMALE',
      birthDate: '2016-05-01',
    });
    expect(student(result, 'u2')?.demographics).toEqual({
      raceEthnicity: 'TWO_OR_MORE',
      gender: 'MALE',
      birthDate: null,
    });
    expect(student(result, 'u4')?.demographics).toEqual({
      raceEthnicity: 'BLACK',
      gender: 'NONBINARY',
      birthDate: null,
    });
    expect(result.problems).toEqual([
      {
        file: 'demographics.csv',
        line: 6,
        severity: 'error',
        reason: 'userSourcedId "u404" is not in users.csv; the row was not read.',
      },
    ]);
  });

  it('reports values it cannot read as warnings', () => {
    const bad = toCsv([header, ['u1', 'F', 'maybe', '', '', '', '', '', '', '']]);
    const result = parseOneRoster(roster({ 'demographics.csv': bad }));
    expect(result.problems.map((p) => [p.line, p.severity, p.reason])).toEqual([
      [2, 'warning', 'americanIndianOrAlaskaNative "maybe" is not true or false; read as false.'],
      [2, 'warning', 'sex "F" is not male, female, other or unspecified; read as not reported.'],
    ]);
    expect(student(result, 'u1')?.demographics).toMatchObject({
      raceEthnicity: 'NOT_REPORTED',
      gender: 'NOT_REPORTED',
    });
  });

  const none: RaceFlags = {
    americanIndianOrAlaskaNative: false,
    asian: false,
    blackOrAfricanAmerican: false,
    nativeHawaiianOrOtherPacificIslander: false,
    white: false,
    demographicRaceTwoOrMoreRaces: false,
    hispanicOrLatinoEthnicity: false,
  };

  it('puts Hispanic first, then two or more races, then the one race', () => {
    expect(raceEthnicityFromFlags(none)).toBe('NOT_REPORTED');
    expect(raceEthnicityFromFlags({ ...none, americanIndianOrAlaskaNative: true })).toBe(
      'AMERICAN_INDIAN_ALASKA_NATIVE',
    );
    expect(raceEthnicityFromFlags({ ...none, nativeHawaiianOrOtherPacificIslander: true })).toBe(
      'NATIVE_HAWAIIAN_PACIFIC_ISLANDER',
    );
    expect(raceEthnicityFromFlags({ ...none, demographicRaceTwoOrMoreRaces: true })).toBe('TWO_OR_MORE');
    expect(raceEthnicityFromFlags({ ...none, asian: true, white: true })).toBe('TWO_OR_MORE');
    expect(raceEthnicityFromFlags({ ...none, asian: true, white: true, hispanicOrLatinoEthnicity: true })).toBe(
      'HISPANIC_LATINO',
    );
  });

  it('maps sex values, refusing unknown ones', () => {
    expect(['male', 'Female', 'other', 'unspecified', '', 'x'].map(genderFromSex)).toEqual([
      'MALE',
      'FEMALE',
      'NONBINARY',
      'NOT_REPORTED',
      'NOT_REPORTED',
      null,
    ]);
  });
});

describe('gradeFromCode', () => {
  it('maps OneRoster grade codes to -1..12', () => {
    const codes = ['PK', 'pk', 'KG', 'K', 'TK', '01', '1', '09', '10', '12'];
    expect(codes.map(gradeFromCode)).toEqual([-1, -1, 0, 0, 0, 1, 1, 9, 10, 12]);
  });

  it('tells codes outside PK-12 from unknown ones', () => {
    expect(['13', 'UG', 'PS', 'IT', 'Other'].map(gradeFromCode)).toEqual(Array(5).fill('outside'));
    expect(['00', '14', '3rd', 'X7', '', '-1'].map(gradeFromCode)).toEqual(Array(6).fill(null));
  });
});

describe('a large roster', () => {
  it('reads a generated 50,000-student users file', { timeout: 30_000 }, () => {
    const rows = [
      ['sourcedId', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName', 'identifier', 'grades'],
    ];
    for (let i = 0; i < 50_000; i++) {
      rows.push([
        `u${i}`,
        i % 2 ? 's1' : 's2',
        'student',
        `user${i}`,
        `Given${i}`,
        `Family, ${i}`,
        String(i).padStart(7, '0'),
        String((i % 12) + 1).padStart(2, '0'),
      ]);
    }
    const result = parseOneRoster(
      new Map([
        ['orgs.csv', ORGS],
        ['users.csv', toCsv(rows)],
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.students).toHaveLength(50_000);
    expect(result.students[41_234]).toMatchObject({
      sourceId: 'u41234',
      sisId: '0041234',
      familyName: 'Family, 41234',
      grade: 3,
      schoolSourceIds: ['s2'],
      line: 41_236,
    });
  });
});

describe('classes and enrollments', () => {
  it('keeps classes with their type, room and periods, and the students and teachers in them', () => {
    const classes =
      CLASSES +
      toCsv([
        ['h1', '', '', 'Homeroom 3B', '03', '', 'HR3B', 'homeroom', '12', 's1', '', '', '', ''],
        ['c2', '', '', '', '', '', 'SCI-3', 'lab', 'Lab 2', 's1', '', '', '', '2, 3'],
      ]);
    const enrollments =
      ENROLLMENTS +
      toCsv([
        ['e3', '', '', 'h1', 's1', 'u1', 'student', '', '', ''],
        ['e4', '', '', 'h1', 's1', 'u1', 'student', '', '', ''],
        ['e5', '', '', 'c2', 's1', 'u1', 'aide', '', '', ''],
      ]);
    const result = parseOneRoster(roster({ 'classes.csv': classes, 'enrollments.csv': enrollments }));
    expect(
      result.classes.map(({ sourceId, title, classType, location, periods }) => ({
        sourceId,
        title,
        classType,
        location,
        periods,
      })),
    ).toEqual([
      { sourceId: 'c1', title: 'Grade 3 Math', classType: 'scheduled', location: null, periods: ['1'] },
      { sourceId: 'h1', title: 'Homeroom 3B', classType: 'homeroom', location: '12', periods: [] },
      // No title: the class code names it; an unknown type is read as scheduled, with a warning.
      { sourceId: 'c2', title: 'SCI-3', classType: 'scheduled', location: 'Lab 2', periods: ['2', '3'] },
    ]);
    expect(
      result.enrollments.map((e) => `${e.sourceId}:${e.classSourceId}:${e.userSourceId}:${e.role}:${e.primary}`),
    ).toEqual(['e1:c1:u1:student:false', 'e2:c1:u3:teacher:true', 'e3:h1:u1:student:false']);
    expect(result.classModes).toEqual({ classes: 'bulk', enrollments: 'bulk' });
    expect(result.problems).toContainEqual({
      file: 'classes.csv',
      line: 4,
      severity: 'warning',
      reason: 'classType "lab" is not homeroom or scheduled; read as scheduled.',
    });
    expect(result.problems).toContainEqual({
      file: 'enrollments.csv',
      line: 5,
      severity: 'warning',
      reason: 'The same student is already enrolled in this class on line 4; the row was skipped.',
    });
  });

  it('in a delta, keeps tombstones by sourcedId and enrollments of users the delta does not list', () => {
    const delta = parseOneRoster(
      new Map([
        ['users.csv', toCsv([['sourcedId', 'status', 'role', 'givenName', 'familyName']])],
        [
          'enrollments.csv',
          toCsv([
            ['sourcedId', 'status', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
            ['e1', 'tobedeleted', '', '', '', ''],
            ['e9', 'active', 'c1', 's1', 'u-elsewhere', 'student'],
          ]),
        ],
      ]),
    );
    expect(delta.enrollments.map((e) => [e.sourceId, e.status, e.userSourceId])).toEqual([
      ['e1', 'tobedeleted', ''],
      ['e9', 'active', 'u-elsewhere'],
    ]);
    expect(delta.classModes).toEqual({ classes: null, enrollments: 'delta' });
    expect(delta.problems.filter((p) => /u-elsewhere/.test(p.reason))).toEqual([]);
  });
});
