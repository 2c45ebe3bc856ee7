// Shared steps for the browser tests: signing in through the real form, reading
// the session cookie, finding sites, and the accessibility check.
import AxeBuilder from '@axe-core/playwright';
import { encode } from 'next-auth/jwt';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Cookie,
  type Locator,
  type Page,
} from '@playwright/test';
import { withDatabase } from './database';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO = {
  admin: 'admin@district.example',
  leader: 'leader@district.example',
  coordinator: 'coordinator@district.example',
  tutor: 'tutor@district.example',
} as const;

/** next-auth's session cookie over plain http (https would add the __Secure- prefix). */
export const SESSION_COOKIE = 'next-auth.session-token';

export const SIGN_IN_FAILED = 'Email or password is incorrect.';

const SITE_PATH = /^\/sites\/[0-9a-f-]{36}$/;

/**
 * Waits until React has hydrated a control: clicked before that, the sign-in
 * button would submit the bare HTML form (a POST to /login that only reloads it)
 * and an SSO button would do nothing at all.
 */
export async function waitForHydration(control: Locator): Promise<void> {
  await expect
    .poll(() => control.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))), {
      message: 'the page hydrates',
    })
    .toBe(true);
}

/** Types into the sign-in form on the current page and submits it; waits for the answer. */
export async function submitSignInForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await waitForHydration(submit);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const answer = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/auth/callback/credentials',
  );
  await submit.click();
  await answer;
}

/**
 * Signs in through the form (on /login, or on the page already showing it, so a
 * callbackUrl is kept) and waits until the app has moved on; returns where it landed.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<string> {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await submitSignInForm(page, email, password);
  // The form sends the person to the callback (else "/", which redirects to their home).
  await expect(page).toHaveURL((url) => url.pathname !== '/login' && url.pathname !== '/');
  return new URL(page.url()).pathname;
}

/** The secret the browser tests' server signs session cookies with (./server.ts). */
const E2E_SECRET = process.env.NEXTAUTH_SECRET ?? 'e2e-only-secret-not-for-production-use';

/**
 * Signs in by creating the session the sign-in form would create (an auth_session row,
 * and the signed cookie that names it), then opens the app's home; returns where the
 * person landed. For tests about something other than signing in: the tests of
 * sign-in itself go through the form (signIn).
 */
export async function startSession(page: Page, email: string): Promise<string> {
  const { sid, userId } = await withDatabase(async (db) => {
    const { rows } = await db.query<{ sid: string; userId: string }>(
      `INSERT INTO auth_session (id, "userId", method, "expiresAt")
       SELECT gen_random_uuid(), id, 'password', now() + interval '12 hours' FROM app_user WHERE email = $1 AND active
       RETURNING id AS sid, "userId"`,
      [email],
    );
    if (!rows[0]) throw new Error(`No active user ${email} to start a session for`);
    return rows[0];
  });
  const value = await encode({ token: { sid, sub: userId }, secret: E2E_SECRET, maxAge: 12 * 60 * 60 });
  const origin = new URL(page.url().startsWith('http') ? page.url() : test.info().project.use.baseURL!).origin;
  await page
    .context()
    .addCookies([{ name: 'next-auth.session-token', value, url: origin, httpOnly: true, sameSite: 'Lax' }]);
  await page.goto('/');
  await expect(page).toHaveURL((url) => url.pathname !== '/login' && url.pathname !== '/');
  return new URL(page.url()).pathname;
}

/** Where someone lands after signing in, from a throwaway browser context. */
export async function homePathOf(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext();
  try {
    return await signIn(await context.newPage(), email);
  } finally {
    await context.close();
  }
}

/** Every site's id, from the district admin's list of sites. */
export async function allSiteIds(browser: Browser): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, DEMO.admin);
    await page.goto('/sites');
    const hrefs = await page
      .getByRole('main')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const ids = hrefs.filter((href) => SITE_PATH.test(href)).map((href) => href.split('/')[2]!);
    expect(ids.length, 'the demo district has several sites').toBeGreaterThan(1);
    return ids;
  } finally {
    await context.close();
  }
}

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** A message the page shows in an alert (not Next's empty route announcer, also role=alert). */
export function pageAlert(page: Page): Locator {
  return page.getByRole('main').getByRole('alert');
}

/** The signed-in shell's main menu. */
export function primaryNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Primary' });
}

/** The link to a menu item, by its exact label ("Students" is not "My students"). */
export function navLink(page: Page, label: string): Locator {
  return primaryNav(page).getByRole('link', { name: label, exact: true });
}

/** The not-found page, and nothing of the signed-in app around it. */
export async function expectNotFoundPage(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(primaryNav(page)).toHaveCount(0);
  // Next marks a notFound() page noindex (twice when the response was streaming).
  await expect(page.locator('meta[name="robots"][content~="noindex"]').first()).toBeAttached();
}

/**
 * Every visible control a finger might press is at least 44 px tall (and wide, with
 * `width`), in the page's main content or, with `within: 'page'`, anywhere. A
 * checkbox or radio is pressed through its label, which carries the size; an inline
 * link in running text is sized by its sentence.
 */
export async function expectTouchTargets(
  page: Page,
  options: { within?: 'main' | 'page'; width?: boolean } = {},
): Promise<void> {
  const { within = 'main', width = false } = options;
  const small = await page.evaluate(
    ({ within, width }) => {
      const scope = within === 'main' ? 'main ' : '';
      const selector = ['button', 'a[href]', 'input:not([type=hidden])', 'select', 'textarea', 'summary']
        .map((s) => scope + s)
        .join(', ');
      return [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.offsetParent !== null && !el.closest('.sr-only') && el.getBoundingClientRect().width > 0)
        .filter((el) => {
          const box = el.getBoundingClientRect();
          const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline';
          const choice = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
          return !inline && !choice && (box.height < 44 || (width && box.width < 44));
        })
        .map(
          (el) =>
            `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`,
        );
    },
    { within, width },
  );
  expect(small).toEqual([]);
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
