// The district's codes and how they read, in one place: forms, pages, exports and the
// metrics say a cancellation reason or an attendance mark the same way, and every
// check of an id in a URL or a form is the same check. Pure: client code imports it.

export const CANCELLATION_REASONS = [
  'TUTOR_ABSENT',
  'STUDENT_OR_SCHOOL_EVENT',
  'TESTING',
  'SCHOOL_CLOSURE',
  'OTHER',
] as const;
export type CancellationReasonCode = (typeof CANCELLATION_REASONS)[number];

export const cancellationReasonLabels: Record<CancellationReasonCode, string> = {
  TUTOR_ABSENT: 'Tutor absent',
  STUDENT_OR_SCHOOL_EVENT: 'Student or school event',
  TESTING: 'Testing',
  SCHOOL_CLOSURE: 'School closure',
  OTHER: 'Other',
};

/** A student's attendance in one held session. */
export const ATTENDANCE_MARKS = ['PRESENT', 'PARTIAL', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

export const attendanceMarkLabels: Record<AttendanceMark, string> = {
  PRESENT: 'Present',
  PARTIAL: 'Late / left early',
  ABSENT_EXCUSED: 'Absent (excused)',
  ABSENT_UNEXCUSED: 'Absent (unexcused)',
};

/** A select's or a radio group's options, in the codes' order. */
export function optionsOf<C extends string>(
  codes: readonly C[],
  labels: Record<C, string>,
): { value: C; label: string }[] {
  return codes.map((value) => ({ value, label: labels[value] }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a record id (a UUID): checked before an id from a URL reaches a query. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
