// A coordinator's day starts on the to-do queue: a past session its tutor never logged
// is logged for them from the queue, with the reason why, and leaves the queue.
import { expect, test } from '@playwright/test';
import { withDatabase } from './database';
import {
  DEMO,
  expectNoAxeViolations,
  expectTouchTargets,
  navLink,
  primaryNav,
  startSession,
  waitForHydration,
} from './helpers';

test('a coordinator logs a past session for its tutor from the to-do queue, saying why', async ({ page }) => {
  const landed = await startSession(page, DEMO.coordinator);
  const siteId = landed.split('/')[2]!;
  const queue = page.getByRole('region', { name: /^Past sessions still to log/ });
  // The seed leaves a few past sessions unlogged by chance; make sure of one.
  if ((await queue.count()) === 0) {
    await withDatabase(async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `SELECT s.id FROM session s JOIN tutoring_group g ON g.id = s."groupId"
         WHERE g."siteId" = $1 AND g.status = 'ACTIVE' AND s.status = 'HELD' AND s.date < current_date - 2
         ORDER BY s.date DESC LIMIT 1`,
        [siteId],
      );
      await db.query(`DELETE FROM attendance WHERE "sessionId" = $1`, [rows[0]!.id]);
      await db.query(
        `UPDATE session SET status = 'SCHEDULED', "actualMinutes" = NULL, "deliveredById" = NULL, "loggedAt" = NULL, "loggedById" = NULL WHERE id = $1`,
        [rows[0]!.id],
      );
    });
    await page.reload();
  }
  // Reminding needs a mail server; the browser tests' app has none, and says what to do instead.
  const remind = queue.getByRole('form', { name: /^Remind / }).first();
  await waitForHydration(remind.getByRole('button'));
  await remind.getByRole('button').click();
  await expect(
    remind.getByText(/Email is not set up for this district \(SMTP_URL\).+Call or message the tutor instead\./),
  ).toBeVisible();
  const item = queue.getByRole('link').first();
  const before = (await queue.getByRole('heading', { level: 3 }).textContent())!;
  const href = (await item.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`^/sites/${siteId}/sessions/[0-9a-f-]{36}$`));
  const sessionId = href.split('/').pop()!;
  const tutor = (await item.textContent())!.split(':')[0]!;
  await item.click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Log for ${tutor}: `) })).toBeVisible();
  const form = page.getByRole('form', { name: 'Log this session' });
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
  await form.getByRole('radio', { name: 'Cancelled' }).check();
  await form.getByLabel('Why was it cancelled?').selectOption({ label: 'Tutor absent' });
  const why = 'Tutor’s tablet was broken; from the paper sheet';
  await form.getByLabel(`Why you are logging it for ${tutor}`).fill(why);
  await form.getByRole('button', { name: 'Save log' }).click();

  await expect(page).toHaveURL((url) => url.pathname === `/sites/${siteId}`);
  const after = page.getByRole('region', { name: /^Past sessions still to log/ });
  if ((await after.count()) > 0) expect(await after.getByRole('heading', { level: 3 }).textContent()).not.toBe(before);
  const row = await withDatabase(async (db) => {
    const { rows } = await db.query(
      `SELECT s.status, s."cancellationReason", u.email, a.after->>'onBehalfReason' AS why
       FROM session s JOIN app_user u ON u.id = s."loggedById"
       JOIN audit_event a ON a."entityId" = s.id::text AND a.action = 'sessions.log'
       WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0];
  });
  expect(row).toEqual({ status: 'CANCELLED', cancellationReason: 'TUTOR_ABSENT', email: DEMO.coordinator, why });
});

test('an admin sees every site’s queue with a site column, and reaches each site’s workspace from the menu', async ({
  page,
}) => {
  await startSession(page, DEMO.admin);
  await navLink(page, 'To do').click();
  await expect(page.getByRole('heading', { level: 1, name: 'To do across the district' })).toBeVisible();
  await expect(navLink(page, 'To do')).toHaveAttribute('aria-current', 'page');
  const tables = page.getByRole('main').getByRole('table');
  expect(await tables.count()).toBeGreaterThan(0);
  await expect(tables.first().getByRole('columnheader', { name: 'Site' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);

  // A site's name leads to its workspace, whose menu is now the admin's too.
  const site = tables.first().getByRole('row').nth(1).getByRole('link').first();
  const siteName = (await site.textContent())!.trim();
  await site.click();
  await expect(page.getByRole('heading', { level: 1, name: siteName })).toBeVisible();
  const siteMenu = primaryNav(page).getByRole('list', { name: siteName });
  await expect(siteMenu.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await siteMenu.getByRole('link', { name: 'Waitlist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Waitlist/ })).toBeVisible();
  await expect(siteMenu.getByRole('link', { name: 'Waitlist' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);
});

test('each person chooses the emails that concern them on their account page', async ({ page }) => {
  await startSession(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Emails' });
  const digest = form.getByRole('checkbox', { name: /^Morning to-do list/ });
  await expect(digest).toBeChecked();
  // A coordinator is offered the coordinator's email only.
  await expect(form.getByRole('checkbox')).toHaveCount(1);
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
  await waitForHydration(form.getByRole('button', { name: 'Save' }));
  await digest.uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved. You get no emails from the app.')).toBeVisible();
  await page.reload();
  await expect(form.getByRole('checkbox', { name: /^Morning to-do list/ })).not.toBeChecked();
  const saved = await withDatabase(async (db) => {
    const { rows } = await db.query(`SELECT "notifyDigest" FROM app_user WHERE email = $1`, [DEMO.coordinator]);
    return rows[0];
  });
  expect(saved).toEqual({ notifyDigest: false });
  await form.getByRole('checkbox', { name: /^Morning to-do list/ }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved. You get: morning to-do list.')).toBeVisible();
});

test('a tutor recorded out today leaves their sessions on the queue, with who could cover, until taken back', async ({
  page,
}) => {
  const site = await startSession(page, DEMO.coordinator);
  // A session of the demo tutor's today at 11 PM, not logged (the tutor's own tests log today's others).
  const { tutorName, sessionId } = await withDatabase(async (db) => {
    const { rows } = await db.query<{ name: string; groupId: string; today: string }>(
      `SELECT u.name, g.id AS "groupId", to_char((now() AT TIME ZONE 'America/Chicago')::date, 'YYYY-MM-DD') AS today
       FROM app_user u JOIN tutoring_group g ON g."primaryTutorId" = u.id AND g.status = 'ACTIVE'
       WHERE u.email = $1 ORDER BY g.name LIMIT 1`,
      [DEMO.tutor],
    );
    const { name, groupId, today } = rows[0]!;
    const made = await db.query<{ id: string }>(
      `INSERT INTO session (id, "groupId", date, "startMinute", "plannedMinutes", "startsAt", status, "primaryTutorId", "updatedAt")
       SELECT gen_random_uuid(), $1, $2::date, 1380, 30, ($2::date + time '23:00') AT TIME ZONE 'America/Chicago', 'SCHEDULED',
              (SELECT "primaryTutorId" FROM tutoring_group WHERE id = $1), now()
       RETURNING id`,
      [groupId, today],
    );
    return { tutorName: name, sessionId: made.rows[0]!.id };
  });
  await navLink(page, 'Tutors').click();
  const form = page.getByRole('form', { name: 'Record a tutor out' });
  await waitForHydration(form.getByRole('button', { name: 'Record' }));
  // Checked before saving: the page refreshes its data after a save.
  await expectNoAxeViolations(page);
  await form.getByLabel('Tutor').selectOption({ label: tutorName });
  await form.getByLabel('Out because').selectOption('ABSENT');
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(form.getByText(new RegExp(`^${tutorName} is recorded absent on `))).toBeVisible();
  try {
    await page.goto(site);
    const gaps = page.getByRole('region', { name: /^Sessions today without a tutor/ });
    await expect(gaps.getByRole('link').filter({ hasText: '11:00 PM today' })).toContainText(
      `${tutorName} is absent today; no substitute yet.`,
    );
    await expectTouchTargets(page);

    // Recorded by mistake: the Tutors page takes it back, and the gap leaves the queue.
    await navLink(page, 'Tutors').click();
    const out = page.getByRole('table', { name: 'Tutors recorded out' });
    const row = out.getByRole('row').filter({ hasText: tutorName });
    await expect(row).toContainText('Absent');
    await expectNoAxeViolations(page);
    await expectTouchTargets(page);
    await waitForHydration(row.getByRole('button', { name: 'Remove' }));
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    await page.goto(site);
    await expect(
      page
        .getByRole('region', { name: /^Sessions today without a tutor/ })
        .getByRole('link')
        .filter({ hasText: '11:00 PM today' }),
    ).toHaveCount(0);
  } finally {
    await withDatabase(async (db) => {
      await db.query(`DELETE FROM tutor_absence WHERE "tutorId" = (SELECT id FROM app_user WHERE email = $1)`, [
        DEMO.tutor,
      ]);
      await db.query(`DELETE FROM session WHERE id = $1`, [sessionId]);
    });
  }
});
