// A district leader opens Equity and Exports from the menu: accessible, every table
// captioned, small cells shown as "n<10", and both downloads arrive as CSV files.
// Laptop only (playwright.config.ts: the pages do not change with the screen; CI time is tight).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, navLink, startSession } from './helpers';

test('a leader reads the equity tables and downloads one, then the per-student export', async ({ page }) => {
  await startSession(page, DEMO.leader);
  await navLink(page, 'Equity').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Equity' })).toBeVisible();
  const race = page.getByRole('table', { name: /^Race\/ethnicity: access/ });
  await expect(race).toBeVisible();
  await expect(race.getByRole('rowheader', { name: 'All students' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Site: access/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/equity-page.png', fullPage: true });

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download CSV: Race\/ethnicity/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^equity-raceethnicity-.*\.csv$/);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text.split('\r\n')[1]).toMatch(/^All students,/);

  await navLink(page, 'Exports').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
  await expectNoAxeViolations(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download per-student CSV' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^students-.*\.csv$/);
  const content = readFileSync((await file.path())!, 'utf8');
  expect(content.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets').toBe(true);
  const lines = content.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe(
    'student_sis_id,site_code,subject,group_id,dose_scheduled_minutes,dose_delivered_minutes,sessions_scheduled,sessions_attended,latest_score,goal,met_goal',
  );
  expect(lines.length).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/exports-page.png', fullPage: true });
});
