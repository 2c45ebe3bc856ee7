// One interface per table, fields named exactly as the columns, so a row can be
// written without a mapping step. Dates are 'YYYY-MM-DD'; instants are ISO strings.
import type {
  AttendanceStatus,
  CancellationReason,
  CredentialStatus,
  Gender,
  GroupStatus,
  Modality,
  NoSchoolKind,
  ProbeKind,
  ProviderKind,
  RaceEthnicity,
  Role,
  SessionStatus,
  StudentStatus,
  Subject,
} from '../../lib/generated/prisma/enums';
import type { IsoDate } from '../../lib/dates';

export type Instant = string;

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  gradeMin: number;
  gradeMax: number;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface UserSiteRow {
  userId: string;
  siteId: string;
}

export interface ProviderRow {
  id: string;
  name: string;
  kind: ProviderKind;
}

export interface TutorProfileRow {
  userId: string;
  providerId: string;
  subjects: Subject[];
  gradeMin: number;
  gradeMax: number;
  capacityGroups: number | null;
  capacityMinutesPerWeek: number | null;
  hourlyCostCents: number | null;
  credentialStatus: CredentialStatus;
  credentialExpiresOn: IsoDate | null;
}

export interface StudentRow {
  id: string;
  sisId: string;
  firstName: string;
  lastName: string;
  grade: number;
  siteId: string;
  status: StudentStatus;
  withdrawnOn: IsoDate | null;
  referredOn: IsoDate | null;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  multilingualLearner: boolean;
  iep: boolean;
  section504: boolean;
  economicallyDisadvantaged: boolean;
  foster: boolean;
  homeless: boolean;
}

export interface ScreenerResultRow {
  id: string;
  studentId: string;
  subject: Subject;
  measure: string;
  score: number;
  percentile: number;
  testedOn: IsoDate;
}

export interface CycleRow {
  id: string;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface NoSchoolDayRow {
  id: string;
  date: IsoDate;
  siteId: string | null;
  kind: NoSchoolKind;
  name: string;
}

export interface ProbeMeasureRow {
  id: string;
  name: string;
  nameKey: string;
  subject: Subject;
  maxScore: number | null;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  benchmark: number | null;
}

export interface GroupRow {
  id: string;
  name: string;
  siteId: string;
  cycleId: string;
  subject: Subject;
  gradeMin: number;
  gradeMax: number;
  targetSkill: string;
  probeMeasure: string;
  primaryTutorId: string;
  modality: Modality;
  room: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  status: GroupStatus;
}

export interface GroupMeetingRow {
  id: string;
  groupId: string;
  weekday: number;
  startMinute: number;
  plannedMinutes: number;
}

export interface MembershipRow {
  id: string;
  groupId: string;
  studentId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: string | null;
  goalScore: number | null;
  goalDate: IsoDate | null;
}

export interface SessionRow {
  id: string;
  groupId: string;
  date: IsoDate;
  startMinute: number;
  plannedMinutes: number;
  startsAt: Instant;
  status: SessionStatus;
  cancellationReason: CancellationReason | null;
  substituteTutorId: string | null;
  deliveredById: string | null;
  actualMinutes: number | null;
  makeupForId: string | null;
  note: string | null;
  loggedAt: Instant | null;
  loggedById: string | null;
}

export interface AttendanceRow {
  id: string;
  sessionId: string;
  studentId: string;
  status: AttendanceStatus;
  minutesAttended: number | null;
  recordedById: string | null;
  recordedAt: Instant;
  updatedAt: Instant;
}

export interface ProbeRow {
  id: string;
  studentId: string;
  groupId: string | null;
  membershipId: string | null;
  measure: string;
  kind: ProbeKind;
  score: number;
  maxScore: number | null;
  administeredOn: IsoDate;
  tutorId: string | null;
}
