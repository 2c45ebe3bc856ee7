// Column lists and types for every table the seed writes.
import type { TableSpec } from './bulk';
import type {
  AttendanceRow,
  CycleRow,
  GroupMeetingRow,
  GroupRow,
  MembershipRow,
  NoSchoolDayRow,
  ProbeMeasureRow,
  ProbeRow,
  ProviderRow,
  ScreenerResultRow,
  SessionRow,
  SiteRow,
  StudentRow,
  TutorProfileRow,
  UserRow,
  UserSiteRow,
} from './rows';

export const SITE: TableSpec<SiteRow> = {
  table: 'site',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'code', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'gradeMin', type: 'int' },
    { name: 'gradeMax', type: 'int' },
  ],
};

export const APP_USER: TableSpec<UserRow> = {
  table: 'app_user',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'email', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'role', type: '"Role"' },
    { name: 'passwordHash', type: 'text' },
  ],
};

export const USER_SITE: TableSpec<UserSiteRow> = {
  table: 'user_site',
  stampUpdatedAt: false,
  columns: [
    { name: 'userId', type: 'uuid' },
    { name: 'siteId', type: 'uuid' },
  ],
};

export const PROVIDER: TableSpec<ProviderRow> = {
  table: 'provider',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'kind', type: '"ProviderKind"' },
  ],
};

export const TUTOR_PROFILE: TableSpec<TutorProfileRow> = {
  table: 'tutor_profile',
  stampUpdatedAt: false,
  columns: [
    { name: 'userId', type: 'uuid' },
    { name: 'providerId', type: 'uuid' },
    { name: 'subjects', type: '"Subject"[]' },
    { name: 'gradeMin', type: 'int' },
    { name: 'gradeMax', type: 'int' },
    { name: 'capacityGroups', type: 'int' },
    { name: 'capacityMinutesPerWeek', type: 'int' },
    { name: 'hourlyCostCents', type: 'int' },
    { name: 'credentialStatus', type: '"CredentialStatus"' },
    { name: 'credentialExpiresOn', type: 'date' },
  ],
};

export const STUDENT: TableSpec<StudentRow> = {
  table: 'student',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'sisId', type: 'text' },
    { name: 'firstName', type: 'text' },
    { name: 'lastName', type: 'text' },
    { name: 'grade', type: 'int' },
    { name: 'siteId', type: 'uuid' },
    { name: 'status', type: '"StudentStatus"' },
    { name: 'withdrawnOn', type: 'date' },
    { name: 'referredOn', type: 'date' },
    { name: 'raceEthnicity', type: '"RaceEthnicity"' },
    { name: 'gender', type: '"Gender"' },
    { name: 'multilingualLearner', type: 'bool' },
    { name: 'iep', type: 'bool' },
    { name: 'section504', type: 'bool' },
    { name: 'economicallyDisadvantaged', type: 'bool' },
    { name: 'foster', type: 'bool' },
    { name: 'homeless', type: 'bool' },
  ],
};

export const SCREENER_RESULT: TableSpec<ScreenerResultRow> = {
  table: 'screener_result',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'studentId', type: 'uuid' },
    { name: 'subject', type: '"Subject"' },
    { name: 'measure', type: 'text' },
    { name: 'score', type: 'numeric' },
    { name: 'percentile', type: 'int' },
    { name: 'testedOn', type: 'date' },
  ],
};

export const CYCLE: TableSpec<CycleRow> = {
  table: 'cycle',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'startDate', type: 'date' },
    { name: 'endDate', type: 'date' },
  ],
};

export const NO_SCHOOL_DAY: TableSpec<NoSchoolDayRow> = {
  table: 'no_school_day',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'date', type: 'date' },
    { name: 'siteId', type: 'uuid' },
    { name: 'kind', type: '"NoSchoolKind"' },
    { name: 'name', type: 'text' },
  ],
};

export const PROBE_MEASURE: TableSpec<ProbeMeasureRow> = {
  table: 'probe_measure',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'nameKey', type: 'text' },
    { name: 'subject', type: '"Subject"' },
    { name: 'maxScore', type: 'numeric' },
    { name: 'direction', type: '"MeasureDirection"' },
    { name: 'benchmark', type: 'numeric' },
  ],
};

export const TUTORING_GROUP: TableSpec<GroupRow> = {
  table: 'tutoring_group',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'siteId', type: 'uuid' },
    { name: 'cycleId', type: 'uuid' },
    { name: 'subject', type: '"Subject"' },
    { name: 'gradeMin', type: 'int' },
    { name: 'gradeMax', type: 'int' },
    { name: 'targetSkill', type: 'text' },
    { name: 'probeMeasure', type: 'text' },
    { name: 'primaryTutorId', type: 'uuid' },
    { name: 'modality', type: '"Modality"' },
    { name: 'room', type: 'text' },
    { name: 'startDate', type: 'date' },
    { name: 'endDate', type: 'date' },
    { name: 'status', type: '"GroupStatus"' },
  ],
};

export const GROUP_MEETING: TableSpec<GroupMeetingRow> = {
  table: 'group_meeting',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'groupId', type: 'uuid' },
    { name: 'weekday', type: 'int' },
    { name: 'startMinute', type: 'int' },
    { name: 'plannedMinutes', type: 'int' },
  ],
};

export const MEMBERSHIP: TableSpec<MembershipRow> = {
  table: 'membership',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'groupId', type: 'uuid' },
    { name: 'studentId', type: 'uuid' },
    { name: 'startDate', type: 'date' },
    { name: 'endDate', type: 'date' },
    { name: 'endReason', type: 'text' },
    { name: 'goalScore', type: 'numeric' },
    { name: 'goalDate', type: 'date' },
  ],
};

export const SESSION: TableSpec<SessionRow> = {
  table: 'session',
  stampUpdatedAt: true,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'groupId', type: 'uuid' },
    { name: 'date', type: 'date' },
    { name: 'startMinute', type: 'int' },
    { name: 'plannedMinutes', type: 'int' },
    { name: 'startsAt', type: 'timestamptz' },
    { name: 'status', type: '"SessionStatus"' },
    { name: 'cancellationReason', type: '"CancellationReason"' },
    { name: 'substituteTutorId', type: 'uuid' },
    { name: 'deliveredById', type: 'uuid' },
    { name: 'actualMinutes', type: 'int' },
    { name: 'makeupForId', type: 'uuid' },
    { name: 'note', type: 'text' },
    { name: 'loggedAt', type: 'timestamptz' },
    { name: 'loggedById', type: 'uuid' },
  ],
};

export const ATTENDANCE: TableSpec<AttendanceRow> = {
  table: 'attendance',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'sessionId', type: 'uuid' },
    { name: 'studentId', type: 'uuid' },
    { name: 'status', type: '"AttendanceStatus"' },
    { name: 'minutesAttended', type: 'int' },
    { name: 'recordedById', type: 'uuid' },
    { name: 'recordedAt', type: 'timestamptz' },
    { name: 'updatedAt', type: 'timestamptz' },
  ],
};

export const PROBE: TableSpec<ProbeRow> = {
  table: 'probe',
  stampUpdatedAt: false,
  columns: [
    { name: 'id', type: 'uuid' },
    { name: 'studentId', type: 'uuid' },
    { name: 'groupId', type: 'uuid' },
    { name: 'membershipId', type: 'uuid' },
    { name: 'measure', type: 'text' },
    { name: 'kind', type: '"ProbeKind"' },
    { name: 'score', type: 'numeric' },
    { name: 'maxScore', type: 'numeric' },
    { name: 'administeredOn', type: 'date' },
    { name: 'tutorId', type: 'uuid' },
  ],
};
