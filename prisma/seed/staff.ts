// The people who run the program: demo sign-ins, one coordinator per site, and
// tutors from the district's own corps and partner organizations.
import type { CredentialStatus, Role, Subject } from '../../lib/generated/prisma/enums';
import { addDays } from '../../lib/dates';
import {
  ELIGIBILITY_PERCENTILE,
  type DemoAccount,
  type SeedContext,
  type Site,
  type Student,
  type Tutor,
} from './model';
import { adultName, emailLocalPart, type PersonName } from './names';
import type { Random } from './random';
import type { ProviderRow, TutorProfileRow, UserRow, UserSiteRow } from './rows';

const DISTRICT_DOMAIN = 'district.example';

interface Partner {
  name: string;
  domain: string;
  costCents: number;
  subjects: readonly Subject[];
}

const PARTNERS: readonly Partner[] = [
  { name: 'Riverbend Reading Partners', domain: 'riverbendreading.example', costCents: 3200, subjects: ['ELA'] },
  { name: 'Summit Math Fellows', domain: 'summitmath.example', costCents: 3800, subjects: ['MATH'] },
  { name: 'Bright Path Learning', domain: 'brightpath.example', costCents: 2900, subjects: ['MATH', 'ELA'] },
  {
    name: 'Northstar Tutoring Collaborative',
    domain: 'northstartutoring.example',
    costCents: 3500,
    subjects: ['MATH', 'ELA'],
  },
];

export interface Staff {
  providers: ProviderRow[];
  users: UserRow[];
  userSites: UserSiteRow[];
  tutors: Tutor[];
  demoTutor: Tutor;
  demoAccounts: DemoAccount[];
}

class Emails {
  private readonly taken = new Set<string>();

  claim(localPart: string, domain: string): string {
    let email = `${localPart}@${domain}`;
    for (let n = 2; this.taken.has(email); n++) email = `${localPart}${n}@${domain}`;
    this.taken.add(email);
    return email;
  }
}

function user(ctx: SeedContext, email: string, name: string, role: Role): UserRow {
  return { id: ctx.ids.uuid(), email, name, role, passwordHash: ctx.passwordHash };
}

function fullName(name: PersonName): string {
  return `${name.firstName} ${name.lastName}`;
}

/** Tutors go where the need is: a site's share follows its eligible students. */
function tutorsPerSite(sites: Site[], students: Student[], total: number): number[] {
  const need = sites.map(
    (site) =>
      students.filter(
        (s) =>
          s.site === site && Math.min(s.screening.MATH.percentile, s.screening.ELA.percentile) < ELIGIBILITY_PERCENTILE,
      ).length + 1,
  );
  const sum = need.reduce((a, b) => a + b, 0);
  const counts = need.map((n) => Math.max(3, Math.floor((n / sum) * total)));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < total; i++) {
    const index = i % counts.length;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function subjectsFor(random: Random, site: Site, nth: number): Subject[] {
  // The first two tutors at a site cover one subject each, so both are always taught.
  if (nth === 0) return ['ELA'];
  if (nth === 1) return ['MATH'];
  const elementary = site.row.gradeMin < 6;
  return random.weighted<Subject[]>([
    [['ELA'], elementary ? 45 : 35],
    [['MATH'], elementary ? 35 : 45],
    [['MATH', 'ELA'], 20],
  ]);
}

function credential(
  ctx: SeedContext,
  random: Random,
): Pick<TutorProfileRow, 'credentialStatus' | 'credentialExpiresOn'> {
  const status = random.weighted<CredentialStatus>([
    ['CLEARED', 82],
    ['IN_TRAINING', 9],
    ['PENDING', 5],
    ['EXPIRED', 4],
  ]);
  const expiresOn =
    status === 'CLEARED'
      ? addDays(ctx.today, random.int(120, 900))
      : status === 'EXPIRED'
        ? addDays(ctx.today, -random.int(5, 90))
        : null;
  return { credentialStatus: status, credentialExpiresOn: expiresOn };
}

interface Employer {
  provider: ProviderRow;
  domain: string;
  costCents: number | null;
}

/** Partners recruit for their specialty; the district's corps takes anyone. */
function employerFor(
  random: Random,
  subjects: readonly Subject[],
  corps: Employer,
  partners: readonly (Employer & { subjects: readonly Subject[] })[],
): Employer {
  const fitting = partners.filter((partner) => subjects.every((subject) => partner.subjects.includes(subject)));
  return fitting.length > 0 && random.chance(0.55) ? random.pick(fitting) : corps;
}

function tutorProfile(
  ctx: SeedContext,
  random: Random,
  site: Site,
  userId: string,
  employer: Employer,
  subjects: Subject[],
  nth: number,
): TutorProfileRow {
  const narrow = site.row.gradeMin < 6 && nth > 1 && random.chance(0.2);
  const lowerGrades = random.chance(0.5);
  return {
    userId,
    providerId: employer.provider.id,
    subjects,
    gradeMin: narrow && !lowerGrades ? 3 : site.row.gradeMin,
    gradeMax: narrow && lowerGrades ? 2 : site.row.gradeMax,
    capacityGroups: random.int(3, 5),
    capacityMinutesPerWeek: employer.provider.kind === 'DISTRICT_STAFF' ? random.pick([600, 720, 900]) : null,
    hourlyCostCents: employer.costCents === null ? null : employer.costCents + random.int(-3, 3) * 100,
    ...credential(ctx, random),
  };
}

function tutor(user: UserRow, profile: TutorProfileRow, site: Site, random: Random): Tutor {
  const usual = random.normal(site.weak ? 0.15 : 0.06, 0.025);
  return {
    user,
    profile,
    site,
    groupCount: 0,
    minutesPerWeek: 0,
    busy: new Set(),
    absenceRate: Math.min(0.3, Math.max(0.01, random.chance(0.05) ? usual + 0.12 : usual)),
  };
}

class StaffBuilder {
  readonly providers: ProviderRow[] = [];
  readonly users: UserRow[] = [];
  readonly userSites: UserSiteRow[] = [];
  readonly tutors: Tutor[] = [];
  readonly demoAccounts: DemoAccount[] = [];
  private readonly emails = new Emails();
  private readonly random: Random;
  private readonly corps: Employer;
  private readonly partners: (Employer & { subjects: readonly Subject[] })[];

  constructor(private readonly ctx: SeedContext) {
    this.random = ctx.random('staff');
    this.corps = {
      provider: { id: ctx.ids.uuid(), name: 'District Tutoring Corps', kind: 'DISTRICT_STAFF' },
      domain: DISTRICT_DOMAIN,
      costCents: null,
    };
    this.partners = PARTNERS.slice(0, ctx.scale.partnerProviders).map((partner) => ({
      provider: { id: ctx.ids.uuid(), name: partner.name, kind: 'PARTNER' },
      domain: partner.domain,
      costCents: partner.costCents,
      subjects: partner.subjects,
    }));
    this.providers.push(this.corps.provider, ...this.partners.map((partner) => partner.provider));
  }

  account(localPart: string, name: string, role: Role, site?: Site, domain = DISTRICT_DOMAIN): UserRow {
    const row = user(this.ctx, this.emails.claim(localPart, domain), name, role);
    this.users.push(row);
    if (site) this.userSites.push({ userId: row.id, siteId: site.row.id });
    return row;
  }

  leadership(sites: readonly Site[]): void {
    this.account('admin', 'Dana Admin', 'DISTRICT_ADMIN');
    this.account('leader', 'Lee Leader', 'DISTRICT_LEADER');
    this.demoAccounts.push(
      { email: `admin@${DISTRICT_DOMAIN}`, name: 'Dana Admin', role: 'District admin' },
      { email: `leader@${DISTRICT_DOMAIN}`, name: 'Lee Leader', role: 'District leader (read-only)' },
    );
    sites.forEach((site, index) => {
      const name = index === 0 ? 'Casey Coordinator' : fullName(adultName(this.random));
      const row = this.account(index === 0 ? 'coordinator' : `coordinator${index + 1}`, name, 'SITE_COORDINATOR', site);
      site.coordinatorId = row.id;
      if (index < 3) this.demoAccounts.push({ email: row.email, name, role: `Site coordinator, ${site.row.name}` });
    });
  }

  /** tutor@district.example: both subjects, every grade at the coordinator's site, rarely absent. */
  demoTutorAt(site: Site): Tutor {
    const row = this.account('tutor', 'Taylor Tutor', 'TUTOR', site);
    const profile: TutorProfileRow = {
      ...tutorProfile(this.ctx, this.random, site, row.id, this.corps, ['MATH', 'ELA'], 0),
      capacityGroups: 5,
      credentialStatus: 'CLEARED',
      credentialExpiresOn: addDays(this.ctx.today, 400),
    };
    const demoTutor = { ...tutor(row, profile, site, this.random), absenceRate: 0.03 };
    this.tutors.push(demoTutor);
    this.demoAccounts.push({ email: row.email, name: row.name, role: `Tutor, ${site.row.name}` });
    return demoTutor;
  }

  siteTutors(site: Site, count: number): void {
    for (let nth = 0; nth < count; nth++) {
      const subjects = subjectsFor(this.random, site, nth);
      const employer = employerFor(this.random, subjects, this.corps, this.partners);
      const name = adultName(this.random);
      const row = this.account(emailLocalPart(name), fullName(name), 'TUTOR', site, employer.domain);
      this.tutors.push(
        tutor(row, tutorProfile(this.ctx, this.random, site, row.id, employer, subjects, nth), site, this.random),
      );
    }
  }
}

export function buildStaff(ctx: SeedContext, sites: Site[], students: Student[]): Staff {
  const [firstSite] = sites;
  if (!firstSite) throw new Error('a district needs at least one site');
  const staff = new StaffBuilder(ctx);
  staff.leadership(sites);
  const demoTutor = staff.demoTutorAt(firstSite);
  tutorsPerSite(sites, students, ctx.scale.tutors - 1).forEach((count, index) => {
    const site = sites[index];
    if (site) staff.siteTutors(site, count);
  });
  return {
    providers: staff.providers,
    users: staff.users,
    userSites: staff.userSites,
    tutors: staff.tutors,
    demoTutor,
    demoAccounts: staff.demoAccounts,
  };
}
