// A district admin imports a OneRoster export: upload, read the preview (counts
// and row-by-row problems), apply, see what was written. Runs on the laptop and
// the tablet against one database, so the second run re-imports the same files.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  expectNoAxeViolations,
  expectTouchTargets,
  navLink,
  pageAlert,
  startSession,
  waitForHydration,
} from './helpers';
import { generateRoster } from '../setup/roster-files';

const LEPO_EN = path.resolve('tests/fixtures/oneroster/lepo-roster-hub-v1p1/en');
const FILES = [
  'manifest.csv',
  'orgs.csv',
  'users.csv',
  'classes.csv',
  'courses.csv',
  'enrollments.csv',
  'academicSessions.csv',
].map((f) => path.join(LEPO_EN, f));

async function statValue(page: Page, label: string): Promise<number> {
  const text = await page
    .getByRole('main')
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]')
    .textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

test('an admin uploads a OneRoster export, reviews the preview and applies it', async ({ page }) => {
  await startSession(page, DEMO.admin);
  await navLink(page, 'Imports').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Columns of the supports and screener CSV' }).getByText('tested_on'),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);

  const upload = page.getByRole('form', { name: 'Upload files' });
  await waitForHydration(upload.getByRole('button', { name: 'Upload and preview' }));
  await upload.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(pageAlert(page)).toHaveText('Choose the files to upload.');

  await upload.getByLabel('OneRoster roster').check();
  await upload.getByLabel('Files', { exact: true }).setInputFiles(FILES);
  await upload.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(/\/district\/imports\?batch=[0-9a-f-]{36}$/);

  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByRole('heading', { name: 'What applying would change' })).toBeVisible();
  const added = await statValue(page, 'New students');
  const unchanged = await statValue(page, 'Unchanged');
  expect(added + unchanged, 'the 18 students of the sample school').toBe(18);
  expect(await statValue(page, 'Withdrawn')).toBe(0);
  await expect(preview.getByText(/OneRoster 1\.1, a full \(bulk\) file/)).toBeVisible();
  await expect(
    preview.getByText('2 teachers and staff in the files are listed as tutor candidates', { exact: false }),
  ).toBeVisible();
  const problems = preview.getByRole('table', { name: 'Problems found in the files' });
  await expect(
    problems
      .getByRole('row')
      .filter({ hasText: 'manifest.csv' })
      .filter({ hasText: 'Property "fiel.demographics" read as "file.demographics".' }),
  ).toHaveCount(1);
  await expect(problems.getByRole('row').filter({ hasText: /enrolled in classes as teacher/ })).toHaveCount(2);
  await expect(preview.getByRole('heading', { name: /^Problems: 0 errors, \d+ warnings$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);

  await preview.getByRole('button', { name: 'Apply import' }).click();
  const done = preview
    .getByRole('status')
    .filter({ hasText: /^Applied:/ })
    .first();
  await expect(done).toContainText(added === 18 ? '18 students added' : '0 students added, 0 updated, 0 withdrawn');
  await expect(preview.getByText('Applied', { exact: true })).toBeVisible();
  await expect(preview.getByRole('button', { name: 'Apply import' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Recent imports' }).getByRole('row').nth(1)).toContainText('Applied');
  await expectNoAxeViolations(page);

  // The file's two teachers are tutor candidates on the Users page: added only by a person, prefilled.
  await navLink(page, 'Users').click();
  const candidates = page.getByRole('table', { name: 'Tutor candidates from the roster' });
  await expect(candidates.getByRole('rowheader', { name: 'GN 01 FN 01' })).toBeVisible();
  await expectNoAxeViolations(page);
  await candidates.getByRole('link', { name: 'Add GN 01 FN 01 as a tutor' }).click();
  const form = page.getByRole('form', { name: 'New user' });
  await expect(form.getByLabel('Name')).toHaveValue('GN 01 FN 01');
  await expect(form.getByLabel('Email')).toHaveValue('user01@sample-u.ac.jp');
});

test('the supports template downloads as CSV, and only for people who import', async ({ page, request }) => {
  await startSession(page, DEMO.admin);
  const response = await page.request.get('/api/imports/template');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  expect(response.headers()['content-disposition']).toContain('supports-and-screeners-example.csv');
  expect((await response.text()).split('\n')[0]).toContain('sis_id,multilingual_learner');
  const signedOut = await request.get('/api/imports/template', { maxRedirects: 0 });
  expect([302, 307, 401]).toContain(signedOut.status());
});

test('a coordinator imports for their own site from the site menu', async ({ page }) => {
  const site = await startSession(page, DEMO.coordinator);
  await navLink(page, 'Imports').click();
  await expect(page).toHaveURL((url) => url.pathname === `${site}/imports`);
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await expect(page.getByText(/Rows for other schools are reported and skipped/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the example CSV' })).toHaveAttribute(
    'href',
    '/api/imports/template',
  );
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
});

test('a full file naming only a few of a site’s students is applied only once the withdrawals are confirmed', async ({
  page,
}) => {
  // One generated school for both runs (laptop, then tablet): the second run re-enrols its students first.
  const school = { sourcedId: 'e2e-zeta', identifier: 'ZETA900', name: 'Zeta Partial-Export School' };
  const spec = { schools: [school], students: 20, sisId: (n: number) => `ZETA${String(n).padStart(4, '0')}` };
  const asFiles = (files: Record<string, string>) =>
    Object.entries(files).map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) }));
  await startSession(page, DEMO.admin);
  const stage = async (files: Record<string, string>) => {
    await page.goto('/district/imports');
    const upload = page.getByRole('form', { name: 'Upload files' });
    await waitForHydration(upload.getByRole('button', { name: 'Upload and preview' }));
    await upload.getByLabel('OneRoster roster').check();
    await upload.getByLabel('Files', { exact: true }).setInputFiles(asFiles(files));
    await upload.getByRole('button', { name: 'Upload and preview' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByRole('heading', { name: 'What applying would change' })).toBeVisible({
      timeout: 30_000,
    });
    await waitForHydration(preview.getByRole('button', { name: 'Apply import' }));
    return preview;
  };
  const whole = await stage(generateRoster(spec));
  await whole.getByRole('button', { name: 'Apply import' }).click();
  await expect(
    whole
      .getByRole('status')
      .filter({ hasText: /^Applied:/ })
      .first(),
  ).toBeVisible({ timeout: 30_000 });

  // The same school again, naming 3 of its 20 students: a partial export sent as a full one.
  const partial = await stage(generateRoster({ ...spec, omit: new Set([...Array(17).keys()].map((i) => i + 4)) }));
  expect(await statValue(page, 'Withdrawn')).toBe(17);
  const warning = `17 of Zeta Partial-Export School's 20 active students (85%)`;
  await expect(partial.getByText(`applying it withdraws ${warning}`, { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
  await partial.getByRole('button', { name: 'Apply import' }).click();
  await expect(partial.getByText(`This full file would withdraw ${warning}`, { exact: false })).toBeVisible();
  await expect(partial.getByRole('button', { name: 'Apply import' })).toBeVisible(); // nothing applied
  await partial.getByLabel(`Yes, withdraw ${warning}`).check();
  await partial.getByRole('button', { name: 'Apply import' }).click();
  await expect(
    partial
      .getByRole('status')
      .filter({ hasText: /^Applied:/ })
      .first(),
  ).toContainText('17 withdrawn', {
    timeout: 30_000,
  });
});

test('classes in the roster show as each student’s homeroom and periods on their page', async ({ page }) => {
  const school = { sourcedId: 'e2e-kappa', identifier: 'KAPPA900', name: 'Kappa Class-Schedule School' };
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  const files = {
    'orgs.csv': csv([
      ['sourcedId', 'name', 'type', 'identifier'],
      [school.sourcedId, school.name, 'school', school.identifier],
    ]),
    'users.csv': csv([
      ['sourcedId', 'orgSourcedIds', 'role', 'givenName', 'familyName', 'identifier', 'email', 'grades'],
      ['kappa-s1', school.sourcedId, 'student', 'Kira', 'Quill', 'KAPPA0001', '', '04'],
      ['kappa-t1', school.sourcedId, 'teacher', 'Tia', 'Kim', 'KT1', 'tia.kim@kappa.example', ''],
      ['kappa-t2', school.sourcedId, 'teacher', 'Tom', 'Lee', 'KT2', 'tom.lee@kappa.example', ''],
    ]),
    'classes.csv': csv([
      ['sourcedId', 'title', 'classType', 'schoolSourcedId', 'location', 'periods'],
      ['kappa-hr', 'Homeroom 4A', 'homeroom', school.sourcedId, '12', ''],
      ['kappa-math', 'Math 4', 'scheduled', school.sourcedId, '104', '2'],
    ]),
    'enrollments.csv': csv([
      ['sourcedId', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary'],
      ['kappa-e1', 'kappa-hr', school.sourcedId, 'kappa-s1', 'student', 'false'],
      ['kappa-e2', 'kappa-math', school.sourcedId, 'kappa-s1', 'student', 'false'],
      ['kappa-e3', 'kappa-hr', school.sourcedId, 'kappa-t1', 'teacher', 'true'],
      ['kappa-e4', 'kappa-math', school.sourcedId, 'kappa-t2', 'teacher', 'true'],
    ]),
  };
  await startSession(page, DEMO.admin);
  await page.goto('/district/imports');
  const upload = page.getByRole('form', { name: 'Upload files' });
  await waitForHydration(upload.getByRole('button', { name: 'Upload and preview' }));
  await upload.getByLabel('OneRoster roster').check();
  await upload
    .getByLabel('Files', { exact: true })
    .setInputFiles(
      Object.entries(files).map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })),
    );
  await upload.getByRole('button', { name: 'Upload and preview' }).click();
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByText('2 classes and 2 student enrollments', { exact: false })).toBeVisible({
    timeout: 30_000,
  });
  await waitForHydration(preview.getByRole('button', { name: 'Apply import' }));
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(
    preview
      .getByRole('status')
      .filter({ hasText: /^Applied:/ })
      .first(),
  ).toBeVisible({ timeout: 30_000 });

  // The coordinator's way in: the site's students, then the student's page.
  await page.goto('/sites');
  await page.getByRole('main').getByRole('link', { name: school.name }).click();
  await navLink(page, 'Students').click();
  await page.getByRole('link', { name: 'Quill, Kira' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kira Quill' })).toBeVisible();
  const classes = page.getByRole('region', { name: 'Homeroom and classes' });
  await expect(classes.getByText('Homeroom 4A · Tia Kim · Room 12')).toBeVisible();
  const row = classes.getByRole('table', { name: 'Classes by period' }).getByRole('row', { name: /Math 4/ });
  await expect(row.getByRole('cell')).toHaveText(['P2', 'Tom Lee', '104']);
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
});
