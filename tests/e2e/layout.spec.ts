// Every page fits the screen it is read on: at a 1280 px laptop and a 768 px upright
// tablet no page is wider than its window (wide tables scroll inside their own box,
// say so, and keep their first column in view), and nothing fails axe at either size.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, startSession, waitForHydration } from './helpers';

const WIDTHS = [1280, 768] as const;

async function expectFits(page: Page, path: string, width: number) {
  await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const sizes = await page.evaluate(() => {
    const main = document.querySelector('main')!;
    return {
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      main: main.scrollWidth,
      mainBox: main.clientWidth,
    };
  });
  expect(sizes.page, `${path} at ${width} px: the page is no wider than the window`).toBeLessThanOrEqual(sizes.window);
  expect(sizes.main, `${path} at ${width} px: the main content is no wider than its box`).toBeLessThanOrEqual(
    sizes.mainBox,
  );
}

test('a leader’s and an admin’s pages fit a laptop and an upright tablet', async ({ page }) => {
  test.slow();
  await startSession(page, DEMO.admin);
  await page.goto('/sites');
  const site = (await page.getByRole('main').getByRole('link').first().getAttribute('href'))!;
  const paths = [
    '/district',
    '/district/todo',
    '/district/equity',
    '/district/weekly-review',
    '/district/costs',
    '/district/users',
    '/district/measures',
    '/district/audit-log',
    site,
    `${site}/students`,
    `${site}/waitlist`,
    `${site}/waitlist?view=all`,
    `${site}/groups`,
    `${site}/tutors`,
    `${site}/follow-up`,
    `${site}/dashboard`,
    `${site}/weekly-review`,
  ];
  for (const width of WIDTHS) for (const path of paths) await expectFits(page, path, width);

  // The equity tables are wide: at 768 px they say so, and their first column stays in view.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/district/equity');
  const cue = page.getByText('More columns to the right: scroll sideways').first();
  await expect(cue).toBeVisible();
  const region = page.getByRole('region').filter({ has: cue }).first();
  const header = region.locator('th[scope="row"]').first();
  const before = await header.boundingBox();
  await region.evaluate((el) => el.scrollBy({ left: 400 }));
  await expect.poll(async () => (await header.boundingBox())!.x).toBe(before!.x);
  await expectNoAxeViolations(page);
});

test('a tutor’s pages fit a laptop and an upright tablet', async ({ page }) => {
  await startSession(page, DEMO.tutor);
  for (const width of WIDTHS)
    for (const path of ['/tutor', '/tutor/week', '/tutor/students']) await expectFits(page, path, width);
  // My students at 768 px: every column, Flags included, is on screen or scrolls with its cue.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/tutor/students');
  const flags = page.getByRole('columnheader', { name: 'Flags' });
  const cue = page.getByText('More columns to the right: scroll sideways');
  if (!(await flags.isVisible()) || (await flags.boundingBox())!.x + 10 > 768) await expect(cue.first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('on an upright tablet the district’s sites sort by any column, say which are off track, and the chart legend reads', async ({
  page,
}) => {
  await startSession(page, DEMO.leader);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/district');
  const sites = page.getByRole('table', { name: /^Sites/ });
  await expect(sites.getByRole('columnheader', { name: /On track/ })).toBeVisible();
  const doseRate = sites.getByRole('columnheader', { name: /^Dose rate/ });
  await waitForHydration(doseRate.getByRole('button'));
  await doseRate.getByRole('button').click();
  await expect(doseRate).toHaveAttribute('aria-sort', 'descending');
  const rates = (await sites.getByRole('row').locator('td:nth-child(5)').allTextContents())
    .map((t) => Number.parseInt(t, 10))
    .filter((n) => !Number.isNaN(n));
  expect(rates.length).toBeGreaterThan(1);
  expect(rates).toEqual([...rates].sort((x, y) => y - x));
  await doseRate.getByRole('button').click();
  await expect(doseRate).toHaveAttribute('aria-sort', 'ascending');
  // The sort control is a full-size touch target at this width too.
  expect((await doseRate.getByRole('button').boundingBox())!.height).toBeGreaterThanOrEqual(44);
  const legend = page.locator('.recharts-legend-item-text > span').filter({ hasText: 'Scheduled minutes' }).first();
  await expect(legend).toHaveCSS('color', 'rgb(51, 65, 85)');
  await expectNoAxeViolations(page);
});
