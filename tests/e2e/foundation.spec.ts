// The signed-out landing page and the shared visual base, on a laptop and a tablet.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectTouchTargets, SIGN_IN_FAILED, startSession, waitForHydration } from './helpers';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the landing page offers an accessible sign-in form', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Tutoring Ops');
  await expect(page.getByRole('heading', { level: 1, name: 'Tutoring Ops' })).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('type', 'email');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page, { within: 'page', width: true });
});

test('the sign-in form is usable from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page.getByRole('button', { name: 'Sign in', exact: true }));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /skip to/i })).toBeFocused();
  await page.getByLabel('Email', { exact: true }).focus();
  await page.keyboard.type('tutor@district.example');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  // A wrong password is said out loud, and the password never reaches the address bar.
  await expect(page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED })).toBeVisible();
  expect(page.url()).not.toContain('not-the-password');
  await page.getByLabel('Password', { exact: true }).fill('');
  await page.getByLabel('Password', { exact: true }).focus();
  await page.keyboard.type('demo1234');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((url) => url.pathname === '/tutor');
  expect(page.url()).not.toContain('demo1234');
});

test('the style guide shows the shared components without accessibility problems', async ({ page }) => {
  await page.goto('/styleguide');
  await expect(page).toHaveTitle('Style guide · Tutoring Ops');
  await expect(page.getByRole('navigation').first()).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page, { within: 'page', width: true });
});

test('signed out, an unknown address asks the person to sign in (no hint of which pages exist)', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page).toHaveURL((url) => url.pathname === '/login');
});

test('an unknown address shows a helpful not-found page with status 404', async ({ page }) => {
  await startSession(page, DEMO.leader);
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the app reaches its database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', database: 'up' });
  // The metrics fact worker runs inside the server and reports itself here.
  expect(body.facts).toMatchObject({ worker: 'running', lastError: null });
  expect(typeof body.facts.stalePairs).toBe('number');
  // So does the snapshot keeper (lib/snapshots): once its first round is done, it keeps at
  // least the district pages' four default views.
  expect(body.snapshots).toMatchObject({ keeper: 'running', lastError: null });
  await expect
    .poll(async () => (await (await request.get('/api/health')).json()).snapshots.kept, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(4);
});
