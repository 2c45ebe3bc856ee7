// What a OneRoster import would change, worked out against a snapshot of the
// database before anything is written. Pure: the preview shows it, and apply
// runs it again on a fresh snapshot inside its transaction and writes the result.
import type { Gender, RaceEthnicity } from '@/lib/generated/prisma/enums';
import {
  zeroCounts,
  type Counts,
  type ImportScope,
  type PayloadSchool,
  type PayloadStudent,
  type RosterPayload,
  type RosterProblem,
} from './types';

export interface ExistingSite {
  id: string;
  code: string;
  name: string;
  sourceId: string | null;
  gradeMin: number;
}

export interface ExistingStudent {
  id: string;
  sourceId: string | null;
  sisId: string;
  siteId: string;
  status: 'ACTIVE' | 'WITHDRAWN';
  firstName: string;
  lastName: string;
  grade: number;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  /** Placements not ended by today: a withdrawal ends them. */
  openPlacements: number;
}

export interface NewSite {
  sourceId: string;
  code: string;
  name: string;
  gradeMin: number;
  gradeMax: number;
}

/** A student row as written: `siteId` null means the site is created by this import (see `school`). */
export interface StudentWrite {
  id: string | null; // null for a new student
  sourceId: string;
  sisId: string;
  firstName: string;
  lastName: string;
  grade: number;
  siteId: string | null;
  school: string;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
}

export interface RosterPlan {
  newSites: NewSite[];
  siteUpdates: { id: string; name: string; sourceId: string }[];
  inserts: StudentWrite[];
  updates: StudentWrite[];
  withdrawals: string[];
  /** Placements still open that the withdrawals end. */
  placementsEnding: number;
  /** Sites a bulk file would withdraw more than BULK_WITHDRAWAL_SHARE of: applied only when confirmed. */
  largeWithdrawals: LargeWithdrawal[];
  schools: Counts;
  students: Counts;
  /** Only the rows inside the scope: what the batch keeps for apply. */
  payload: RosterPayload;
  problems: RosterProblem[];
}

const K_TO_12 = { gradeMin: 0, gradeMax: 12 };

/**
 * The share of a site's active students a full (bulk) file may withdraw, by not naming
 * them, without the person applying it confirming the numbers. A week's real churn is
 * a few percent; a partial export left as "bulk" is most of the site.
 */
export const BULK_WITHDRAWAL_SHARE = 0.1;

export interface LargeWithdrawal {
  site: string;
  withdrawn: number;
  active: number;
}

/** "89 of Adams Elementary's 91 active students (98%)", for the preview and the refusal. */
export function describeLargeWithdrawals(large: readonly LargeWithdrawal[]): string {
  return large
    .map(
      (w) =>
        `${w.withdrawn} of ${w.site}'s ${w.active} active students (${Math.round((100 * w.withdrawn) / w.active)}%)`,
    )
    .join('; ');
}

function gradeWord(grade: number): string {
  return grade === -1 ? 'PK' : grade === 0 ? 'K' : String(grade);
}

/** Which existing site each school of the file is, and which schools are outside the scope. */
function matchSchools(schools: PayloadSchool[], scope: ImportScope, sites: ExistingSite[], problems: RosterProblem[]) {
  const bySource = new Map(sites.filter((s) => s.sourceId !== null).map((s) => [s.sourceId!, s]));
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const matched = new Map<string, ExistingSite | null>(); // school sourcedId → site (null: created here)
  const outside = new Map<string, PayloadSchool>();
  for (const school of schools) {
    const codeSite = byCode.get(school.code);
    const site = bySource.get(school.sourceId) ?? (codeSite && codeSite.sourceId === null ? codeSite : undefined);
    if (!site && codeSite && scope.kind === 'site' && codeSite.id !== scope.siteId) {
      outside.set(school.sourceId, school);
    } else if (!site && codeSite) {
      problems.push({
        file: 'orgs.csv',
        line: school.line,
        severity: 'error',
        reason: `School code "${school.code}" already belongs to ${codeSite.name}, which another OneRoster org is linked to.`,
      });
      outside.set(school.sourceId, school);
    } else if (scope.kind === 'site' && site?.id !== scope.siteId) {
      outside.set(school.sourceId, school);
    } else {
      matched.set(school.sourceId, site ?? null);
    }
  }
  return { matched, outside };
}

function newSitesOf(
  schools: PayloadSchool[],
  matched: Map<string, ExistingSite | null>,
  students: PayloadStudent[],
  problems: RosterProblem[],
): NewSite[] {
  const grades = new Map<string, number[]>();
  for (const s of students)
    if (s.grade !== null) (grades.get(s.school) ?? grades.set(s.school, []).get(s.school)!).push(s.grade);
  const created: NewSite[] = [];
  for (const school of schools) {
    if (!matched.has(school.sourceId) || matched.get(school.sourceId) !== null) continue;
    const known = grades.get(school.sourceId) ?? [];
    let span = K_TO_12;
    // A loop, not Math.min(...known): spreading a few hundred thousand grades overflows the stack.
    if (known.length > 0) {
      span = { gradeMin: 99, gradeMax: -99 };
      for (const g of known) span = { gradeMin: Math.min(span.gradeMin, g), gradeMax: Math.max(span.gradeMax, g) };
    } else
      problems.push({
        file: 'orgs.csv',
        line: school.line,
        severity: 'warning',
        reason: `No student of "${school.name}" has a PK-12 grade: the new site spans grades K-12.`,
      });
    created.push({ sourceId: school.sourceId, code: school.code, name: school.name, ...span });
  }
  return created;
}

function studentIndexes(existing: ExistingStudent[]) {
  return {
    bySource: new Map(existing.filter((s) => s.sourceId !== null).map((s) => [s.sourceId!, s])),
    bySis: new Map(existing.map((s) => [s.sisId, s])),
  };
}

type Indexes = ReturnType<typeof studentIndexes>;

/** The same words for every student a site import may not see: nothing about who they are or where. */
export const OUTSIDE_SITE = 'belongs to a student outside your site; ask the district office to check it';

/** Whether a site import may name this student (a district import sees everyone). */
const visible = (student: ExistingStudent, scope: ImportScope) =>
  scope.kind === 'district' || student.siteId === scope.siteId;

/** The existing student a row names (source id first, then SIS id), or a reason it cannot be matched. */
function findStudent(
  row: { sourceId: string; sisId: string },
  { bySource, bySis }: Indexes,
  scope: ImportScope,
): ExistingStudent | null | string {
  const bySourceId = bySource.get(row.sourceId);
  const bySisId = bySis.get(row.sisId);
  const hidden = (s: ExistingStudent) => !visible(s, scope);
  if (bySourceId) {
    if (bySisId && bySisId.id !== bySourceId.id) {
      if (hidden(bySisId) || hidden(bySourceId))
        return `Student number "${row.sisId}" or this sourcedId ${OUTSIDE_SITE}.`;
      return `Student number "${row.sisId}" already belongs to another student (${bySisId.firstName} ${bySisId.lastName}).`;
    }
    return bySourceId;
  }
  if (bySisId && bySisId.sourceId !== null && bySisId.sourceId !== row.sourceId) {
    if (hidden(bySisId)) return `Student number "${row.sisId}" ${OUTSIDE_SITE}.`;
    return `Student number "${row.sisId}" already belongs to ${bySisId.firstName} ${bySisId.lastName}, linked to another OneRoster record.`;
  }
  return bySisId ?? null;
}

function changed(before: ExistingStudent, after: StudentWrite): boolean {
  return (
    before.status !== 'ACTIVE' ||
    before.sourceId !== after.sourceId ||
    before.sisId !== after.sisId ||
    before.firstName !== after.firstName ||
    before.lastName !== after.lastName ||
    before.grade !== after.grade ||
    before.siteId !== after.siteId ||
    before.raceEthnicity !== after.raceEthnicity ||
    before.gender !== after.gender
  );
}

/**
 * Compares the file's rows with the database. `existing` must hold every student
 * the rows name by source or SIS id, and every active student of the sites they cover.
 */
export function planRoster(
  rows: RosterPayload,
  scope: ImportScope,
  sites: ExistingSite[],
  existing: ExistingStudent[],
): RosterPlan {
  const problems: RosterProblem[] = [];
  const file = rows.usersFile;
  const { matched, outside } = matchSchools(rows.schools, scope, sites, problems);
  const inScope = rows.students.filter((s) => matched.has(s.school));
  const newSites = newSitesOf(rows.schools, matched, inScope, problems);
  const schools = zeroCounts();
  schools.skipped = outside.size;
  schools.new = newSites.length;
  const siteUpdates: RosterPlan['siteUpdates'] = [];
  for (const school of rows.schools) {
    const site = matched.get(school.sourceId);
    if (!site) continue;
    // Coordinators import into a site; only a district import renames or links one.
    if (scope.kind === 'district' && (site.name !== school.name || site.sourceId !== school.sourceId)) {
      siteUpdates.push({ id: site.id, name: school.name, sourceId: school.sourceId });
    }
  }
  schools.updated = siteUpdates.length;
  schools.unchanged = matched.size - newSites.length - siteUpdates.length;

  const students = zeroCounts();
  students.skipped = rows.skipped ?? 0;
  const index = studentIndexes(existing);
  const claimed = new Map<string, number>(); // existing student id → the line that matched it
  const inserts: StudentWrite[] = [];
  const updates: StudentWrite[] = [];
  const withdrawals: string[] = [];
  const skip = (line: number, severity: RosterProblem['severity'], reason: string) => {
    students.skipped++;
    problems.push({ file, line, severity, reason });
  };
  const siteName = new Map(sites.map((s) => [s.id, s.name]));

  for (const row of rows.students) {
    const site = matched.get(row.school);
    if (site === undefined) {
      const school = outside.get(row.school);
      skip(
        row.line,
        'warning',
        `${row.firstName} ${row.lastName} is at ${school ? `"${school.name}"` : `school "${row.school}"`}, which is not ${scope.kind === 'site' ? 'this site' : 'a site that can be imported'}; skipped.`,
      );
      continue;
    }
    const found = findStudent(row, index, scope);
    if (typeof found === 'string') {
      skip(row.line, 'error', found);
      continue;
    }
    if (found && claimed.has(found.id)) {
      skip(
        row.line,
        'error',
        `This row and line ${claimed.get(found.id)} are the same student (by source id or student number).`,
      );
      continue;
    }
    if (found) claimed.set(found.id, row.line);
    if (found && scope.kind === 'site' && found.siteId !== scope.siteId) {
      // Never the other site's name or the student's: the file's ids are all this import learns from.
      const reason = `This student number or sourcedId ${OUTSIDE_SITE}; only a district import can move a student between sites.`;
      skip(row.line, 'warning', `${reason} Skipped.`);
      continue;
    }
    const fallbackGrade = site?.gradeMin ?? newSites.find((s) => s.sourceId === row.school)?.gradeMin ?? 0;
    if (row.grade === null && !found) {
      problems.push({
        file,
        line: row.line,
        severity: 'warning',
        reason: `No PK-12 grade: ${row.firstName} ${row.lastName} is recorded in grade ${gradeWord(fallbackGrade)}, the site's lowest, until a file gives one.`,
      });
    }
    const write: StudentWrite = {
      id: found?.id ?? null,
      sourceId: row.sourceId,
      sisId: row.sisId,
      firstName: row.firstName,
      lastName: row.lastName,
      grade: row.grade ?? found?.grade ?? fallbackGrade,
      siteId: site?.id ?? null,
      school: row.school,
      raceEthnicity: row.raceEthnicity ?? found?.raceEthnicity ?? 'NOT_REPORTED',
      gender: row.gender ?? found?.gender ?? 'NOT_REPORTED',
    };
    if (!found) {
      inserts.push(write);
      students.new++;
    } else if (changed(found, write)) {
      updates.push(write);
      students.updated++;
    } else {
      students.unchanged++;
    }
  }

  for (const row of rows.deleted) {
    const found = findStudent(row, index, scope);
    const inside = (s: ExistingStudent) => (scope.kind === 'district' ? true : s.siteId === scope.siteId);
    if (found === null || typeof found === 'string')
      skip(
        row.line,
        'warning',
        typeof found === 'string'
          ? `Marked tobedeleted: ${found}`
          : 'Marked tobedeleted, but no student here has this sourcedId or student number; nothing to withdraw.',
      );
    else if (!inside(found))
      skip(row.line, 'warning', `Marked tobedeleted, but the student is not at this site; skipped.`);
    else if (found.status === 'WITHDRAWN') students.unchanged++;
    else if (!claimed.has(found.id)) {
      claimed.set(found.id, row.line);
      withdrawals.push(found.id);
      students.withdrawn++;
    }
  }

  const largeWithdrawals: LargeWithdrawal[] = [];
  if (rows.mode === 'bulk') {
    // A full copy: active students of the covered sites it no longer names have left.
    const covered = new Set([...matched.values()].filter((s): s is ExistingSite => s !== null).map((s) => s.id));
    const seenSource = new Set(rows.seenSourceIds);
    const seenSis = new Set(rows.seenSisIds);
    const missing = new Map<string, string[]>(); // site id → its active students the file does not name
    const active = new Map<string, number>();
    for (const s of existing) {
      if (s.status !== 'ACTIVE' || !covered.has(s.siteId)) continue;
      active.set(s.siteId, (active.get(s.siteId) ?? 0) + 1);
      if (claimed.has(s.id) || (s.sourceId !== null && seenSource.has(s.sourceId)) || seenSis.has(s.sisId)) continue;
      (missing.get(s.siteId) ?? missing.set(s.siteId, []).get(s.siteId)!).push(s.id);
    }
    for (const [siteId, ids] of missing) {
      const school = rows.schools.find((sc) => matched.get(sc.sourceId)?.id === siteId);
      // A school leaving the roster is marked tobedeleted; a full file naming none of its students is a broken export.
      if (ids.length === active.get(siteId)) {
        problems.push({
          file: 'orgs.csv',
          line: school?.line ?? null,
          severity: 'error',
          reason: `The file names none of the ${ids.length} active students of ${siteName.get(siteId)}; they would all be withdrawn. Check the export.`,
        });
        continue;
      }
      for (const id of ids) withdrawals.push(id); // not push(...ids): a large site overflows the stack
      students.withdrawn += ids.length;
      const siteActive = active.get(siteId)!;
      if (ids.length > siteActive * BULK_WITHDRAWAL_SHARE)
        largeWithdrawals.push({ site: siteName.get(siteId) ?? 'a site', withdrawn: ids.length, active: siteActive });
    }
  }

  const payload: RosterPayload = {
    ...rows,
    schools: rows.schools.filter((s) => matched.has(s.sourceId)),
    students: rows.students.filter((s) => matched.has(s.school)),
    // A site import lists only its own school's staff.
    teachers: (rows.teachers ?? []).filter((t) =>
      scope.kind === 'district'
        ? t.school === null || matched.has(t.school)
        : t.school !== null && matched.has(t.school),
    ),
    // Classes of the schools in scope (and tombstones, which name no school); the writer
    // keeps enrollments to the scope's classes.
    classes: (rows.classes ?? []).filter((c) => c.deleted || matched.has(c.school)),
  };
  const openOf = new Map(existing.map((s) => [s.id, s.openPlacements ?? 0]));
  let placementsEnding = 0;
  for (const id of withdrawals) placementsEnding += openOf.get(id) ?? 0;
  return {
    newSites,
    siteUpdates,
    inserts,
    updates,
    withdrawals,
    placementsEnding,
    largeWithdrawals,
    schools,
    students,
    payload,
    problems,
  };
}
