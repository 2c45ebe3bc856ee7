// Single sign-on through a real OpenID Provider (./oidc-provider.ts, started by
// ./server.ts): the whole authorization-code round trip with PKCE, as a district's
// identity provider would run it, and the people it must turn away.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, navLink, pageAlert, sessionCookie, waitForHydration } from './helpers';
import { OIDC_ISSUER, OIDC_NAME, UNVERIFIED_PREFIX } from './oidc-provider';

const NOT_SET_UP = 'That account is not set up for Tutoring Ops. Ask your district administrator to add you.';

/** From the app's sign-in page through the provider's login and consent pages. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto('/login');
  const button = page.getByRole('button', { name: `Sign in with ${OIDC_NAME}` });
  await waitForHydration(button);
  await button.click();

  // The provider's own login page: any login name, any password.
  await expect(page).toHaveURL((url) => url.origin === OIDC_ISSUER && url.pathname.startsWith('/interaction/'));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // Consent: the app asks for exactly the scopes it needs.
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^email$/ })).toHaveCount(1);
  await expect(page.getByRole('listitem').filter({ hasText: /^profile$/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('the sign-in page offers the district’s single sign-on', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: `Sign in with ${OIDC_NAME}` })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a tutor signs in through the district’s identity provider and lands on their day', async ({
  page,
  context,
  baseURL,
}) => {
  const authorize = page.waitForRequest((request) => request.url().startsWith(`${OIDC_ISSUER}/auth?`));
  await signInWithSso(page, 'tutor@district.example');

  // The app sent a standard authorization-code request with PKCE and state.
  const params = new URL((await authorize).url()).searchParams;
  expect(
    Object.fromEntries(
      ['client_id', 'response_type', 'scope', 'code_challenge_method', 'redirect_uri'].map((k) => [k, params.get(k)]),
    ),
  ).toEqual({
    client_id: 'tutoring-ops',
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    redirect_uri: `${baseURL}/api/auth/callback/oidc`,
  });
  expect(params.get('state')).toBeTruthy();

  await expect(page).toHaveURL((url) => url.origin !== OIDC_ISSUER && url.pathname === '/tutor');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Taylor Tutor');
  await expect(navLink(page, 'Today')).toBeVisible();
  await expect(navLink(page, 'Users')).toHaveCount(0);
  expect(await sessionCookie(context)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // A real session: a later visit is still signed in.
  await page.goto('/district');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL((url) => url.pathname === '/tutor');
});

async function expectTurnedAway(page: Page) {
  await expect(page).toHaveURL(
    (url) => url.origin !== OIDC_ISSUER && url.pathname === '/login' && url.searchParams.get('error') === 'NoAccount',
  );
  await expect(pageAlert(page)).toHaveText(NOT_SET_UP);
  expect(await sessionCookie(page.context())).toBeUndefined();
  await page.goto('/tutor');
  await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/tutor');
}

test('someone the identity provider knows but the district does not is turned away', async ({ page }) => {
  await signInWithSso(page, 'stranger@elsewhere.example');
  await expectTurnedAway(page);
});

test('an address the identity provider has not verified is turned away, even a real user’s', async ({ page }) => {
  await signInWithSso(page, `${UNVERIFIED_PREFIX}tutor@district.example`);
  await expectTurnedAway(page);
});
