// Signing in with email and password, where each role lands and what it may reach,
// signing out, failed and throttled sign-ins, and the headers and cookie that
// protect a session. On a laptop and a tablet, against the demo district.
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  SESSION_COOKIE,
  SIGN_IN_FAILED,
  allSiteIds,
  expectNoAxeViolations,
  expectTouchTargets,
  expectNotFoundPage,
  homePathOf,
  navLink,
  pageAlert,
  primaryNav,
  sessionCookie,
  signIn,
  submitSignInForm,
  waitForHydration,
} from './helpers';

/** Whether the page a menu item leads to exists under app/ (the route given here). */
function pageBuilt(route: string): boolean {
  return existsSync(new URL(`../../app/${route}/page.tsx`, import.meta.url));
}

interface RoleCase {
  role: string;
  email: string;
  /** Where they land. */
  home: RegExp;
  heading: string | RegExp;
  /** Menu items of their own, with the page (under app/) each leads to. */
  sees: [label: string, route: string][];
  /** Other roles' menu items. */
  doesNotSee: string[];
}

const roles: RoleCase[] = [
  {
    role: 'District admin',
    email: DEMO.admin,
    home: /^\/district$/,
    heading: 'District dashboard',
    sees: [
      ['Dashboard', 'district'],
      ['Users', 'district/users'],
      ['Settings', 'district/settings'],
      ['Audit log', 'district/audit-log'],
    ],
    doesNotSee: ['Today', 'Students', 'Overview'],
  },
  {
    role: 'District leader',
    email: DEMO.leader,
    home: /^\/district$/,
    heading: 'District dashboard',
    sees: [
      ['Dashboard', 'district'],
      ['Equity', 'district/equity'],
      ['Weekly review', 'district/weekly-review'],
    ],
    doesNotSee: ['Users', 'Audit log', 'Imports', 'Today', 'Students'],
  },
  {
    role: 'Site coordinator',
    email: DEMO.coordinator,
    home: /^\/sites\/[0-9a-f-]{36}$/,
    heading: /./,
    sees: [
      ['Overview', 'sites/[siteId]'],
      ['Students', 'sites/[siteId]/students'],
      ['Groups', 'sites/[siteId]/groups'],
      ['Tutors', 'sites/[siteId]/tutors'],
    ],
    doesNotSee: ['Users', 'Dashboard', 'Audit log', 'Today'],
  },
  {
    role: 'Tutor',
    email: DEMO.tutor,
    home: /^\/tutor$/,
    heading: 'Today',
    sees: [
      ['Today', 'tutor'],
      ['This week', 'tutor/week'],
      ['My students', 'tutor/students'],
    ],
    doesNotSee: ['Students', 'Users', 'Dashboard', 'Groups', 'Overview'],
  },
];

test('the sign-in page has no accessibility problems', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const c of roles) {
  test(`a ${c.role.toLowerCase()} signs in to their own home and menu`, async ({ page }) => {
    await page.goto('/login');
    const landed = await signIn(page, c.email);
    expect(landed).toMatch(c.home);
    await expect(page.getByRole('heading', { level: 1, name: c.heading })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(c.role);
    for (const [label, route] of c.sees) {
      expect(pageBuilt(route), `"${label}" leads to app/${route}, which exists`).toBe(true);
      await expect(navLink(page, label), `${c.role} sees "${label}"`).toBeVisible();
    }
    for (const label of c.doesNotSee)
      await expect(navLink(page, label), `${c.role} does not see "${label}"`).toHaveCount(0);
    if (c.email === DEMO.coordinator) {
      // A coordinator lands on their to-do queue, then the site's figures.
      await expect(page.getByRole('heading', { level: 2, name: /^To do/ })).toBeVisible();
      await expectTouchTargets(page);
      // A coordinator's menu is about the site they landed on.
      await expect(navLink(page, 'Overview')).toHaveAttribute('href', landed);
      const hrefs = await primaryNav(page)
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs)
        if (href !== '/sites') expect(href === landed || href.startsWith(`${landed}/`), href).toBe(true);
    }
    await expectNoAxeViolations(page);
  });
}

test.describe('a signed-out visitor', () => {
  async function expectSentToSignIn(page: Page, path: string) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === path);
    await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  }

  test('is sent to sign in from /district and returns there afterwards', async ({ page }) => {
    await expectSentToSignIn(page, '/district');
    expect(await signIn(page, DEMO.leader)).toBe('/district');
    await expect(page.getByRole('heading', { level: 1, name: 'District dashboard' })).toBeVisible();
  });

  test('is sent to sign in from /tutor and returns there afterwards', async ({ page }) => {
    await expectSentToSignIn(page, '/tutor');
    expect(await signIn(page, DEMO.tutor)).toBe('/tutor');
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  });

  test('is sent to sign in from a coordinator’s site and returns to it afterwards', async ({ page, browser }) => {
    const site = await homePathOf(browser, DEMO.coordinator);
    await expectSentToSignIn(page, site);
    expect(await signIn(page, DEMO.coordinator)).toBe(site);
    await expect(navLink(page, 'Overview')).toHaveAttribute('href', site);
  });
});

test.describe('people only reach what their role and sites allow', () => {
  test('a tutor asking for the district dashboard gets the not-found page', async ({ page }) => {
    await signIn(page, DEMO.tutor);
    await page.goto('/district');
    await expectNotFoundPage(page);
    await expect(page.getByText('District dashboard')).toHaveCount(0);
  });

  test('a coordinator asking for another site gets the not-found page', async ({ page, browser }) => {
    const [sites, own] = await Promise.all([allSiteIds(browser), signIn(page, DEMO.coordinator)]);
    const other = sites.find((id) => `/sites/${id}` !== own);
    expect(other).toBeDefined();
    expect(sites.map((id) => `/sites/${id}`)).toContain(own);
    await page.goto(`/sites/${other}`);
    await expectNotFoundPage(page);
    // Their own site still opens.
    await page.goto(own);
    await expect(navLink(page, 'Overview')).toHaveAttribute('aria-current', 'page');
  });

  test('a district leader gets the not-found page for the tutor’s day', async ({ page }) => {
    await signIn(page, DEMO.leader);
    await page.goto('/tutor');
    await expectNotFoundPage(page);
  });

  for (const [path, title] of [
    ['/district/users', 'Users'],
    ['/district/audit-log', 'Audit log'],
  ] as const) {
    test(`a district leader cannot open ${path}, which an admin can`, async ({ page, browser }) => {
      const admin = await browser.newContext();
      const adminPage = await admin.newPage();
      await signIn(adminPage, DEMO.admin);
      await adminPage.goto(path);
      await expect(adminPage.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
      await expect(navLink(adminPage, title)).toHaveAttribute('aria-current', 'page');
      await admin.close();

      await signIn(page, DEMO.leader);
      await page.goto(path);
      await expectNotFoundPage(page);
      await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toHaveCount(0);
    });
  }

  test('a page outside someone’s scope answers with HTTP status 404', async ({ page }) => {
    await signIn(page, DEMO.tutor);
    const response = await page.goto('/district');
    await expectNotFoundPage(page);
    expect(response?.status()).toBe(404);
  });
});

test('signing out ends the session on the server, not just in the browser', async ({ page, context, browser }) => {
  await signIn(page, DEMO.leader);
  const cookie = await sessionCookie(context);
  expect(cookie, 'a session cookie after signing in').toBeDefined();

  // The copied cookie works on its own while the session is open...
  const before = await browser.newContext();
  await before.addCookies([cookie!]);
  const beforePage = await before.newPage();
  await beforePage.goto('/district');
  await expect(beforePage.getByRole('heading', { level: 1, name: 'District dashboard' })).toBeVisible();
  await before.close();

  const signOut = page.getByRole('button', { name: 'Sign out' });
  await waitForHydration(signOut);
  await signOut.click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();

  // ...and not after signing out, even though it is still correctly signed.
  const after = await browser.newContext();
  await after.addCookies([cookie!]);
  const afterPage = await after.newPage();
  await afterPage.goto('/district');
  await expect(afterPage).toHaveURL(
    (url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/district',
  );
  await expect(afterPage.getByText('District dashboard')).toHaveCount(0);
  await after.close();
});

test.describe('failed sign-ins', () => {
  // Every failure here counts towards the per-address limit (30 in 15 minutes)
  // that all sign-in tests share: 7 per project, 14 per run.

  test('say the same thing for an unknown email and a wrong password', async ({ page, context }, testInfo) => {
    await page.goto('/login');
    await submitSignInForm(page, `nobody-${testInfo.project.name}@district.example`, 'demo1234');
    await expect(pageAlert(page)).toHaveText(SIGN_IN_FAILED);

    await page.reload();
    await expect(pageAlert(page)).toHaveCount(0);
    // An account no other test signs in to, so its one failure bothers nobody.
    await submitSignInForm(page, 'coordinator4@district.example', 'not-the-password');
    await expect(pageAlert(page)).toHaveText(SIGN_IN_FAILED);

    await expect(page).toHaveURL((url) => url.pathname === '/login');
    expect(await sessionCookie(context)).toBeUndefined();
    expect(page.url()).not.toContain('not-the-password');
  });

  test('after five wrong passwords, even the right one is refused for a while', async ({
    page,
    context,
    browser,
  }, testInfo) => {
    // One account per project: both projects share one server and database.
    const index = ['laptop', 'tablet'].indexOf(testInfo.project.name);
    expect(index, `a throttling account for project ${testInfo.project.name}`).toBeGreaterThanOrEqual(0);
    const email = `coordinator${5 + index}@district.example`;

    // The account works with its password to begin with.
    expect(await homePathOf(browser, email)).toMatch(/^\/sites\//);

    await page.goto('/login');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignInForm(page, email, `wrong-${attempt}`);
      await expect(pageAlert(page), `attempt ${attempt}`).toHaveText(SIGN_IN_FAILED);
    }
    await submitSignInForm(page, email, 'demo1234');
    await expect(pageAlert(page)).toHaveText(/^Too many sign-in attempts/);
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    expect(await sessionCookie(context)).toBeUndefined();
  });
});

test('pages carry the security headers, with a fresh script nonce each time', async ({ page }) => {
  const response = await page.goto('/login');
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `a script nonce in "${csp}"`).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');

  // The page's own scripts carry that nonce (or the policy would block them).
  const scriptNonces = await page
    .locator('script')
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  const again = await page.goto('/login');
  expect(again?.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
  await signIn(page, DEMO.tutor);
  const cookie = await sessionCookie(context);
  expect(cookie).toMatchObject({ name: SESSION_COOKIE, httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
});
