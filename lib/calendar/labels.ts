export const NO_SCHOOL_KINDS = ['HOLIDAY', 'BREAK', 'PD_DAY', 'TESTING', 'OTHER'] as const;

export const noSchoolKindLabels: Record<(typeof NO_SCHOOL_KINDS)[number], string> = {
  HOLIDAY: 'Holiday',
  BREAK: 'Break',
  PD_DAY: 'Professional development day',
  TESTING: 'Testing',
  OTHER: 'Other',
};
