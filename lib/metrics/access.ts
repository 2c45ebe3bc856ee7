// Access rows (placed ÷ eligible) for all students and each subgroup dimension. Their
// small cells are suppressed with every other table a person can obtain, jointly
// (lib/equity/cells.ts, ./suppression-joint.ts). Pure.

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
