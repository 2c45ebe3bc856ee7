// The district's policy fields: label, bounds and the explanation each form shows.
// Bounds match the CHECK constraint district_settings_positive in the init migration.

export interface SettingsNumberField {
  name: SettingsNumberName;
  label: string;
  min: number;
  max: number;
  unit: string;
  hint: string;
}

export type SettingsNumberName =
  | 'targetSessionsPerWeek'
  | 'targetMinutesPerSession'
  | 'targetMinutesPerWeek'
  | 'maxGroupSize'
  | 'eligibilityPercentile'
  | 'minProgramWeeks'
  | 'flagConsecutiveAbsences'
  | 'flagDoseRatePercent'
  | 'flagDoseWindowWeeks'
  | 'flagNoProbeWeeks'
  | 'flagProbesBelowAim'
  | 'flagNoHeldSessionDays'
  | 'suppressionMinN';

export interface SettingsSection {
  title: string;
  description: string;
  fields: SettingsNumberField[];
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    title: 'Target dose and program standard',
    description: 'What every student is meant to receive. Dose rate and "dose vs target" are measured against these.',
    fields: [
      {
        name: 'targetSessionsPerWeek',
        label: 'Target sessions per week',
        min: 1,
        max: 14,
        unit: 'sessions',
        hint: 'Sessions each student should get every week. Default 3; the program standard is at least 3.',
      },
      {
        name: 'targetMinutesPerSession',
        label: 'Minutes per session',
        min: 1,
        max: 240,
        unit: 'minutes',
        hint: 'Planned length of one session. Default 30; the program standard is at least 30.',
      },
      {
        name: 'targetMinutesPerWeek',
        label: 'Target minutes per week',
        min: 1,
        max: 3000,
        unit: 'minutes',
        hint: 'Dose vs target = minutes delivered per week ÷ this number. Default 90 (3 sessions × 30 minutes).',
      },
      {
        name: 'maxGroupSize',
        label: 'Maximum group size',
        min: 1,
        max: 12,
        unit: 'students',
        hint: 'The most students in one group at once; a placement beyond it is refused. Default 4 (1:1 to 1:4 are all valid).',
      },
      {
        name: 'minProgramWeeks',
        label: 'Minimum program length',
        min: 1,
        max: 52,
        unit: 'weeks',
        hint: 'The program standard: a student is tutored for at least this many weeks. Default 10.',
      },
    ],
  },
  {
    title: 'Eligibility',
    description: 'Who needs tutoring. Need decides who gets a seat.',
    fields: [
      {
        name: 'eligibilityPercentile',
        label: 'Eligibility percentile',
        min: 1,
        max: 100,
        unit: 'percentile',
        hint: 'A student is eligible in a subject when their screener percentile there is below this. Default 40.',
      },
    ],
  },
  {
    title: 'Early-warning flags',
    description: 'When a student or group is flagged for a coordinator to follow up.',
    fields: [
      {
        name: 'flagConsecutiveAbsences',
        label: 'Consecutive absences',
        min: 1,
        max: 50,
        unit: 'absences',
        hint: 'Flag a student absent this many sessions in a row. Default 3.',
      },
      {
        name: 'flagDoseRatePercent',
        label: 'Dose rate below',
        min: 1,
        max: 100,
        unit: '%',
        hint: 'Flag a student whose dose rate (minutes delivered ÷ scheduled) is below this over the window below. Below it, growth shows as "under-dosed — not yet judged". Default 70%.',
      },
      {
        name: 'flagDoseWindowWeeks',
        label: 'Dose rate window',
        min: 1,
        max: 52,
        unit: 'weeks',
        hint: 'How many recent weeks the dose-rate flag looks at. Default 4.',
      },
      {
        name: 'flagNoProbeWeeks',
        label: 'No probe for',
        min: 1,
        max: 52,
        unit: 'weeks',
        hint: 'Flag a placed student with no progress probe in this many weeks. Default 6.',
      },
      {
        name: 'flagProbesBelowAim',
        label: 'Probes below the aim line',
        min: 1,
        max: 20,
        unit: 'probes in a row',
        hint: 'Flag when this many probe scores in a row fall below the aim line: the intervention needs changing. Default 3.',
      },
      {
        name: 'flagNoHeldSessionDays',
        label: 'No held session for',
        min: 1,
        max: 90,
        unit: 'days',
        hint: 'Flag a group that has not held a session in this many days. Default 7.',
      },
    ],
  },
  {
    title: 'Privacy',
    description: 'How reports protect small groups of students.',
    fields: [
      {
        name: 'suppressionMinN',
        label: 'Smallest reported group (n)',
        min: 1,
        max: 100,
        unit: 'students',
        hint: 'In any report by subgroup, a cell with fewer students than this shows "n<…" instead of a number, on screen and in exports. Default 10.',
      },
    ],
  },
];

export const SETTINGS_NUMBER_FIELDS: SettingsNumberField[] = SETTINGS_SECTIONS.flatMap((section) => section.fields);

export const DISTRICT_NAME_HINT = 'Shown at the top of every page and on exports.';
export const TIME_ZONE_HINT =
  'All dates, "today" and weeks (Monday–Sunday) are counted in this time zone, in every metric and report.';

/** DOMAIN.md's defaults (also the schema's), shown before the row exists. */
export const DEFAULT_SETTINGS = {
  districtName: 'Demo Unified School District',
  timeZone: 'America/Chicago',
  targetSessionsPerWeek: 3,
  targetMinutesPerSession: 30,
  targetMinutesPerWeek: 90,
  maxGroupSize: 4,
  eligibilityPercentile: 40,
  minProgramWeeks: 10,
  flagConsecutiveAbsences: 3,
  flagDoseRatePercent: 70,
  flagDoseWindowWeeks: 4,
  flagNoProbeWeeks: 6,
  flagProbesBelowAim: 3,
  flagNoHeldSessionDays: 7,
  suppressionMinN: 10,
} satisfies Record<SettingsNumberName | 'districtName' | 'timeZone', string | number>;

export type SettingsValues = typeof DEFAULT_SETTINGS;
