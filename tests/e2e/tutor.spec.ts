// A tutor on a school tablet logs today's session: held, one tap for each student who
// was not simply present, saved, and the day shows it logged.
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, startSession, waitForHydration } from './helpers';

test('a tutor logs today’s session with mixed attendance in a few taps', async ({ page }, testInfo) => {
  await startSession(page, DEMO.tutor);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const sessions = page.getByRole('list', { name: "Today's sessions" }).getByRole('listitem');
  expect(await sessions.count(), 'the demo tutor has two sessions today').toBeGreaterThanOrEqual(2);
  // Each project logs its own session of the day.
  const mine = sessions.nth(testInfo.project.name === 'tablet' ? 1 : 0);
  const title = (await mine.getByRole('heading').textContent())!;
  await mine.getByRole('link', { name: /Log session|Edit log/ }).click();

  const form = page.getByRole('form', { name: 'Log this session' });
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await expect(form.getByRole('radio', { name: 'Held' })).toBeChecked();
  const students = form.getByRole('radiogroup');
  const count = await students.count();
  expect(count).toBeGreaterThanOrEqual(2);
  // Present by default; one tap for the absent one, one tap and the minutes for the late one.
  await students.nth(0).getByText('Absent (excused)').click();
  await students.nth(1).getByText('Late / left early').click();
  // Saved without the late student's minutes: refused, and focus lands on the field to fix.
  const lateMinutes = students.nth(1).getByLabel(/^Minutes .+ attended$/);
  await form.getByRole('button', { name: 'Save log' }).click();
  await expect(lateMinutes).toBeFocused();
  await expect(lateMinutes).toHaveAttribute('aria-invalid', 'true');
  await lateMinutes.fill('15');
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Save log' }).click();

  await expect(page).toHaveURL((url) => url.pathname === '/tutor');
  await expect(
    page.getByRole('status').filter({ hasText: /Logged .+: held, \d+ min, \d+ of \d+ attended\./ }),
  ).toBeVisible();
  const logged = page
    .getByRole('list', { name: "Today's sessions" })
    .getByRole('listitem')
    .filter({ hasText: title.split(' · ')[1]! });
  await expect(logged.getByText('Held', { exact: true })).toBeVisible();
  await expect(logged.getByRole('link', { name: /Edit log/ })).toBeVisible();
});

test('a tutor enters progress scores for the whole group and sees them against the aim line', async ({ page }) => {
  await startSession(page, DEMO.tutor);
  const first = page.getByRole('list', { name: "Today's sessions" }).getByRole('listitem').first();
  await first.getByRole('link', { name: /^Probes/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /: probes$/ })).toBeVisible();
  const form = page.getByRole('form', { name: /^Enter .+ scores$/ });
  await waitForHydration(form.getByRole('button', { name: 'Save scores' }));
  const fields = form.getByLabel(/^Score for /);
  const count = await fields.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await fields.nth(i).fill(String(6 + i));
  await form.getByRole('button', { name: 'Save scores' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: new RegExp(`Recorded ${count} progress scores? on `) }),
  ).toBeVisible();
  await expect(fields.first()).toHaveValue('');
  // Every student's card shows the new score, with the chart beside the numbers.
  await expect(page.getByText(/^Latest 6 \(progress, /)).toBeVisible();
  await expect(page.getByRole('figure').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('this week and my students: every session of the week, and each student’s dose and attendance', async ({
  page,
}) => {
  await startSession(page, DEMO.tutor);
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'This week', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This week' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /\(today\)$/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'My students', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'My students' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'My students' }).getByRole('row');
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.nth(1)).toContainText(/\d+ of \d+ min/);
  await expect(rows.nth(1)).toContainText(/(Attended|Absent) \d+ in a row|No sessions yet/);
  await expect(page.getByRole('columnheader', { name: 'Flags' })).toBeVisible();
  // Every student's flags, or a plain "None" (the demo district has both).
  await expect(rows.nth(1).getByRole('cell').last()).toContainText(
    /None|Consecutive absences|Low dose|No recent probe|Below aim line/,
  );
  await expectNoAxeViolations(page);
});

test('a tutor subscribes a calendar to a private feed and can turn it off', async ({ page, request }) => {
  await startSession(page, DEMO.tutor);
  const card = page.getByRole('form', { name: 'Calendar link' });
  const create = card.getByRole('button', { name: /Create a calendar link|Make a new link/ });
  await waitForHydration(create);
  await create.click();
  const address = card.getByLabel('Your calendar address');
  await expect(address).toHaveValue(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const path = new URL(await address.inputValue()).pathname;
  // A calendar app fetches it with no session.
  const feed = await request.get(path, { headers: { Cookie: '' } });
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);
  await card.getByRole('button', { name: 'Turn the link off' }).click();
  await expect(card.getByRole('button', { name: 'Create a calendar link' })).toBeVisible();
  expect((await request.get(path)).status()).toBe(404);
});
