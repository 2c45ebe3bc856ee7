export const FOLLOW_UP_ACTIONS = [
  'CALLED_FAMILY',
  'MET_WITH_STUDENT',
  'MOVED_TIME_SLOT',
  'MAKEUP_SCHEDULED',
  'TALKED_WITH_TUTOR',
  'CHANGED_INTERVENTION',
  'OTHER',
] as const;

export const followUpActionLabels: Record<(typeof FOLLOW_UP_ACTIONS)[number], string> = {
  CALLED_FAMILY: 'Called the family',
  MET_WITH_STUDENT: 'Met with the student',
  MOVED_TIME_SLOT: 'Moved the time slot',
  MAKEUP_SCHEDULED: 'Scheduled a make-up session',
  TALKED_WITH_TUTOR: 'Talked with the tutor',
  CHANGED_INTERVENTION: 'Changed the intervention',
  OTHER: 'Other',
};

export const FOLLOW_UP_FLAGS = [
  'absences',
  'low_dose',
  'no_probe',
  'below_aim',
  'over_size',
  'no_held_session',
  'cancelled_session',
] as const;

export const followUpFlagLabels: Record<(typeof FOLLOW_UP_FLAGS)[number], string> = {
  absences: 'Consecutive absences',
  low_dose: 'Low dose',
  no_probe: 'No recent probe',
  below_aim: 'Below aim line',
  over_size: 'Over the size limit',
  no_held_session: 'No session held lately',
  cancelled_session: 'Cancelled session',
};
