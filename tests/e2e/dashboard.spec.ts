// A district leader filters the weekly dashboard, drills from the district to one
// student, and downloads a table as CSV. One pass, laptop only (budget).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, startSession, waitForHydration } from './helpers';

test('a leader filters, drills down to a student and downloads a CSV', async ({ page }) => {
  test.slow();
  expect(await startSession(page, DEMO.leader)).toBe('/district');
  await expect(page.getByRole('heading', { level: 1, name: 'District dashboard' })).toBeVisible();

  // The sites come right after the headline figures, sort by any column, and say which are off track.
  const headings = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  expect(headings.indexOf('Sites')).toBe(headings.indexOf('Headline figures') + 1);
  const sites = page.getByRole('table', { name: /^Sites/ });
  await expect(sites.getByRole('columnheader', { name: /On track/ })).toBeVisible();
  const doseRate = sites.getByRole('columnheader', { name: /^Dose rate/ });
  await waitForHydration(doseRate.getByRole('button'));
  await doseRate.getByRole('button').click();
  await expect(doseRate).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('table', { name: 'Sites, sorted by Dose rate (descending)' })).toBeVisible();
  const rates = (await sites.getByRole('row').locator('td:nth-child(5)').allTextContents())
    .map((t) => Number.parseInt(t, 10))
    .filter((n) => !Number.isNaN(n));
  expect(rates.length).toBeGreaterThan(1);
  expect(rates).toEqual([...rates].sort((x, y) => y - x));
  await doseRate.getByRole('button').click();
  await expect(doseRate).toHaveAttribute('aria-sort', 'ascending');
  await expectNoAxeViolations(page);

  // Filter by subject and one site: a plain GET form, so the view is a link.
  const filters = page.getByRole('search', { name: 'Filter the dashboard' });
  await filters.getByLabel('Subject').selectOption('MATH');
  const site = filters.getByLabel('Site');
  const siteName = (await site.locator('option').nth(1).textContent())!;
  await site.selectOption({ label: siteName });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('subject') === 'MATH' && Boolean(url.searchParams.get('site')),
  );
  await expect(page.getByRole('table', { name: 'Dose scheduled and delivered by week' })).toBeVisible();
  await expectNoAxeViolations(page);
  // The chart's legend reads in the page's text colour (slate-700, 10:1), not the light bar colour.
  const legend = page.locator('.recharts-legend-item-text > span').filter({ hasText: 'Scheduled minutes' }).first();
  await expect(legend).toHaveCSS('color', 'rgb(51, 65, 85)');

  // District → site → group → student, the filters carried along.
  await page
    .getByRole('table', { name: /^Sites/ })
    .getByRole('link', { name: siteName })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `${siteName}: dashboard` })).toBeVisible();
  await expect(page).toHaveURL((url) => url.searchParams.get('subject') === 'MATH');
  await page.getByRole('table', { name: 'Groups at this site' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /: dashboard$/ })).toBeVisible();
  await page
    .getByRole('table', { name: /^Students in this group/ })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Dose ledger' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Dose ledger/ }).getByRole('row')).not.toHaveCount(0);
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Download CSV: Dose ledger/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^student-ledger-[0-9-]+\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split('\r\n')[0]).toBe('Date,Group,What happened,Scheduled (min),Delivered (min),Tutor');
  expect(csv.split('\r\n').length).toBeGreaterThan(3);
});
