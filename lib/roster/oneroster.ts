/**
 * Reads a OneRoster 1.1 or 1.2 CSV set (the caller unzips it: file name → text)
 * into the schools, students and teachers the app imports. Pure: no database.
 * Columns are matched by header name in any case; nothing that is wrong in a file
 * throws: it becomes a problem with file, line and reason.
 */
import type { Gender, RaceEthnicity } from '@/lib/generated/prisma/enums';
import { headerIndex, parseCsv, type RosterProblem } from './csv';

export type OneRosterVersion = '1.1' | '1.2' | 'unknown';
export type FileMode = 'bulk' | 'delta';
export type RecordStatus = 'active' | 'tobedeleted' | null;

export interface RosterSchool {
  sourceId: string;
  code: string; // the org's identifier, or its sourcedId when it has none
  name: string;
  status: RecordStatus;
  dateLastModified: string | null;
  metadata: Record<string, string>; // metadata.* columns, prefix dropped
  line: number; // in orgs.csv
}

export interface RosterDemographics {
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  birthDate: string | null;
}

export interface RosterPerson {
  sourceId: string;
  givenName: string;
  familyName: string;
  username: string | null;
  email: string | null; // lower-cased, as User.email is stored
  schoolSourceIds: string[]; // school orgs only, the primary one first (roles.csv primary, primaryOrgSourcedId)
  enabled: boolean; // enabledUser; true when blank
  status: RecordStatus;
  dateLastModified: string | null;
  metadata: Record<string, string>;
  line: number; // in users.csv
}

export interface RosterStudent extends RosterPerson {
  /** The district's student number: `identifier`, else `username`, else `sourcedId`. */
  sisId: string;
  sisIdSource: 'identifier' | 'username' | 'sourcedId';
  grade: number | null; // -1 = PK, 0 = K, 1..12; null when not given or not PK-12
  demographics: RosterDemographics | null; // null when demographics.csv has no row for the student
}

export interface RosterTeacher extends RosterPerson {
  identifier: string | null;
}

/** A class (classes.csv): where a student is each period, and their homeroom. */
export interface RosterClass {
  sourceId: string;
  title: string;
  classCode: string | null;
  classType: 'homeroom' | 'scheduled';
  location: string | null;
  periods: string[];
  schoolSourceId: string;
  status: RecordStatus;
  line: number; // in classes.csv
}

/** A student or teacher in a class (enrollments.csv). Other roles are not kept. */
export interface RosterEnrollment {
  sourceId: string;
  classSourceId: string;
  userSourceId: string;
  role: 'student' | 'teacher';
  primary: boolean;
  status: RecordStatus;
  line: number; // in enrollments.csv
}

export interface OneRosterResult {
  version: OneRosterVersion;
  mode: FileMode | 'mixed';
  schools: RosterSchool[];
  students: RosterStudent[];
  teachers: RosterTeacher[];
  classes: RosterClass[];
  enrollments: RosterEnrollment[];
  /** Each class file's mode, null when the set has no such file: a bulk file replaces, a delta file amends. */
  classModes: { classes: FileMode | null; enrollments: FileMode | null };
  problems: RosterProblem[];
}

export type OneRosterFiles = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

// Column names as OneRoster spells them (1.1 and 1.2 together); matching ignores case.
const COMMON = ['sourcedId', 'status', 'dateLastModified'] as const;
const ORG_COLUMNS = [...COMMON, 'name', 'type', 'identifier', 'parentSourcedId'] as const;
const USER_COLUMNS = [
  ...COMMON,
  'enabledUser',
  'orgSourcedIds',
  'role',
  'username',
  'userIds',
  'givenName',
  'familyName',
  'middleName',
  'identifier',
  'email',
  'sms',
  'phone',
  'agentSourcedIds',
  'grades',
  'password',
  'userMasterIdentifier',
  'preferredGivenName',
  'preferredMiddleName',
  'preferredFamilyName',
  'primaryOrgSourcedId',
  'pronouns',
] as const;
const CLASS_COLUMNS = [
  ...COMMON,
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
] as const;
const ENROLLMENT_COLUMNS = [
  ...COMMON,
  'classSourcedId',
  'schoolSourcedId',
  'userSourcedId',
  'role',
  'primary',
  'beginDate',
  'endDate',
] as const;
const ROLE_COLUMNS = [
  ...COMMON,
  'userSourcedId',
  'roleType',
  'role',
  'beginDate',
  'endDate',
  'orgSourcedId',
  'userProfileSourcedId',
] as const;
const RACE_FLAGS = [
  ['americanIndianOrAlaskaNative', 'AMERICAN_INDIAN_ALASKA_NATIVE'],
  ['asian', 'ASIAN'],
  ['blackOrAfricanAmerican', 'BLACK'],
  ['nativeHawaiianOrOtherPacificIslander', 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER'],
  ['white', 'WHITE'],
] as const satisfies readonly (readonly [string, RaceEthnicity])[];
const DEMOGRAPHIC_COLUMNS = [
  ...COMMON,
  'birthDate',
  'sex',
  ...RACE_FLAGS.map(([flag]) => flag),
  'demographicRaceTwoOrMoreRaces',
  'hispanicOrLatinoEthnicity',
  'countryOfBirthCode',
  'stateOfBirthAbbreviation',
  'cityOfBirth',
  'publicSchoolResidenceStatus',
] as const;

/** Files read here, by lower-case name. */
const READ_FILES = [
  'orgs.csv',
  'users.csv',
  'classes.csv',
  'enrollments.csv',
  'roles.csv',
  'demographics.csv',
] as const;
type ReadFile = (typeof READ_FILES)[number];
/** Other OneRoster files: accepted without complaint, not read. */
const QUIET_FILES = [
  'academicsessions.csv',
  'courses.csv',
  'userprofiles.csv',
  'categories.csv',
  'classresources.csv',
  'courseresources.csv',
  'resources.csv',
  'userresources.csv',
  'lineitems.csv',
  'results.csv',
  'scorescales.csv',
  'lineitemscorescales.csv',
  'resultscorescales.csv',
  'lineitemlearningobjectiveids.csv',
  'resultlearningobjectiveids.csv',
];
const OTHER_ROLES = new Set([
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'districtadministrator',
  'principal',
  'siteadministrator',
  'systemadministrator',
]);
const ORG_TYPES = new Set(['school', 'district', 'local', 'state', 'national', 'department']);

type Report = (file: string, line: number | null, severity: RosterProblem['severity'], reason: string) => void;

interface SheetRow<C extends string> {
  line: number;
  cell: Readonly<Record<C, string>>; // trimmed; '' when the column is absent
  metadata: Record<string, string>;
}

interface Sheet<C extends string> {
  file: string;
  columns: ReadonlySet<C>;
  rows: SheetRow<C>[];
}

interface SourceFile {
  file: string; // the name as given, without folders
  text: string;
}

// ---------------------------------------------------------------- small readers

/** OneRoster grade code → -1 (PK), 0 (K), 1..12; 'outside' for real codes beyond PK-12; null when unknown. */
export function gradeFromCode(code: string): number | 'outside' | null {
  const value = code.trim().toUpperCase();
  if (value === 'PK') return -1;
  if (value === 'KG' || value === 'K' || value === 'TK') return 0; // transitional K sits with K in a site's span
  if (/^\d{1,2}$/.test(value)) {
    const n = Number(value);
    if (n >= 1 && n <= 12) return n;
    if (n === 13) return 'outside';
    return null;
  }
  return ['IT', 'PR', 'PS', 'UG', 'OTHER'].includes(value) ? 'outside' : null;
}

export interface RaceFlags {
  americanIndianOrAlaskaNative: boolean;
  asian: boolean;
  blackOrAfricanAmerican: boolean;
  nativeHawaiianOrOtherPacificIslander: boolean;
  white: boolean;
  demographicRaceTwoOrMoreRaces: boolean;
  hispanicOrLatinoEthnicity: boolean;
}

/** Federal reporting rule: Hispanic/Latino first, then two or more races, then the one race flagged. */
export function raceEthnicityFromFlags(flags: RaceFlags): RaceEthnicity {
  if (flags.hispanicOrLatinoEthnicity) return 'HISPANIC_LATINO';
  const races = RACE_FLAGS.filter(([flag]) => flags[flag]).map(([, race]) => race);
  if (flags.demographicRaceTwoOrMoreRaces || races.length > 1) return 'TWO_OR_MORE';
  return races[0] ?? 'NOT_REPORTED';
}

/** OneRoster sex (male, female, other, unspecified) → Gender; null when the value is not one of them. */
export function genderFromSex(sex: string): Gender | null {
  const value = sex.trim().toLowerCase();
  if (value === 'male') return 'MALE';
  if (value === 'female') return 'FEMALE';
  if (value === 'other') return 'NONBINARY';
  if (value === '' || value === 'unspecified') return 'NOT_REPORTED';
  return null;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest of `names` within two edits (for names of four or more letters), or null. */
function closestName(value: string, names: readonly string[]): string | null {
  if (names.includes(value)) return value;
  if (value.length < 4) return null;
  const scored = names.map((name) => ({ name, distance: editDistance(value, name) })).filter((s) => s.distance <= 2);
  scored.sort((a, b) => a.distance - b.distance);
  return scored[0]?.name ?? null;
}

/**
 * Makes `row.cell.givenName`-style access over a row's values. Getters on one shared
 * prototype, not an object of 20-odd keys per row: 50,000 rows stay fast and small.
 */
function cellReader<C extends string>(columns: readonly C[], known: { index: number; column: C }[]) {
  class Cells {
    constructor(readonly values: readonly string[]) {}
  }
  const indexOf = new Map(known.map(({ index, column }) => [column, index]));
  for (const column of columns) {
    const index = indexOf.get(column);
    const get =
      index === undefined
        ? () => ''
        : function (this: Cells) {
            return (this.values[index] ?? '').trim();
          };
    Object.defineProperty(Cells.prototype, column, { get, enumerable: true });
  }
  return (values: readonly string[]) => new Cells(values) as unknown as Readonly<Record<C, string>>;
}

/**
 * OneRoster 1.0 column names with one clear 1.1/1.2 equivalent, by file: read as that
 * column, with a note.
 */
const V1_0_ALIASES: Partial<Record<ReadFile, Record<string, string>>> = {
  'demographics.csv': { usersourcedid: 'sourcedId' },
};

/** Files an import can do without: when one is empty, that is a note, not an error. */
const OPTIONAL_FILES: readonly ReadFile[] = ['demographics.csv', 'roles.csv', 'classes.csv', 'enrollments.csv'];

function readSheet<C extends string>(
  source: SourceFile,
  columns: readonly C[],
  required: readonly C[],
  report: Report,
  name?: ReadFile,
): Sheet<C> | null {
  const { file } = source;
  const table = parseCsv(source.text, file);
  for (const p of table.problems) report(p.file, p.line, p.severity, p.reason);
  const optional = name !== undefined && OPTIONAL_FILES.includes(name);
  if (table.header.length === 0) {
    if (optional) report(file, null, 'warning', 'The file is empty; nothing in it was read (it is optional).');
    else report(file, null, 'error', 'The file is empty: it has no header row.');
    return null;
  }
  const byLowerName = new Map<string, C>(columns.map((column) => [column.toLowerCase(), column]));
  for (const [alias, column] of Object.entries(name ? (V1_0_ALIASES[name] ?? {}) : {})) {
    const target = columns.find((c) => c === column);
    if (!target || !table.header.some((h) => h.trim().toLowerCase() === alias)) continue;
    if (table.header.some((h) => h.trim().toLowerCase() === column.toLowerCase())) continue;
    byLowerName.set(alias, target);
    const spelled = table.header.find((h) => h.trim().toLowerCase() === alias)!.trim();
    report(file, table.headerLine, 'warning', `Column "${spelled}" (OneRoster 1.0) read as "${column}".`);
  }
  const known: { index: number; column: C }[] = [];
  const metadata: { index: number; key: string }[] = [];
  const unknown: string[] = [];
  for (const [lower, index] of headerIndex(table.header)) {
    const column = byLowerName.get(lower);
    const name = table.header[index] ?? '';
    if (column) known.push({ index, column });
    else if (lower.startsWith('metadata.')) metadata.push({ index, key: name.slice('metadata.'.length) });
    else if (name === '')
      continue; // every blank cell is named below, by its column
    else {
      const near = lower.length <= 64 ? closestName(lower, [...byLowerName.keys()]) : null;
      unknown.push(near ? `${name} (did you mean ${byLowerName.get(near)}?)` : name);
    }
  }
  table.header.forEach((cell, index) => {
    if (cell.trim() === '') unknown.push(`(blank, column ${index + 1})`);
  });
  const present = new Set(known.map((k) => k.column));
  if (unknown.length > 0) report(file, table.headerLine, 'warning', `Unknown columns ignored: ${unknown.join(', ')}.`);
  // Blank header cells are named above as blank; only a name given twice is a duplicate.
  const named = table.header.map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  const twice = [...new Set(named.filter((h, i) => named.indexOf(h) !== i))];
  if (twice.length > 0) {
    const shown = twice.map((lower) => table.header.find((h) => h.trim().toLowerCase() === lower)!.trim());
    report(
      file,
      table.headerLine,
      'warning',
      `Column ${shown.map((s) => `"${s}"`).join(', ')} appears twice; the first one is read.`,
    );
  }
  const missing = required.filter((column) => !present.has(column));
  if (missing.length > 0) {
    // An optional file with no rows holds nothing to read: a note, not a reason to stop the import.
    if (optional && table.rows.length === 0)
      report(
        file,
        table.headerLine,
        'warning',
        `The file has no rows (and no ${missing.join(', ')} column); nothing in it was read.`,
      );
    // The whole file is lost, not a row: no line, so it is listed first and blocks a partial apply.
    else report(file, null, 'error', `Missing required columns: ${missing.join(', ')}. The file was not read.`);
    return null;
  }
  const cellsOf = cellReader(columns, known);
  const rows = table.rows.map((row): SheetRow<C> => {
    const meta: Record<string, string> = {};
    for (const { index, key } of metadata) {
      const value = row.values[index] ?? '';
      if (value !== '') meta[key] = value;
    }
    return { line: row.line, cell: cellsOf(row.values), metadata: meta };
  });
  return { file, columns: present, rows };
}

// ---------------------------------------------------------------- files and manifest

function collectFiles(input: OneRosterFiles, report: Report): Map<string, SourceFile> {
  const entries: [string, string][] = input instanceof Map ? [...input] : Object.entries(input);
  const files = new Map<string, SourceFile>();
  for (const [path, text] of entries) {
    const file = path.split(/[\\/]/).pop() ?? path;
    const key = file.toLowerCase();
    if (files.has(key)) {
      report(file, null, 'error', `Two files are named ${file}; only the first was read.`);
    } else if (key === 'manifest.csv' || (READ_FILES as readonly string[]).includes(key) || QUIET_FILES.includes(key)) {
      files.set(key, { file, text });
    } else {
      report(file, null, 'warning', 'Not a OneRoster file; ignored.');
    }
  }
  return files;
}

interface Manifest {
  file: string;
  version: string | null;
  modes: Map<string, FileMode | 'absent'>; // by lower-case file name
}

const FILE_STEMS = [...READ_FILES, ...QUIET_FILES].map((name) => name.replace(/\.csv$/, ''));

/** Reads manifest.csv, forgiving misspelt property names ("fiel.demographics") with a warning. */
function readManifest(source: SourceFile, report: Report): Manifest {
  const manifest: Manifest = { file: source.file, version: null, modes: new Map() };
  const table = parseCsv(source.text, source.file);
  for (const p of table.problems) report(p.file, p.line, p.severity, p.reason);
  const index = headerIndex(table.header);
  const nameAt = index.get('propertyname');
  const valueAt = index.get('value');
  if (nameAt === undefined || valueAt === undefined) {
    report(
      source.file,
      table.headerLine || null,
      'warning',
      'No propertyName and value columns; the manifest was ignored.',
    );
    return manifest;
  }
  for (const row of table.rows) {
    const property = (row.values[nameAt] ?? '').trim();
    const value = (row.values[valueAt] ?? '').trim();
    const [prefix = '', ...rest] = property.toLowerCase().split('.');
    let readAs: string | null = null;
    if (closestName(property.toLowerCase(), ['oneroster.version']) !== null) {
      manifest.version = value;
      readAs = 'oneroster.version';
    } else if (rest.length > 0 && closestName(prefix, ['file']) !== null) {
      const stem = closestName(rest.join('.'), FILE_STEMS);
      if (stem === null) continue;
      const mode = value.toLowerCase();
      if (mode === 'bulk' || mode === 'delta' || mode === 'absent') manifest.modes.set(`${stem}.csv`, mode);
      else report(source.file, row.line, 'warning', `"${value}" for ${property} is not bulk, delta or absent.`);
      readAs = `file.${stem}`;
    }
    if (readAs !== null && readAs !== property.toLowerCase()) {
      report(source.file, row.line, 'warning', `Property "${property}" read as "${readAs}".`);
    }
  }
  return manifest;
}

function statusOf<C extends string>(row: SheetRow<C | 'status'>, file: string, report: Report): RecordStatus {
  const value = row.cell.status.toLowerCase();
  if (value === 'active' || value === 'tobedeleted') return value;
  if (value !== '')
    report(file, row.line, 'warning', `Status "${row.cell.status}" is not active or tobedeleted; read as blank.`);
  return null;
}

function dateLastModifiedOf<C extends string>(
  row: SheetRow<C | 'dateLastModified'>,
  file: string,
  report: Report,
): string | null {
  const value = row.cell.dateLastModified;
  if (value === '') return null;
  if (Number.isNaN(Date.parse(value)))
    report(file, row.line, 'warning', `dateLastModified "${value}" is not a date and time.`);
  return value;
}

/** Rows keyed by sourcedId; a blank or repeated sourcedId is an error and the row is skipped. */
function bySourcedId<C extends string>(
  sheet: Sheet<C | 'sourcedId'>,
  report: Report,
): Map<string, SheetRow<C | 'sourcedId'>> {
  const rows = new Map<string, SheetRow<C | 'sourcedId'>>();
  for (const row of sheet.rows) {
    const id = row.cell.sourcedId;
    const first = rows.get(id);
    if (id === '') report(sheet.file, row.line, 'error', 'The sourcedId is blank; the row was skipped.');
    else if (first)
      report(
        sheet.file,
        row.line,
        'error',
        `Duplicate sourcedId "${id}" (first on line ${first.line}); the row was skipped.`,
      );
    else rows.set(id, row);
  }
  return rows;
}

// ---------------------------------------------------------------- the roster

type Columns<T extends readonly string[]> = T[number];
type OrgRow = SheetRow<Columns<typeof ORG_COLUMNS>>;
type UserRow = SheetRow<Columns<typeof USER_COLUMNS>>;

interface Sheets {
  orgs: Sheet<Columns<typeof ORG_COLUMNS>> | null;
  users: Sheet<Columns<typeof USER_COLUMNS>> | null;
  classes: Sheet<Columns<typeof CLASS_COLUMNS>> | null;
  enrollments: Sheet<Columns<typeof ENROLLMENT_COLUMNS>> | null;
  roles: Sheet<Columns<typeof ROLE_COLUMNS>> | null;
  demographics: Sheet<Columns<typeof DEMOGRAPHIC_COLUMNS>> | null;
}

interface Context {
  report: Report;
  modes: Map<ReadFile, FileMode>;
  mode: FileMode | 'mixed';
  orgs: Map<string, { type: string; line: number }>;
}

/** What roles.csv and enrollments.csv say about one user. */
interface UserLinks {
  roles: { role: string; primary: boolean; orgId: string }[];
  classRoles: Set<'student' | 'teacher'>;
  classSchoolIds: string[];
}

function readSheets(files: Map<string, SourceFile>, report: Report): Sheets {
  const read = <C extends string>(name: ReadFile, columns: readonly C[], required: readonly C[]) => {
    const source = files.get(name);
    return source ? readSheet(source, columns, required, report, name) : null;
  };
  return {
    orgs: read('orgs.csv', ORG_COLUMNS, ['sourcedId', 'name', 'type']),
    users: read('users.csv', USER_COLUMNS, ['sourcedId', 'givenName', 'familyName']),
    classes: read('classes.csv', CLASS_COLUMNS, ['sourcedId', 'schoolSourcedId']),
    enrollments: read('enrollments.csv', ENROLLMENT_COLUMNS, ['sourcedId', 'classSourcedId', 'userSourcedId', 'role']),
    roles: read('roles.csv', ROLE_COLUMNS, ['sourcedId', 'userSourcedId', 'role', 'orgSourcedId']),
    demographics: read('demographics.csv', DEMOGRAPHIC_COLUMNS, ['sourcedId']),
  };
}

/** Each file's mode: the manifest's word, else delta when any row carries a status. */
function fileModes(sheets: Sheets, files: Map<string, SourceFile>, manifest: Manifest | null, report: Report) {
  const modes = new Map<ReadFile, FileMode>();
  const manifestFile = manifest?.file ?? 'manifest.csv';
  const byName: Record<ReadFile, { rows: readonly { cell: { status: string } }[] } | null> = {
    'orgs.csv': sheets.orgs,
    'users.csv': sheets.users,
    'classes.csv': sheets.classes,
    'enrollments.csv': sheets.enrollments,
    'roles.csv': sheets.roles,
    'demographics.csv': sheets.demographics,
  };
  for (const name of READ_FILES) {
    const declared = manifest?.modes.get(name);
    const source = files.get(name);
    const sheet = byName[name];
    if (!source && (declared === 'bulk' || declared === 'delta')) {
      report(manifestFile, null, 'warning', `The manifest lists ${name} as ${declared}, but the file is missing.`);
    }
    if (source && declared === 'absent')
      report(source.file, null, 'warning', 'The manifest says this file is absent; it was read anyway.');
    if (declared === 'bulk' || declared === 'delta') modes.set(name, declared);
    else if (sheet && sheet.rows.length > 0)
      modes.set(name, sheet.rows.some((r) => r.cell.status !== '') ? 'delta' : 'bulk');
  }
  return modes;
}

function overallMode(modes: Map<ReadFile, FileMode>): FileMode | 'mixed' {
  const kinds = new Set(modes.values());
  if (kinds.size > 1) return 'mixed';
  return kinds.has('delta') ? 'delta' : 'bulk';
}

function versionOf(
  manifest: Manifest | null,
  sheets: Sheets,
  files: Map<string, SourceFile>,
  report: Report,
): OneRosterVersion {
  const declared = manifest?.version;
  const manifestFile = manifest?.file ?? 'manifest.csv';
  if (declared) {
    if (/^1\.1(\.|$)/.test(declared)) return '1.1';
    if (/^1\.2(\.|$)/.test(declared)) return '1.2';
    report(
      manifestFile,
      null,
      'warning',
      `OneRoster version "${declared}" is not 1.1 or 1.2; columns were read by name.`,
    );
    return 'unknown';
  }
  const users = sheets.users?.columns;
  const only12 = ['primaryOrgSourcedId', 'userMasterIdentifier', 'preferredGivenName', 'pronouns'] as const;
  if (files.has('roles.csv') || only12.some((column) => users?.has(column))) return '1.2';
  if (users?.has('role') && users.has('orgSourcedIds')) return '1.1';
  return 'unknown';
}

/** A missing target is an error when its file is a full (bulk) copy; in a delta it may exist already. */
function missingSeverity(ctx: Context, target: ReadFile): RosterProblem['severity'] {
  const mode = ctx.modes.get(target) ?? (ctx.mode === 'bulk' ? 'bulk' : 'delta');
  return mode === 'bulk' ? 'error' : 'warning';
}

function checkOrg(ctx: Context, file: string, line: number, column: string, orgId: string): void {
  if (orgId !== '' && !ctx.orgs.has(orgId)) {
    ctx.report(file, line, missingSeverity(ctx, 'orgs.csv'), `${column} "${orgId}" is not in orgs.csv.`);
  }
}

function schoolOf(row: OrgRow, code: string, ctx: Context, file: string): RosterSchool {
  const status = statusOf(row, file, ctx.report);
  let name = row.cell.name;
  if (name === '' && status !== 'tobedeleted') {
    ctx.report(file, row.line, 'warning', `The school has no name; its code "${code}" is used.`);
    name = code;
  }
  const dateLastModified = dateLastModifiedOf(row, file, ctx.report);
  return { sourceId: row.cell.sourcedId, code, name, status, dateLastModified, metadata: row.metadata, line: row.line };
}

/** Fills ctx.orgs with every org and returns the schools among them. */
function readOrgs(sheet: Sheets['orgs'], ctx: Context): RosterSchool[] {
  if (!sheet) return [];
  const schools: RosterSchool[] = [];
  const codes = new Map<string, number>();
  for (const [id, row] of bySourcedId(sheet, ctx.report)) {
    const type = row.cell.type.toLowerCase();
    ctx.orgs.set(id, { type, line: row.line });
    if (!ORG_TYPES.has(type)) {
      ctx.report(
        sheet.file,
        row.line,
        'warning',
        `Org type "${row.cell.type}" is not a OneRoster org type; not read as a school.`,
      );
    }
    if (type !== 'school') continue;
    const code = row.cell.identifier || id;
    const first = codes.get(code);
    if (first !== undefined) {
      ctx.report(
        sheet.file,
        row.line,
        'error',
        `School code "${code}" is already used on line ${first}; the school was skipped.`,
      );
      continue;
    }
    codes.set(code, row.line);
    schools.push(schoolOf(row, code, ctx, sheet.file));
  }
  return schools;
}

interface ClassInfo {
  schoolId: string;
  deleted: boolean;
}

function readClasses(sheet: Sheets['classes'], ctx: Context): { byId: Map<string, ClassInfo>; list: RosterClass[] } {
  const byId = new Map<string, ClassInfo>();
  const list: RosterClass[] = [];
  if (!sheet) return { byId, list };
  for (const [id, row] of bySourcedId(sheet, ctx.report)) {
    const status = statusOf(row, sheet.file, ctx.report);
    const deleted = status === 'tobedeleted';
    if (!deleted) checkOrg(ctx, sheet.file, row.line, 'schoolSourcedId', row.cell.schoolSourcedId);
    byId.set(id, { schoolId: row.cell.schoolSourcedId, deleted });
    const type = row.cell.classType.toLowerCase();
    if (type !== '' && type !== 'homeroom' && type !== 'scheduled')
      ctx.report(
        sheet.file,
        row.line,
        'warning',
        `classType "${row.cell.classType}" is not homeroom or scheduled; read as scheduled.`,
      );
    const title = row.cell.title.trim() || row.cell.classCode.trim() || id;
    list.push({
      sourceId: id,
      title,
      classCode: row.cell.classCode.trim() || null,
      classType: type === 'homeroom' ? 'homeroom' : 'scheduled',
      location: row.cell.location.trim() || null,
      periods: splitList(row.cell.periods),
      schoolSourceId: row.cell.schoolSourcedId,
      status,
      line: row.line,
    });
  }
  return { byId, list };
}

function linksOf(links: Map<string, UserLinks>, userId: string): UserLinks {
  let link = links.get(userId);
  if (!link) {
    link = { roles: [], classRoles: new Set(), classSchoolIds: [] };
    links.set(userId, link);
  }
  return link;
}

function knownUser(ctx: Context, users: Map<string, UserRow>, file: string, line: number, userId: string): boolean {
  if (users.has(userId)) return true;
  ctx.report(
    file,
    line,
    missingSeverity(ctx, 'users.csv'),
    `userSourcedId "${userId}" is not in users.csv; the row was not read.`,
  );
  return false;
}

function readRoles(
  sheet: Sheets['roles'],
  users: Map<string, UserRow>,
  links: Map<string, UserLinks>,
  ctx: Context,
): void {
  if (!sheet) return;
  for (const [, row] of bySourcedId(sheet, ctx.report)) {
    if (statusOf(row, sheet.file, ctx.report) === 'tobedeleted') continue;
    const { userSourcedId, orgSourcedId, role, roleType } = row.cell;
    checkOrg(ctx, sheet.file, row.line, 'orgSourcedId', orgSourcedId);
    if (!knownUser(ctx, users, sheet.file, row.line, userSourcedId)) continue;
    linksOf(links, userSourcedId).roles.push({
      role,
      primary: roleType.toLowerCase() === 'primary',
      orgId: orgSourcedId,
    });
  }
}

function readEnrollments(
  sheet: Sheets['enrollments'],
  users: Map<string, UserRow>,
  classes: Map<string, ClassInfo>,
  links: Map<string, UserLinks>,
  ctx: Context,
): RosterEnrollment[] {
  const kept: RosterEnrollment[] = [];
  if (!sheet) return kept;
  const seen = new Map<string, number>(); // class, user and role → the line first enrolling them
  for (const [id, row] of bySourcedId(sheet, ctx.report)) {
    const { classSourcedId, schoolSourcedId, userSourcedId } = row.cell;
    const role = row.cell.role.toLowerCase();
    const status = statusOf(row, sheet.file, ctx.report);
    if (status === 'tobedeleted') {
      // A tombstone needs only its sourcedId: the enrollment it names is removed (its role is not used).
      kept.push({
        sourceId: id,
        classSourceId: classSourcedId,
        userSourceId: userSourcedId,
        role: role === 'teacher' ? 'teacher' : 'student',
        primary: false,
        status,
        line: row.line,
      });
      continue;
    }
    const klass = classes.get(classSourcedId);
    if (!klass) {
      const severity = missingSeverity(ctx, 'classes.csv');
      ctx.report(sheet.file, row.line, severity, `classSourcedId "${classSourcedId}" is not in classes.csv.`);
    }
    checkOrg(ctx, sheet.file, row.line, 'schoolSourcedId', schoolSourcedId);
    if (role !== 'student' && role !== 'teacher' && !OTHER_ROLES.has(role)) {
      ctx.report(sheet.file, row.line, 'warning', `Role "${row.cell.role}" is not a OneRoster role.`);
    }
    if (users.has(userSourcedId)) {
      const link = linksOf(links, userSourcedId);
      if (role === 'student' || role === 'teacher') link.classRoles.add(role);
      if (klass && !klass.deleted) link.classSchoolIds.push(klass.schoolId);
      link.classSchoolIds.push(schoolSourcedId);
    } else if (missingSeverity(ctx, 'users.csv') === 'error') {
      knownUser(ctx, users, sheet.file, row.line, userSourcedId); // says why
      continue;
    }
    // In a delta, a user not in this users.csv may be one the app already has: the class list keeps them.
    if (role !== 'student' && role !== 'teacher') continue;
    const key = `${classSourcedId}\u0000${userSourcedId}\u0000${role}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report(
        sheet.file,
        row.line,
        'warning',
        `The same ${role} is already enrolled in this class on line ${first}; the row was skipped.`,
      );
      continue;
    }
    seen.set(key, row.line);
    const primary = ['true', 'yes', '1'].includes(row.cell.primary.toLowerCase());
    kept.push({
      sourceId: id,
      classSourceId: classSourcedId,
      userSourceId: userSourcedId,
      role,
      primary,
      status,
      line: row.line,
    });
  }
  return kept;
}

function flagOf(
  row: SheetRow<Columns<typeof DEMOGRAPHIC_COLUMNS>>,
  column: keyof RaceFlags,
  file: string,
  report: Report,
): boolean {
  const value = row.cell[column].toLowerCase();
  if (value === 'true' || value === 'yes' || value === '1') return true;
  if (value !== '' && value !== 'false' && value !== 'no' && value !== '0') {
    report(file, row.line, 'warning', `${column} "${row.cell[column]}" is not true or false; read as false.`);
  }
  return false;
}

function readDemographics(
  sheet: Sheets['demographics'],
  users: Map<string, UserRow>,
  ctx: Context,
): Map<string, RosterDemographics> {
  const result = new Map<string, RosterDemographics>();
  if (!sheet) return result;
  const { file } = sheet;
  for (const [id, row] of bySourcedId(sheet, ctx.report)) {
    if (!knownUser(ctx, users, file, row.line, id)) continue;
    // A deleted demographics record means nothing is reported any more.
    if (statusOf(row, file, ctx.report) === 'tobedeleted') {
      result.set(id, { raceEthnicity: 'NOT_REPORTED', gender: 'NOT_REPORTED', birthDate: null });
      continue;
    }
    const flag = (name: keyof RaceFlags) => flagOf(row, name, file, ctx.report);
    const flags: RaceFlags = {
      americanIndianOrAlaskaNative: flag('americanIndianOrAlaskaNative'),
      asian: flag('asian'),
      blackOrAfricanAmerican: flag('blackOrAfricanAmerican'),
      nativeHawaiianOrOtherPacificIslander: flag('nativeHawaiianOrOtherPacificIslander'),
      white: flag('white'),
      demographicRaceTwoOrMoreRaces: flag('demographicRaceTwoOrMoreRaces'),
      hispanicOrLatinoEthnicity: flag('hispanicOrLatinoEthnicity'),
    };
    let gender = genderFromSex(row.cell.sex);
    if (gender === null) {
      ctx.report(
        file,
        row.line,
        'warning',
        `sex "${row.cell.sex}" is not male, female, other or unspecified; read as not reported.`,
      );
      gender = 'NOT_REPORTED';
    }
    result.set(id, { raceEthnicity: raceEthnicityFromFlags(flags), gender, birthDate: row.cell.birthDate || null });
  }
  return result;
}

// ---------------------------------------------------------------- people

type PersonRole = 'student' | 'teacher' | 'other';

function roleWord(value: string): PersonRole | null {
  const role = value.toLowerCase();
  if (role === 'student' || role === 'teacher') return role;
  return OTHER_ROLES.has(role) ? 'other' : null;
}

/** The role a user is declared with: roles.csv's primary role (1.2), else users.role. */
function declaredRoleOf(row: UserRow, link: UserLinks | undefined): string {
  const fromRoles = link?.roles.find((r) => r.primary) ?? link?.roles[0];
  return fromRoles?.role ?? row.cell.role;
}

/**
 * The user's role: the one users.csv (or roles.csv's primary role, 1.2) declares; an
 * enrollment saying otherwise is a row-level warning. Only when the file declares
 * nobody anything but a student (some exports mark every user a student and show
 * teachers only by enrollment) does a clear class role from enrollments.csv decide.
 * Null when there is none.
 */
function roleOf(
  row: UserRow,
  link: UserLinks | undefined,
  file: string,
  report: Report,
  everyoneDeclaredStudent: boolean,
): PersonRole | null {
  const declared = declaredRoleOf(row, link);
  const declaredRole = roleWord(declared);
  if (declared !== '' && declaredRole === null)
    report(file, row.line, 'warning', `Role "${declared}" is not a OneRoster role.`);
  const classRoles = link?.classRoles ?? new Set();
  if (declaredRole !== null && !everyoneDeclaredStudent) {
    const other = declaredRole === 'teacher' ? 'student' : 'teacher';
    if (classRoles.has(other))
      report(
        file,
        row.line,
        'warning',
        `Role "${declared}", but enrolled in classes as ${other}; read as ${declaredRole} (the role ${link?.roles.length ? 'roles.csv' : 'users.csv'} gives).`,
      );
    return declaredRole;
  }
  if (classRoles.size === 1) {
    const classRole = classRoles.has('teacher') ? 'teacher' : 'student';
    if (declaredRole !== null && declaredRole !== classRole) {
      report(
        file,
        row.line,
        'warning',
        `Role "${declared}", but enrolled in classes as ${classRole}; read as ${classRole}.`,
      );
    }
    return classRole;
  }
  if (classRoles.size === 2) {
    const role = declaredRole === 'student' ? 'student' : 'teacher';
    report(file, row.line, 'warning', `Enrolled both as teacher and as student; read as ${role}.`);
    return role;
  }
  if (declared === '')
    report(file, row.line, 'warning', 'No role in users.csv, roles.csv or enrollments.csv; the user was not read.');
  return declaredRole;
}

/** School orgs the user belongs to, without repeats: the primary one first. */
function schoolIdsOf(row: UserRow, link: UserLinks | undefined, ctx: Context, file: string, check: boolean): string[] {
  const { orgSourcedIds, primaryOrgSourcedId } = row.cell;
  const listed = splitList(orgSourcedIds);
  if (check) {
    for (const orgId of listed) checkOrg(ctx, file, row.line, 'orgSourcedIds', orgId);
    checkOrg(ctx, file, row.line, 'primaryOrgSourcedId', primaryOrgSourcedId);
  }
  const roleOrgs = (link?.roles ?? []).slice().sort((a, b) => Number(b.primary) - Number(a.primary));
  const candidates = [...roleOrgs.map((r) => r.orgId), primaryOrgSourcedId, ...listed, ...(link?.classSchoolIds ?? [])];
  const isSchool = (id: string) => ctx.orgs.get(id)?.type === 'school';
  return [...new Set(candidates.filter(isSchool))];
}

function gradeOf(row: UserRow, file: string, report: Report): number | null {
  const codes = splitList(row.cell.grades);
  const grades: number[] = [];
  for (const code of codes) {
    const grade = gradeFromCode(code);
    if (grade === null)
      report(file, row.line, 'error', `Grade code "${code}" is not a OneRoster grade (PK, KG, 01-12).`);
    else if (grade === 'outside')
      report(file, row.line, 'warning', `Grade "${code}" is outside PK-12; read as no grade.`);
    else grades.push(grade);
  }
  if (new Set(grades).size > 1)
    report(file, row.line, 'warning', `Several grades (${codes.join(', ')}); the first is used.`);
  return grades[0] ?? null;
}

function personOf(id: string, row: UserRow, link: UserLinks | undefined, ctx: Context, file: string): RosterPerson {
  const status = statusOf(row, file, ctx.report);
  return {
    sourceId: id,
    givenName: row.cell.givenName,
    familyName: row.cell.familyName,
    username: row.cell.username || null,
    email: row.cell.email.toLowerCase() || null,
    schoolSourceIds: schoolIdsOf(row, link, ctx, file, status !== 'tobedeleted'),
    enabled: row.cell.enabledUser.toLowerCase() !== 'false',
    status,
    dateLastModified: dateLastModifiedOf(row, file, ctx.report),
    metadata: row.metadata,
    line: row.line,
  };
}

/** The district's student number: `identifier` (the SIS id by the spec's intent), else `username`, else `sourcedId`. */
function sisIdOf(row: UserRow): Pick<RosterStudent, 'sisId' | 'sisIdSource'> {
  if (row.cell.identifier !== '') return { sisId: row.cell.identifier, sisIdSource: 'identifier' };
  if (row.cell.username !== '') return { sisId: row.cell.username, sisIdSource: 'username' };
  return { sisId: row.cell.sourcedId, sisIdSource: 'sourcedId' };
}

function readPeople(
  users: Map<string, UserRow>,
  links: Map<string, UserLinks>,
  demographics: Map<string, RosterDemographics>,
  ctx: Context,
  file: string,
): { students: RosterStudent[]; teachers: RosterTeacher[] } {
  const students: RosterStudent[] = [];
  const teachers: RosterTeacher[] = [];
  const sisIdLines = new Map<string, number>();
  let everyoneDeclaredStudent = true;
  for (const [id, row] of users) {
    const word = roleWord(declaredRoleOf(row, links.get(id)));
    if (word !== null && word !== 'student') {
      everyoneDeclaredStudent = false;
      break;
    }
  }
  for (const [id, row] of users) {
    const link = links.get(id);
    // A tombstone need not carry a role: it names the student (if any) the import withdraws.
    const tombstone = row.cell.status.trim().toLowerCase() === 'tobedeleted';
    const role =
      tombstone && declaredRoleOf(row, link).trim() === ''
        ? 'student'
        : roleOf(row, link, file, ctx.report, everyoneDeclaredStudent);
    if (role === null || role === 'other') continue;
    const person = personOf(id, row, link, ctx, file);
    if (role === 'teacher') {
      teachers.push(Object.assign(person, { identifier: row.cell.identifier || null }));
      continue;
    }
    const sis = sisIdOf(row);
    const first = sisIdLines.get(sis.sisId);
    if (first !== undefined) {
      ctx.report(
        file,
        row.line,
        'error',
        `Student number "${sis.sisId}" is already used on line ${first}; the student was skipped.`,
      );
      continue;
    }
    sisIdLines.set(sis.sisId, row.line);
    if (person.schoolSourceIds.length === 0 && person.status !== 'tobedeleted') {
      // Name the orgs the row does give when none is a school (a department used as one).
      const given = [
        ...new Set([
          ...splitList(row.cell.orgSourcedIds),
          row.cell.primaryOrgSourcedId,
          ...(link?.roles ?? []).map((r) => r.orgId),
        ]),
      ].filter((org) => org !== '' && ctx.orgs.has(org));
      const named = given.map((org) => `"${org}" is a ${ctx.orgs.get(org)!.type}`);
      ctx.report(
        file,
        row.line,
        'warning',
        named.length
          ? `The student belongs to no school in orgs.csv (${named.join(', ')}, not a school); the student is skipped.`
          : 'The student belongs to no school in orgs.csv; the student is skipped.',
      );
    }
    const grade = gradeOf(row, file, ctx.report);
    // Object.assign onto the new person, not a spread into a new object: far faster on 50,000 rows.
    students.push(Object.assign(person, sis, { grade, demographics: demographics.get(id) ?? null }));
  }
  return { students, teachers };
}

// ---------------------------------------------------------------- entry point

/** By file, then line (whole-file problems first); the order found is kept within a line. */
function sortProblems(problems: RosterProblem[]): RosterProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Parses a OneRoster CSV set. `files` maps file names (folders are ignored, case
 * too) to their text. Never throws on bad data: see `problems`.
 */
export function parseOneRoster(files: OneRosterFiles): OneRosterResult {
  const problems: RosterProblem[] = [];
  const report: Report = (file, line, severity, reason) => problems.push({ file, line, severity, reason });
  const sources = collectFiles(files, report);
  const manifestSource = sources.get('manifest.csv');
  const manifest = manifestSource ? readManifest(manifestSource, report) : null;
  const sheets = readSheets(sources, report);
  const version = versionOf(manifest, sheets, sources, report);
  const modes = fileModes(sheets, sources, manifest, report);
  const ctx: Context = { report, modes, mode: overallMode(modes), orgs: new Map() };
  for (const required of ['orgs.csv', 'users.csv'] as const) {
    if (!sources.has(required) && ctx.mode === 'bulk')
      report(required, null, 'error', 'The file is missing: a full roster needs it.');
  }
  const schools = readOrgs(sheets.orgs, ctx);
  const classes = readClasses(sheets.classes, ctx);
  const users = sheets.users ? bySourcedId(sheets.users, report) : new Map<string, UserRow>();
  const links = new Map<string, UserLinks>();
  readRoles(sheets.roles, users, links, ctx);
  const enrollments = readEnrollments(sheets.enrollments, users, classes.byId, links, ctx);
  const demographics = readDemographics(sheets.demographics, users, ctx);
  const people = readPeople(users, links, demographics, ctx, sheets.users?.file ?? 'users.csv');
  const classModes = {
    classes: sheets.classes ? (modes.get('classes.csv') ?? null) : null,
    enrollments: sheets.enrollments ? (modes.get('enrollments.csv') ?? null) : null,
  };
  return {
    version,
    mode: ctx.mode,
    schools,
    ...people,
    classes: classes.list,
    enrollments,
    classModes,
    problems: sortProblems(problems),
  };
}
