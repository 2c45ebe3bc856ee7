// The district's probe measures: an admin adds one, corrects it and folds a second
// spelling into it; a coordinator's new group offers it for its subject only.
import { expect, test } from '@playwright/test';
import { withDatabase } from './database';
import { DEMO, expectNoAxeViolations, expectTouchTargets, navLink, startSession, waitForHydration } from './helpers';

test('an admin keeps the measure list: adds, renames and merges; the group form offers it by subject', async ({
  page,
}, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now().toString(36)}`;
  await startSession(page, DEMO.admin);
  await navLink(page, 'Measures').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Probe measures' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^\d+ measures$/ }).getByText('Place value /15')).toBeVisible();
  const add = page.getByRole('form', { name: 'Add a measure' });
  await waitForHydration(add.getByRole('button', { name: 'Add measure' }));
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);

  // A refused add keeps what was typed and puts focus on the field to fix.
  const name = `E2E decimals ${stamp} /12`;
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Subject').selectOption('MATH');
  await add.getByLabel('Maximum score (optional)').fill('12');
  await add.getByLabel('Benchmark (optional)').fill('13');
  await add.getByLabel('Which way is better').selectOption('HIGHER_IS_BETTER');
  await add.getByRole('button', { name: 'Add measure' }).click();
  await expect(add.getByText('The benchmark cannot be above the maximum score (12).')).toBeVisible();
  await expect(add.getByLabel('Benchmark (optional)')).toBeFocused();
  await add.getByLabel('Benchmark (optional)').fill('10');
  await add.getByRole('button', { name: 'Add measure' }).click();
  await expect(add.getByText(`Added ${name} to the Math measures (higher is better).`)).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row).toContainText('12');
  await expect(row).toContainText('10');

  // A second spelling, then folded into the first.
  const other = `E2E decimals ${stamp} (old)`;
  await add.getByLabel('Name').fill(other);
  await add.getByLabel('Subject').selectOption('MATH');
  await add.getByLabel('Which way is better').selectOption('HIGHER_IS_BETTER');
  await add.getByRole('button', { name: 'Add measure' }).click();
  await expect(add.getByText(`Added ${other} to the Math measures (higher is better).`)).toBeVisible();
  await page.getByRole('link', { name: other }).click();
  await expect(page.getByRole('heading', { level: 1, name: other })).toBeVisible();
  const merge = page.getByRole('form', { name: `Merge ${other} into another measure` });
  await waitForHydration(merge.getByRole('button', { name: 'Merge' }));
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
  await merge.getByLabel('Merge into').selectOption({ label: name });
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText('The measures were merged.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: other })).toHaveCount(0);

  // Renamed: the new name is what the list and every group show.
  await page.getByRole('link', { name }).click();
  const edit = page.getByRole('form', { name: `Edit ${name}` });
  await waitForHydration(edit.getByRole('button', { name: 'Save measure' }));
  const renamed = `E2E decimal place value ${stamp} /12`;
  await edit.getByLabel('Name').fill(renamed);
  await edit.getByRole('button', { name: 'Save measure' }).click();
  // The page now carries the new name: its heading and the form.
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByRole('form', { name: `Edit ${renamed}` }).getByText(`Saved ${renamed}.`)).toBeVisible();
  const kept = await withDatabase(async (db) => {
    const { rows } = await db.query<{ name: string; benchmark: string }>(
      `SELECT name, benchmark::text AS benchmark FROM probe_measure WHERE name LIKE $1`,
      [`E2E %${stamp}%`],
    );
    return rows;
  });
  expect(kept).toEqual([{ name: renamed, benchmark: '10.00' }]);

  // The coordinator's new group offers the measure for Math, not for ELA.
  await page.context().clearCookies();
  await startSession(page, DEMO.coordinator);
  await navLink(page, 'Groups').click();
  await page.getByRole('link', { name: 'New group' }).first().click();
  const form = page.getByRole('form', { name: 'New group' });
  await waitForHydration(form.getByRole('button', { name: 'Create group' }));
  const measure = form.getByLabel('Probe measure');
  await form.getByLabel('Subject').selectOption('MATH');
  await expect(measure.locator('option', { hasText: renamed })).toHaveCount(1);
  await expect(measure.locator('option', { hasText: `${renamed} · out of 12 · benchmark 10` })).toHaveCount(1);
  await form.getByLabel('Subject').selectOption('ELA');
  await expect(measure.locator('option', { hasText: renamed })).toHaveCount(0);
  await expect(measure.locator('option', { hasText: 'Multisyllabic words read correctly /25' })).toHaveCount(1);
});
