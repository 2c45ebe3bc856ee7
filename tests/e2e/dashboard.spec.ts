// A district leader filters the weekly dashboard, drills from the district to one
// student, and downloads a table as CSV. One pass, laptop only (budget).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { withDatabase } from './database';
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

test('a slow district view that lags says how old its figures are, then catches up', async ({ page }) => {
  test.slow();
  await startSession(page, DEMO.leader);
  // A view nobody asked for yet: the page computes it, and the snapshot keeper builds its snapshot.
  await page.goto('/district?subject=ELA');
  await expect(page.getByRole('heading', { level: 1, name: 'District dashboard' })).toBeVisible();
  const label = `district dashboard %"subject":"ELA"%`;
  await expect
    .poll(
      () =>
        withDatabase(
          async (db) =>
            (await db.query('SELECT count(*)::int AS n FROM metrics_snapshot WHERE label LIKE $1', [label])).rows[0].n,
        ),
      { timeout: 30_000 },
    )
    .toBe(1);
  // As on a large district: the build took 2 s, and a write it does not see arrived (the
  // keeper leaves a young snapshot alone while writes may still come, so this page meets the lag).
  await withDatabase(async (db) => {
    await db.query(`UPDATE metrics_snapshot SET "buildMs" = 2000 WHERE label LIKE $1`, [label]);
    await db.query(
      `INSERT INTO metrics_change (xid, "weekStart") VALUES (pg_current_xact_id()::text::bigint, '-infinity')`,
    );
  });
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: /These figures were computed \d+ seconds? ago/ });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Entries made since then are being added');
  await expectNoAxeViolations(page);
  // Once the snapshot is half a minute old (or the writes it misses have stopped that long),
  // the keeper rebuilds it: the page is current again, well within the minute it promises.
  await expect
    .poll(
      async () => {
        await page.reload();
        return notice.count();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(0);
});
