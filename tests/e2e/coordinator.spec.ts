// A site coordinator's first weeks of a cycle: find who needs a seat, build a group,
// place students from the waitlist by priority, move and remove them.
import { expect, test } from '@playwright/test';
import {
  allSiteIds,
  DEMO,
  expectNoAxeViolations,
  expectTouchTargets,
  navLink,
  startSession,
  waitForHydration,
} from './helpers';
import { ordinal } from '../../lib/placement/priority';

test('students show screener results, eligibility and priority in words; filters narrow the list', async ({ page }) => {
  const site = await startSession(page, DEMO.coordinator);
  await navLink(page, 'Students').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: /^Showing/ });
  const all = Number((await status.textContent())!.match(/of (\d+)/)![1]);
  expect(all).toBeGreaterThan(50);
  await expect(
    page
      .getByRole('table')
      .getByText(/screener \d+(st|nd|rd|th) percentile — priority \d+ of \d+/)
      .first(),
  ).toBeVisible();
  // Ordinals read as English does: 1st, 22nd, 81st, 13th.
  const ordinals = (await page.getByRole('main').textContent())!.match(/\b\d+(st|nd|rd|th)\b/g) ?? [];
  expect(ordinals.length).toBeGreaterThan(0);
  expect(ordinals.filter((o) => o !== ordinal(Number.parseInt(o, 10)))).toEqual([]);
  await page.getByLabel('Placement').selectOption('unplaced');
  await page.getByLabel('Subject need').selectOption('MATH');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/placement=unplaced/);
  const waiting = Number((await status.textContent())!.match(/Showing (\d+)/)![1]);
  expect(waiting).toBeLessThan(all);
  // Every row left is waiting for a Math seat.
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: /Math screener \d+\w\w percentile — priority/ })).toHaveCount(waiting);
  expect(new URL(page.url()).pathname).toBe(`${site}/students`);

  // Students who need follow-up: every row shown carries a flag with its evidence.
  await page.goto(`${site}/students?flag=any`);
  const flagged = Number((await status.textContent())!.match(/Showing (\d+)/)![1]);
  expect(flagged).toBeGreaterThan(0);
  await expect(
    page
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: /Consecutive absences|Low dose|No recent probe|Below aim line/ }),
  ).toHaveCount(flagged);
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
});

test('the waitlist ranks every subject together by need, on request', async ({ page }) => {
  const site = await startSession(page, DEMO.coordinator);
  await page.goto(`${site}/waitlist`);
  const views = page.getByRole('navigation', { name: 'Waitlist view' });
  await expect(views.getByRole('link', { name: 'By subject' })).toHaveAttribute('aria-current', 'page');
  const bySubject = (await page.getByRole('heading', { level: 2 }).allTextContents())
    .map((h) => Number(h.match(/: (\d+) waiting/)?.[1] ?? 0))
    .reduce((a, b) => a + b, 0);
  await views.getByRole('link', { name: 'All subjects together, by need' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('view') === 'all');
  await expect(
    page.getByRole('heading', { level: 2, name: `All subjects: ${bySubject} waiting, neediest first` }),
  ).toBeVisible();
  const table = page.getByRole('table', { name: 'Waitlist, all subjects by need' });
  await expect(table.getByRole('columnheader', { name: 'Subject' })).toBeVisible();
  // Neediest first: screener percentiles never go down the list, whatever the subject.
  const reasons = await table.getByRole('row').locator('td:nth-child(4)').allTextContents();
  const percentiles = reasons.map((r) => Number(r.match(/screener (\d+)/)![1]));
  expect(percentiles.length).toBe(bySubject);
  expect(percentiles).toEqual([...percentiles].sort((a, b) => a - b));
  expect(new Set(reasons.map((r) => r.split(' ')[0])).size).toBe(2);
  await expectNoAxeViolations(page);
});

test('a coordinator builds a group, places the first student in line, then removes them', async ({
  page,
}, testInfo) => {
  const site = await startSession(page, DEMO.coordinator);
  await navLink(page, 'Waitlist').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waitlist' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'New group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New group' })).toBeVisible();
  const name = `E2E Math ${testInfo.project.name} ${Date.now().toString(36)}`;
  const form = page.getByRole('form', { name: 'New group' });
  await waitForHydration(form.getByRole('button', { name: 'Create group' }));
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Lowest grade').selectOption('0');
  await form.getByLabel('Highest grade').selectOption('5');
  await form.getByLabel('Target skill').fill('Place value to 1,000');
  await form.getByLabel('Probe measure').selectOption('Place value /15');
  await form.getByLabel('Tutor').selectOption({ index: 1 });
  // Early mornings, before any demo group meets (the app refuses a tutor's clash).
  const time = testInfo.project.name === 'tablet' ? '06:40' : '06:00';
  for (const i of [1, 2, 3]) await form.getByLabel(`Meeting ${i} start`).fill(time);
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Create group' }).click();
  // A tutor near capacity is a warning the coordinator may accept, once seen.
  const heading = page.getByRole('heading', { level: 1, name });
  const anyway = form.getByLabel('Create the group anyway');
  await expect(heading.or(anyway)).toBeVisible({ timeout: 20_000 });
  if (await anyway.isVisible()) {
    await anyway.check();
    await form.getByRole('button', { name: 'Create group' }).click();
  }
  await expect(heading).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/The group was created with \d+ sessions on the calendar/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Students (0)' })).toBeVisible();

  // The first candidate is the first in line, with the reason in words.
  const first = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: /^Place / }) })
    .first();
  await expect(first).toContainText(/Math screener \d+\w\w percentile — priority 1 of \d+/);
  const studentName = (await first.locator('p').first().textContent())!.split(' · ')[0]!.trim();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);
  const place = first.getByRole('button', { name: /^Place / });
  await waitForHydration(place);
  await place.click();
  await expect(page.getByRole('heading', { name: 'Students (1)' })).toBeVisible();
  const member = page.getByRole('row').filter({ hasText: studentName });
  await expect(member).toContainText('since');

  // The groups list shows the seat taken.
  await page.goto(`${site}/groups`);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('1 of 4');
  await page.getByRole('link', { name }).click();

  // A substitute for the group's next session (a day ahead of the form's own days, often):
  // the first date alone is enough; "To" starts empty rather than on a day before it.
  const cover = page.getByRole('form', { name: 'Assign a substitute' });
  await waitForHydration(cover.getByRole('button', { name: 'Assign substitute' }));
  await expect(cover.getByLabel('To')).toHaveValue('');
  const coverDay = await cover.getByLabel('From').inputValue();
  await cover.getByLabel('Substitute').selectOption({ index: 1 });
  await cover.getByRole('button', { name: 'Assign substitute' }).click();
  // A substitute outside the group's subject or grades is a warning to confirm, as for a primary tutor.
  const covered = page.getByText(new RegExp(`covers 1 session of .+ on ${coverDay}\\.$`)).first();
  const coverAnyway = cover.getByLabel('Assign the substitute anyway');
  await expect(covered.or(coverAnyway)).toBeVisible();
  if (await coverAnyway.isVisible()) {
    await coverAnyway.check();
    await cover.getByRole('button', { name: 'Assign substitute' }).click();
  }
  await expect(covered).toBeVisible();

  const remove = page.getByRole('button', { name: `Remove ${studentName.split(' ')[0]}` });
  await waitForHydration(remove);
  const removal = page.getByRole('form', { name: `Remove ${studentName}` });
  await expect(removal.getByLabel('Reason'), 'no reason is chosen for the coordinator').toHaveValue('');
  await removal.getByLabel('Reason').selectOption('Schedule conflict');
  // A last day before the first: the placement never began, so it is taken back whole
  // and the student is first in line again (the other tests here need the waitlist).
  const firstDay = await removal.getByLabel('Last day').inputValue();
  await removal
    .getByLabel('Last day')
    .fill(new Date(Date.parse(`${firstDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  await remove.click();
  await expect(page.getByText(`${studentName} left ${name}`).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Students (0)' })).toBeVisible();
});

test('suggested groups: free seats first, then new groups that explain themselves, can be set aside, and one is accepted', async ({
  page,
  browser,
}, testInfo) => {
  // An admin goes through every site (a site's waitlist may all fit free seats, leaving no new group to suggest).
  const sites = await allSiteIds(browser);
  await startSession(page, DEMO.admin);
  let seatsShown = 0;
  let shown = 0;
  for (const siteId of sites) {
    for (const subject of ['MATH', 'ELA'] as const) {
      const site = `/sites/${siteId}`;
      await page.goto(`${site}/groups/suggested?subject=${subject}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Suggested groups' })).toBeVisible();
      const summary = await page
        .getByRole('status')
        .filter({ hasText: /waiting for/ })
        .textContent();
      const [, waiting, seated, suggested] = summary!
        .match(/(\d+) waiting for \w+; (\d+) fit a free seat in an existing group; (\d+) new groups? suggested/)!
        .map(Number);
      const cards = page.getByRole('form', { name: /^Accept / });
      await expect(cards).toHaveCount(suggested!);
      expect(suggested! + seated!).toBeLessThanOrEqual(waiting!);
      // Free seats come first: a place form for each student an existing group fits.
      const freeSeats = page.getByRole('region', { name: 'Free seats first' });
      await expect(freeSeats).toHaveCount(seated! > 0 ? 1 : 0);
      if (seated! > 0) {
        await expect(freeSeats.getByRole('form', { name: /^Place / })).toHaveCount(seated!);
        if (seatsShown++ === 0) {
          await expectNoAxeViolations(page);
          await expectTouchTargets(page);
          // Placing takes a student off the waitlist for good: done once, in the last project.
          if (testInfo.project.name === 'tablet') {
            const student = (await freeSeats
              .getByRole('form', { name: /^Place / })
              .first()
              .getAttribute('aria-label'))!.replace('Place ', '');
            const place = freeSeats.getByRole('form', { name: `Place ${student}` });
            const button = place.getByRole('button', { name: /^Place/ });
            await waitForHydration(button);
            await button.click();
            // Placed, the student leaves the waitlist and the page (or a warning asks to confirm first).
            const anyway = place.getByLabel(`Place ${student} anyway`);
            await expect(async () => {
              expect((await place.count()) === 0 || (await anyway.isVisible())).toBe(true);
            }).toPass();
            if ((await place.count()) > 0) {
              await anyway.check();
              await button.click();
            }
            await expect(place).toHaveCount(0);
            await page.reload();
            await expect(freeSeats.getByRole('form', { name: `Place ${student}` })).toHaveCount(0);
            continue; // this page's figures changed: the suggestions are tried on another
          }
        }
      }
      if (suggested === 0 || shown > 0) continue;
      shown++;
      await expectNoAxeViolations(page);
      const first = page.getByRole('listitem').filter({ has: cards.first() });
      await expect(first).toContainText(
        /students in grades? .+ percentile; priorities .+\), all free .+; .+ teaches (Math|ELA) at these grades and is free then/,
      );
      const aside = first.getByRole('button', { name: 'Set aside' });
      await waitForHydration(aside);
      await aside.click();
      await expect(cards).toHaveCount(suggested! - 1);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(cards).toHaveCount(suggested!);
      // Accepting takes students off the waitlist for good: done once, in the last project.
      if (testInfo.project.name !== 'tablet') continue;

      // Accept the first: the group exists with its students and sessions on the calendar.
      const accept = cards.first();
      const names = await first.locator('ul li span.font-medium').allTextContents();
      const groupName = (await first.getByRole('heading').textContent())!;
      await accept.getByLabel('Target skill').fill('Foundational skills');
      await accept.getByLabel('Probe measure').selectOption({ index: 1 });
      await accept.getByRole('button', { name: 'Accept and place these students' }).click();
      const anyway = accept.getByLabel('Create it anyway');
      await expect(page.getByRole('heading', { level: 1, name: groupName }).or(anyway)).toBeVisible({
        timeout: 20_000,
      });
      if (await anyway.isVisible()) {
        await anyway.check();
        await accept.getByRole('button', { name: 'Accept and place these students' }).click();
      }
      await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('heading', { name: `Students (${names.length})` })).toBeVisible();
      for (const name of names) await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(1);
      await expect(page.getByRole('table', { name: /Coming sessions/ }).getByRole('row')).not.toHaveCount(0);
    }
  }
  expect(seatsShown, 'some site’s waitlist fits free seats in its groups').toBeGreaterThan(0);
  expect(shown, 'some site has a new group to suggest').toBeGreaterThan(0);
});

test('the follow-up page lists flags and cancelled sessions; a make-up and a follow-up are recorded', async ({
  page,
}, testInfo) => {
  const site = await startSession(page, DEMO.coordinator);
  await navLink(page, 'Follow-up').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Follow-up' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTouchTargets(page);

  const makeups = page.getByRole('form', { name: /^Schedule a make-up for / });
  const before = await makeups.count();
  expect(before, 'the demo site has a cancelled session to make up').toBeGreaterThan(0);
  const first = makeups.first();
  const label = (await first.getAttribute('aria-label'))!.replace('Schedule a make-up for ', '');
  await waitForHydration(first.getByRole('button', { name: 'Schedule make-up' }));
  // A Tuesday at least a week ahead, early, clear of the group's own sessions.
  const ahead = new Date(Date.now() + 7 * 86_400_000);
  ahead.setUTCDate(ahead.getUTCDate() + ((9 - ahead.getUTCDay()) % 7));
  await first.getByLabel('Make-up date').fill(ahead.toISOString().slice(0, 10));
  // Each project its own time: the same tutor may teach both groups (a clash is refused).
  await first.getByLabel('Start').fill(testInfo.project.name === 'tablet' ? '06:30' : '07:15');
  await first.getByRole('button', { name: 'Schedule make-up' }).click();
  // The row leaves the list once made up; the page says so out loud.
  await expect(page.getByRole('status').filter({ hasText: /Make-up for .+ session: / })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: `Schedule a make-up for ${label}` })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'Scheduled a make-up session' }).first()).toBeVisible();

  const record = page.getByRole('form', { name: /^Record a follow-up for / }).first();
  await waitForHydration(record.getByRole('button', { name: 'Record' }));
  await record.getByLabel('Note').fill('Spoke with grandmother; back Monday');
  // No action is chosen for the coordinator: recording without one is refused, and says so.
  await expect(record.getByLabel('Follow-up taken')).toHaveValue('');
  await record.getByRole('button', { name: 'Record' }).click();
  await expect(record.getByText('Choose what was done.').first()).toBeVisible();
  await record.getByLabel('Follow-up taken').selectOption('CALLED_FAMILY');
  await record.getByRole('button', { name: 'Record' }).click();
  await expect(page.getByText(/^Recorded for .+: called the family\.$/).first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`${site}/follow-up`);
});

test('a page given a date it does not accept answers 400 with a sentence naming the field and the range', async ({
  page,
}) => {
  const site = await startSession(page, DEMO.coordinator);
  for (const [path, sentence] of [
    [`${site}/schedule?week=0000-01-01`, 'The “week” date must be between 2000-01-01 and 2100-12-31.'],
    ['/district?from=2026-11-31', 'The “from” date is not a real date.'],
  ]) {
    const answer = await page.request.get(path!, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(400);
    const html = await answer.text();
    expect(html).toContain(sentence);
    expect(html).toContain('real calendar dates between 2000-01-01 and 2100-12-31');
    expect(answer.headers()['x-frame-options']).toBe('DENY');
  }
  const shown = await page.goto(`${site}/schedule?week=0000-01-01`);
  expect(shown?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1, name: 'This date is not accepted' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('The “week” date must be between 2000-01-01 and 2100-12-31.');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Open this page with its usual dates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
});
