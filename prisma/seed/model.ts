// The district held in memory while it is built: rows to write, plus what the
// generator needs to know about each person and place (risk, need, weekly slots).
import type { Subject } from '../../lib/generated/prisma/enums';
import type { IsoDate } from '../../lib/dates';
import type { CycleCalendar } from './calendar';
import type { SkillFocus } from './curriculum';
import type { Random } from './random';
import type {
  CycleRow,
  GroupMeetingRow,
  GroupRow,
  MembershipRow,
  NoSchoolDayRow,
  ProviderRow,
  ScreenerResultRow,
  SiteRow,
  StudentRow,
  TutorProfileRow,
  UserRow,
  UserSiteRow,
} from './rows';
import type { Scale } from './scale';

export const TIME_ZONE = 'America/Chicago';
export const MAX_GROUP_SIZE = 4;
export const ELIGIBILITY_PERCENTILE = 40;

export interface SeedContext {
  scale: Scale;
  today: IsoDate;
  /** Browser tests: today is a school day (no closure) and the demo tutor has two groups meeting. */
  openToday?: boolean;
  passwordHash: string;
  /** A stream of randomness per purpose, all fixed by the scale and today. */
  random(...purpose: (string | number)[]): Random;
  /** Deterministic uuids; one stream for the whole run, used in a fixed order. */
  ids: Random;
}

export interface Site {
  row: SiteRow;
  index: number;
  /** Runs the program less well: more tutor absences, cancellations and student absences. */
  weak: boolean;
  /** Mean achievement (z) of the site's students: high-need sites sit lower. */
  achievement: number;
  economicallyDisadvantagedRate: number;
  siteClosures: NoSchoolDayRow[];
  /** District-wide and site closures: dates with no school at this site. */
  closed: Set<IsoDate>;
  /** Past school days the building closed without notice (weather, a burst pipe): sessions cancelled. */
  unplannedClosures: Set<IsoDate>;
  /** Filled in when the site's coordinator is created (staff.ts). */
  coordinatorId: string;
}

export interface SubjectScreening {
  z: number;
  percentile: number;
}

export interface Student {
  row: StudentRow;
  site: Site;
  screening: Record<Subject, SubjectScreening>;
  screenedOn: IsoDate;
  /** Chance of missing a session on an ordinary day. */
  absenceRisk: number;
  /** Weekly slots ("weekday@minute") taken by the student's groups. */
  busy: Set<string>;
}

export interface Tutor {
  user: UserRow;
  profile: TutorProfileRow;
  site: Site;
  groupCount: number;
  minutesPerWeek: number;
  busy: Set<string>;
  /** Chance of missing a working day. */
  absenceRate: number;
}

export interface Placement {
  row: MembershipRow;
  student: Student;
  preScore: number;
  /** Growth per week as a multiple of the skill's typical growth: responders ~1, flat ~0. */
  responsiveness: number;
}

export interface PlannedGroup {
  row: GroupRow;
  meetings: GroupMeetingRow[];
  skill: SkillFocus;
  site: Site;
  tutor: Tutor;
  placements: Placement[];
}

export interface DemoAccount {
  email: string;
  name: string;
  role: string;
}

export interface District {
  calendar: CycleCalendar;
  cycle: CycleRow;
  noSchoolDays: NoSchoolDayRow[];
  sites: Site[];
  students: Student[];
  screeners: ScreenerResultRow[];
  providers: ProviderRow[];
  users: UserRow[];
  userSites: UserSiteRow[];
  tutors: Tutor[];
  groups: PlannedGroup[];
  demoTutor: Tutor;
  demoAccounts: DemoAccount[];
}

export function slotKey(weekday: number, startMinute: number): string {
  return `${weekday}@${startMinute}`;
}
