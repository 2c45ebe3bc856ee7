// The shapes a staged import is stored in (ImportBatch.summary, .problems, .payload).
// Plain JSON: written at upload, read back by the preview page and by imports.apply.
import type { Gender, RaceEthnicity, Subject } from '@/lib/generated/prisma/enums';
import type { FileMode, RosterProblem } from '@/lib/roster';

export type { RosterProblem };

/** Problems kept per batch; the total is kept too, so the page can say "and N more". */
export const PROBLEM_CAP = 1000;
/** Rows per bulk statement; progress is reported after each chunk. */
export const WRITE_CHUNK = 5000;

/** Whose rows an import may write: every site (district admins) or one site. */
export type ImportScope = { kind: 'district' } | { kind: 'site'; siteId: string };

export interface Counts {
  new: number;
  updated: number;
  withdrawn: number;
  unchanged: number;
  skipped: number;
}

export const zeroCounts = (): Counts => ({ new: 0, updated: 0, withdrawn: 0, unchanged: 0, skipped: 0 });

export interface RosterSummary {
  kind: 'oneroster';
  version: string;
  mode: FileMode | 'mixed';
  schools: Counts;
  students: Counts;
  /** Teachers and staff: listed as tutor candidates; accounts are made on the Users page. */
  teachers: number;
  /** Open placements the withdrawals end (absent from batches staged before it was counted). */
  placementsEnding?: number;
  /** Sites the file would withdraw a large share of: applying needs a confirmation naming them. */
  largeWithdrawals?: { site: string; withdrawn: number; active: number }[];
  /** Classes and student enrollments in the files (homeroom and periods, for pull-outs). */
  classes?: number;
  classEnrollments?: number;
}

export interface SupportsSummary {
  kind: 'supports';
  students: Counts;
  screeners: Counts;
}

export type ImportSummary = RosterSummary | SupportsSummary;

// ---------------------------------------------------------------- OneRoster payload

export interface PayloadSchool {
  sourceId: string;
  code: string;
  name: string;
  line: number;
}

export interface PayloadStudent {
  sourceId: string;
  sisId: string;
  firstName: string;
  lastName: string;
  grade: number | null;
  school: string; // the primary school's sourcedId
  raceEthnicity: RaceEthnicity | null; // null: the file has no demographics row
  gender: Gender | null;
  line: number;
}

/** A teacher or staff member the file names: listed as a tutor candidate, never given a sign-in. */
export interface PayloadTeacher {
  sourceId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  school: string | null; // the primary school's sourcedId
  deleted: boolean;
}

/** A class (classes.csv), kept so coordinators see each student's homeroom and periods. */
export interface PayloadClass {
  sourceId: string;
  title: string;
  classCode: string | null;
  classType: 'homeroom' | 'scheduled';
  location: string | null;
  periods: string[];
  school: string; // the school's sourcedId
  deleted: boolean;
}

/** A student or teacher in a class (enrollments.csv); a tombstone needs only its sourceId. */
export interface PayloadEnrollment {
  sourceId: string;
  classSourceId: string;
  userSourceId: string;
  role: 'student' | 'teacher';
  primary: boolean;
  deleted: boolean;
}

export interface RosterPayload {
  kind: 'oneroster';
  mode: FileMode | 'mixed';
  usersFile: string;
  schools: PayloadSchool[];
  students: PayloadStudent[];
  /** Records marked tobedeleted: withdrawn, never deleted. */
  deleted: { sourceId: string; sisId: string; school: string | null; line: number }[];
  /**
   * Every student the file names, even rows skipped or out of scope: in a bulk file,
   * only active students of the covered schools named nowhere in it are withdrawn.
   */
  seenSourceIds: string[];
  seenSisIds: string[];
  /** Students read but not importable (no school): counted as skipped, explained on their lines. */
  skipped?: number;
  /** Lines of the users file with an error: left out when the person applies the valid rows only. */
  invalidLines?: number[];
  /** Teachers and staff, for the tutor candidates list (absent from batches staged before it). */
  teachers?: PayloadTeacher[];
  /** Classes and enrollments (absent from batches staged before they were read). */
  classes?: PayloadClass[];
  enrollments?: PayloadEnrollment[];
  /** A bulk class file replaces the scope's classes or enrollments; a delta amends them; null: no such file. */
  classModes?: { classes: FileMode | null; enrollments: FileMode | null };
}

// ---------------------------------------------------------------- supports payload

export interface PayloadSupports {
  sisId: string;
  multilingualLearner: boolean | null;
  iep: boolean | null;
  section504: boolean | null;
  economicallyDisadvantaged: boolean | null;
  foster: boolean | null;
  homeless: boolean | null;
  line: number;
}

export interface PayloadScreener {
  sisId: string;
  subject: Subject;
  measure: string;
  score: number | null;
  percentile: number;
  testedOn: string;
  line: number;
}

export interface SupportsPayload {
  kind: 'supports';
  file: string;
  supports: PayloadSupports[];
  screeners: PayloadScreener[];
}

export type ImportPayload = RosterPayload | SupportsPayload;

/** Where the apply transaction is, for the progress bar. */
export interface ImportProgress {
  status: 'QUEUED' | 'STAGING' | 'PREVIEW' | 'APPLIED' | 'DISCARDED' | 'FAILED';
  phase: string | null;
  done: number;
  total: number;
  /** While QUEUED: the imports before it in line (the one being checked included). */
  ahead?: number;
}
