// Every page route, for every role and for the signed-out: allowed or not.
// A new page.tsx without an entry here fails the first test.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startSession } from './helpers';

type Who = 'signedOut' | 'admin' | 'leader' | 'coordinator' | 'tutor';
type Outcome = 'ok' | 'not-found' | 'login' | `redirect:${string}`;

interface Ids {
  ownSite: string;
  otherSite: string;
  someUser: string;
  someMeasure: string;
  ownGroup: string;
  otherGroup: string;
  tutorSession: string;
  tutorGroup: string;
  ownStudent: string;
  otherStudent: string;
}

interface RouteEntry {
  path: (ids: Ids) => string;
  expect: Record<Who, Outcome>;
}

const EMAILS: Record<Exclude<Who, 'signedOut'>, string> = {
  admin: 'admin@district.example',
  leader: 'leader@district.example',
  coordinator: 'coordinator@district.example',
  tutor: 'tutor@district.example',
};

const everyone = (outcome: Outcome): Record<Who, Outcome> => ({
  signedOut: outcome,
  admin: outcome,
  leader: outcome,
  coordinator: outcome,
  tutor: outcome,
});

const ROUTES: Record<string, RouteEntry> = {
  '/': {
    path: () => '/',
    expect: {
      signedOut: 'ok',
      admin: 'redirect:/district',
      leader: 'redirect:/district',
      coordinator: 'redirect:/sites/',
      tutor: 'redirect:/tutor',
    },
  },
  '/login': {
    path: () => '/login',
    expect: {
      signedOut: 'ok',
      admin: 'redirect:/district',
      leader: 'redirect:/district',
      coordinator: 'redirect:/sites/',
      tutor: 'redirect:/tutor',
    },
  },
  '/styleguide': { path: () => '/styleguide', expect: everyone('ok') },
  '/invite/[token]': { path: () => '/invite/not-a-real-token', expect: everyone('ok') },
  '/district': {
    path: () => '/district',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/settings': {
    path: () => '/district/settings',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/weekly-review': {
    path: () => '/district/weekly-review',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/weekly-review (a week that is not a Monday)': {
    path: () => '/district/weekly-review?week=2026-11-17',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/costs': {
    path: () => '/district/costs',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/users': {
    path: () => '/district/users',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/users/new': {
    path: () => '/district/users/new',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/users/[userId]': {
    path: (ids) => `/district/users/${ids.someUser}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/measures': {
    path: () => '/district/measures',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/measures/[measureId]': {
    path: (ids) => `/district/measures/${ids.someMeasure}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/calendar': {
    path: () => '/district/calendar',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/account': {
    path: () => '/account',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'ok' },
  },
  '/district/todo': {
    path: () => '/district/todo',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/audit-log': {
    path: () => '/district/audit-log',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/imports': {
    path: () => '/district/imports',
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/imports (unknown batch)': {
    path: () => '/district/imports?batch=00000000-0000-4000-8000-000000000000',
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/district/equity': {
    path: () => '/district/equity',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/equity (filtered, with a week outside the cycle)': {
    path: () => '/district/equity?subject=MATH&from=2001-01-01',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/district/exports': {
    path: () => '/district/exports',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites': {
    path: () => '/sites',
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'redirect:/tutor' },
  },
  '/sites/[siteId]': {
    path: (ids) => `/sites/${ids.ownSite}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId] (another site)': {
    path: (ids) => `/sites/${ids.otherSite}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId] (unknown id)': {
    path: () => '/sites/00000000-0000-4000-8000-000000000000',
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/sites/[siteId]/tutors': {
    path: (ids) => `/sites/${ids.ownSite}/tutors`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/tutors (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/tutors`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/imports': {
    path: (ids) => `/sites/${ids.ownSite}/imports`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/imports (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/imports`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/students': {
    path: (ids) => `/sites/${ids.ownSite}/students`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/students (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/students`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/waitlist': {
    path: (ids) => `/sites/${ids.ownSite}/waitlist`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/waitlist (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/waitlist`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups': {
    path: (ids) => `/sites/${ids.ownSite}/groups`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/schedule': {
    path: (ids) => `/sites/${ids.ownSite}/schedule`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/schedule (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/schedule?week=2026-11-16&by=room`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/suggested': {
    path: (ids) => `/sites/${ids.ownSite}/groups/suggested?subject=ELA`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/suggested (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/groups/suggested`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/[groupId]/edit': {
    path: (ids) => `/sites/${ids.ownSite}/groups/${ids.ownGroup}/edit`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/[groupId]/edit (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/groups/${ids.otherGroup}/edit`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/follow-up': {
    path: (ids) => `/sites/${ids.ownSite}/follow-up`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/follow-up (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/follow-up`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/exports': {
    path: (ids) => `/sites/${ids.ownSite}/exports`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/exports (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/exports`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/weekly-review': {
    path: (ids) => `/sites/${ids.ownSite}/weekly-review`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/weekly-review (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/weekly-review?week=2026-11-16`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/new': {
    path: (ids) => `/sites/${ids.ownSite}/groups/new`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/new (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/groups/new`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/[groupId]': {
    path: (ids) => `/sites/${ids.ownSite}/groups/${ids.ownGroup}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/[groupId] (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/groups/${ids.otherGroup}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/groups/[groupId] (group of another site under own site)': {
    path: (ids) => `/sites/${ids.ownSite}/groups/${ids.otherGroup}`,
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/sites/[siteId]/dashboard': {
    path: (ids) => `/sites/${ids.ownSite}/dashboard`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/dashboard?subject=ELA`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard/groups/[groupId]': {
    path: (ids) => `/sites/${ids.ownSite}/dashboard/groups/${ids.ownGroup}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard/groups/[groupId] (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/dashboard/groups/${ids.otherGroup}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard/groups/[groupId] (group of another site under own site)': {
    path: (ids) => `/sites/${ids.ownSite}/dashboard/groups/${ids.otherGroup}`,
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/sites/[siteId]/dashboard/students/[studentId]': {
    path: (ids) => `/sites/${ids.ownSite}/dashboard/students/${ids.ownStudent}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard/students/[studentId] (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/dashboard/students/${ids.otherStudent}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'ok', coordinator: 'not-found', tutor: 'not-found' },
  },
  '/sites/[siteId]/dashboard/students/[studentId] (student of another site under own site)': {
    path: (ids) => `/sites/${ids.ownSite}/dashboard/students/${ids.otherStudent}`,
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/sites/[siteId]/sessions/[sessionId]': {
    // A coordinator or admin logs a session for its tutor (the tutor logs it from /tutor).
    path: (ids) => `/sites/${ids.ownSite}/sessions/${ids.tutorSession}`,
    expect: { signedOut: 'login', admin: 'ok', leader: 'not-found', coordinator: 'ok', tutor: 'not-found' },
  },
  '/sites/[siteId]/sessions/[sessionId] (another site)': {
    path: (ids) => `/sites/${ids.otherSite}/sessions/${ids.tutorSession}`,
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/tutor/sessions/[sessionId]': {
    path: (ids) => `/tutor/sessions/${ids.tutorSession}`,
    expect: { signedOut: 'login', admin: 'not-found', leader: 'not-found', coordinator: 'not-found', tutor: 'ok' },
  },
  '/tutor/sessions/[sessionId] (unknown id)': {
    path: () => '/tutor/sessions/00000000-0000-4000-8000-000000000000',
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/tutor/groups/[groupId]/probes': {
    path: (ids) => `/tutor/groups/${ids.tutorGroup}/probes`,
    expect: { signedOut: 'login', admin: 'not-found', leader: 'not-found', coordinator: 'not-found', tutor: 'ok' },
  },
  '/tutor/groups/[groupId]/probes (a group the tutor does not teach)': {
    path: (ids) => `/tutor/groups/${ids.otherGroup}/probes`,
    expect: {
      signedOut: 'login',
      admin: 'not-found',
      leader: 'not-found',
      coordinator: 'not-found',
      tutor: 'not-found',
    },
  },
  '/tutor/week': {
    path: () => '/tutor/week',
    expect: { signedOut: 'login', admin: 'not-found', leader: 'not-found', coordinator: 'not-found', tutor: 'ok' },
  },
  '/tutor/students': {
    path: () => '/tutor/students',
    expect: { signedOut: 'login', admin: 'not-found', leader: 'not-found', coordinator: 'not-found', tutor: 'ok' },
  },
  '/tutor': {
    path: () => '/tutor',
    expect: { signedOut: 'login', admin: 'not-found', leader: 'not-found', coordinator: 'not-found', tutor: 'ok' },
  },
};

function pageRoutes(dir = 'app', prefix = ''): string[] {
  const routes: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith('_') || name === 'api') continue;
      const segment = name.startsWith('(') && name.endsWith(')') ? '' : `/${name}`;
      routes.push(...pageRoutes(full, prefix + segment));
    } else if (name === 'page.tsx') {
      routes.push(prefix || '/');
    }
  }
  return routes;
}

test('every page route has an entry in the access matrix', () => {
  const listed = new Set(Object.keys(ROUTES).map((key) => key.replace(/ \(.*\)$/, '')));
  const missing = pageRoutes().filter((route) => !listed.has(route));
  expect(missing, 'add these routes to tests/e2e/access-matrix.spec.ts').toEqual([]);
});

async function signedInPage(browser: Browser, who: Who): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (who === 'signedOut') return page;
  await startSession(page, EMAILS[who]);
  return page;
}

async function discoverIds(browser: Browser): Promise<Ids> {
  const coordinator = await signedInPage(browser, 'coordinator');
  const ownSite = new URL(coordinator.url()).pathname.split('/')[2]!;
  await coordinator.context().close();
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/sites');
  const siteLinks = await admin
    .locator('main a[href^="/sites/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const otherSite = siteLinks.map((href) => href.split('/')[2]!).find((id) => id !== ownSite)!;
  await admin.goto('/district/users');
  const userLinks = await admin
    .locator('main a[href^="/district/users/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const someUser = userLinks.map((href) => href.split('/')[3]!).find((id) => id && id !== 'new')!;
  await admin.goto('/district/measures');
  const someMeasure = (await admin.locator('main a[href^="/district/measures/"]').first().getAttribute('href'))!.split(
    '/',
  )[3]!;
  const firstGroup = async (site: string) => {
    await admin.goto(`/sites/${site}/groups`);
    const hrefs = await admin
      .locator(`main a[href^="/sites/${site}/groups/"]`)
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    return hrefs.map((href) => href.split('/')[4]!).find((id) => /^[0-9a-f-]{36}$/.test(id))!;
  };
  const ownGroup = await firstGroup(ownSite);
  const otherGroup = await firstGroup(otherSite);
  // A student from each site's dashboard (a group's students link to their pages).
  const firstStudent = async (site: string, group: string) => {
    await admin.goto(`/sites/${site}/dashboard/groups/${group}`);
    const hrefs = await admin
      .locator(`main a[href^="/sites/${site}/dashboard/students/"]`)
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    return hrefs[0]!.split('?')[0]!.split('/')[5]!;
  };
  const ownStudent = await firstStudent(ownSite, ownGroup);
  const otherStudent = await firstStudent(otherSite, otherGroup);
  await admin.context().close();
  const tutor = await signedInPage(browser, 'tutor');
  const tutorLinks = await tutor
    .locator('main a[href^="/tutor/sessions/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const tutorSession = tutorLinks[0]!.split('/')[3]!;
  const groupLinks = await tutor
    .locator('main a[href^="/tutor/groups/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const tutorGroup = groupLinks[0]!.split('/')[3]!;
  await tutor.context().close();
  return {
    ownSite,
    otherSite,
    someUser,
    someMeasure,
    ownGroup,
    otherGroup,
    tutorSession,
    tutorGroup,
    ownStudent,
    otherStudent,
  };
}

/** The ids are the same for every role: looked up once per run. */
let ids: Promise<Ids> | undefined;

async function outcomeOf(page: Page, target: string): Promise<{ outcome: Outcome; detail: string }> {
  // The answer's status and where redirects ended are known once the response
  // commits; the page's rendering is other tests' business.
  const response = await page.goto(target, { waitUntil: 'commit' });
  const url = new URL(page.url());
  const status = response?.status() ?? 0;
  const detail = `${status} ${url.pathname}`;
  if (url.pathname === '/login' && target !== '/login') return { outcome: 'login', detail };
  if (status === 404) return { outcome: 'not-found', detail };
  if (url.pathname !== target.split('?')[0]) return { outcome: `redirect:${url.pathname}`, detail };
  return { outcome: status === 200 ? 'ok' : (`status ${status}` as Outcome), detail };
}

function matches(actual: Outcome, expected: Outcome): boolean {
  return expected.startsWith('redirect:') ? actual.startsWith(expected) : actual === expected;
}

for (const who of ['signedOut', 'admin', 'leader', 'coordinator', 'tutor'] as const) {
  test(`pages allow and refuse as the matrix says: ${who}`, async ({ browser }) => {
    test.slow();
    ids ??= discoverIds(browser);
    const known = await ids;
    const page = await signedInPage(browser, who);
    const wrong: string[] = [];
    for (const [route, entry] of Object.entries(ROUTES)) {
      const target = entry.path(known);
      const { outcome, detail } = await outcomeOf(page, target);
      if (!matches(outcome, entry.expect[who]))
        wrong.push(`${route}: expected ${entry.expect[who]}, got ${outcome} (${detail})`);
    }
    expect(wrong).toEqual([]);
    await page.context().close();
  });
}
