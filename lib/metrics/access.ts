// Access rows (placed ÷ eligible) for all students and each subgroup dimension. Their
// small cells are suppressed with every other table a person can obtain, jointly
// (lib/equity/cells.ts, ./suppression-joint.ts). Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Access: eligible = active at some point in the window (active now, or withdrawn
//   on or after its start) with the latest screener (up to the window's end) below
//   the eligibility percentile in the subject (any subject when none is named);
//   placed = eligible and placed in a subject they are eligible in. Disability = IEP
//   (the ESSA subgroup); 504 plans are not counted.

export const SUBGROUP_DIMENSIONS = [
  'raceEthnicity',
  'gender',
  'multilingualLearner',
  'disability',
  'economicallyDisadvantaged',
  'foster',
  'homeless',
  'grade',
  'site',
] as const;

export interface AccessRow {
  /** 'all' for every student, else one of SUBGROUP_DIMENSIONS. */
  dimension: string;
  value: string;
  eligible: number;
  placed: number;
  access: number | null;
}

/** What a student's subgroups are read from. */
export interface StudentSubgroups {
  raceEthnicity: string;
  gender: string;
  multilingualLearner: boolean;
  iep: boolean;
  economicallyDisadvantaged: boolean;
  foster: boolean;
  homeless: boolean;
  grade: number;
  siteId: string;
}

const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

/** The (dimension, value) pairs a student counts in, the same values accessBySubgroup gives. */
export function subgroupsOf(st: StudentSubgroups): [string, string][] {
  return [
    ['all', 'all'],
    ['raceEthnicity', st.raceEthnicity],
    ['gender', st.gender],
    ['multilingualLearner', yesNo(st.multilingualLearner)],
    ['disability', yesNo(st.iep)],
    ['economicallyDisadvantaged', yesNo(st.economicallyDisadvantaged)],
    ['foster', yesNo(st.foster)],
    ['homeless', yesNo(st.homeless)],
    ['grade', String(st.grade)],
    ['site', st.siteId],
  ];
}
