// The weekly review as a district leader opens it from the menu: accessible, and
// clean on paper (no navigation or buttons when printed). The cost view loads with
// its tables. Laptop only (playwright.config.ts): neither depends on the screen (CI time is tight).
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, navLink, primaryNav, startSession } from './helpers';

test('a leader reviews last week, prints it, and opens the costs', async ({ page }) => {
  await startSession(page, DEMO.leader);
  await navLink(page, 'Weekly review').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weekly operating review' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Headline figures' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Tutors with many cancellations/ })).toBeVisible();
  const print = page.getByRole('button', { name: 'Print' });
  await expect(print).toBeVisible();
  await expectNoAxeViolations(page);

  await page.emulateMedia({ media: 'print' });
  await expect(primaryNav(page)).toBeHidden();
  await expect(print).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show week' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Headline figures' })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await navLink(page, 'Costs').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tutoring costs' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Tutor cost by site' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Tutor cost by provider/ })).toBeVisible();
});
