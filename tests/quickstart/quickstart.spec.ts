// The README's Quick start at work, on the demo district it seeded into the embedded
// database: a coordinator builds a group and places a student, a tutor logs a past
// session and enters progress scores, and a leader finds that session counted on the
// dashboard. Runs again on the same data: each run takes a free early slot for its
// group, gives its placement back, and logs (or re-logs) one past session.
// The demo seed leaves the tutor a session still to log only by chance: on a day with
// none and nothing held earlier in the week (most Mondays, between cycles) the tutor step says so.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, navLink, signIn, waitForHydration } from '../e2e/helpers';
import { formatDay, weekStart } from '../../lib/dates';

test.describe.configure({ mode: 'serial' });

/** Before any demo group meets; a later slot or tutor when an earlier run took one. */
const EARLY_SLOTS = ['05:00', '05:30', '06:00', '06:30', '07:00'];
const TUTOR_CHOICES = [1, 2, 3];
const SUBJECTS = {
  Math: { value: 'MATH', skill: 'Place value to 1,000', measure: 'Place value /15' },
  ELA: { value: 'ELA', skill: 'Short vowel words', measure: 'Multisyllabic words read correctly /25' },
} as const;
type SubjectLabel = keyof typeof SUBJECTS;

interface LoggedSession {
  date: string;
  groupName: string;
  plannedMinutes: number;
  minutes: number;
  absent: string;
  present: string;
}

let sitePath = '';
/** The site's groups by name, from the coordinator's list: the way to a group's probes on a day it does not meet. */
const groupPaths = new Map<string, string>();
let logged: LoggedSession | undefined;

/** Each link's text and address. */
function linksIn(links: Locator): Promise<[string, string][]> {
  return links.evaluateAll((as) =>
    as.map((a): [string, string] => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? '']),
  );
}

/** Fills the new-group form on a fresh page and submits it; true when the group exists. */
async function tryCreateGroup(page: Page, name: string, subject: SubjectLabel, tutorIndex: number, time: string) {
  await page.goto(`${sitePath}/groups/new`);
  const form = page.getByRole('form', { name: 'New group' });
  const create = form.getByRole('button', { name: 'Create group' });
  await waitForHydration(create);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Subject').selectOption(SUBJECTS[subject].value);
  await form.getByLabel('Lowest grade').selectOption('0');
  await form.getByLabel('Highest grade').selectOption('5');
  await form.getByLabel('Target skill').fill(SUBJECTS[subject].skill);
  await form.getByLabel('Probe measure').selectOption(SUBJECTS[subject].measure);
  await form.getByLabel('Tutor').selectOption({ index: tutorIndex });
  for (const i of [1, 2, 3]) await form.getByLabel(`Meeting ${i} start`).fill(time);
  await create.click();
  const heading = page.getByRole('heading', { level: 1, name });
  // A clash is a refusal (try another slot); a tutor near capacity, a warning to accept.
  const clash = form.getByText(/ at the same time /).first();
  const anyway = form.getByLabel('Create the group anyway');
  await expect(heading.or(clash).or(anyway)).toBeVisible({ timeout: 30_000 });
  if (await anyway.isVisible()) {
    if (await clash.isVisible()) return false;
    await anyway.check();
    await create.click();
    await expect(heading.or(clash)).toBeVisible({ timeout: 30_000 });
  }
  return heading.isVisible();
}

test('a coordinator creates a group and places the first student in line', async ({ page }) => {
  sitePath = await signIn(page, DEMO.coordinator);
  expect(sitePath).toMatch(/^\/sites\/[0-9a-f-]{36}$/);
  await navLink(page, 'Waitlist').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waitlist' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New group' })).toBeVisible();
  // The subject with the longer line (which one varies with the seed's date).
  const waiting = async (label: SubjectLabel) => {
    const heading = page.getByRole('heading', { level: 2, name: new RegExp(`^${label}: \\d+ waiting`) });
    return Number((await heading.textContent())!.match(/: (\d+) waiting/)![1]);
  };
  const [math, ela] = [await waiting('Math'), await waiting('ELA')];
  expect(math + ela, 'the demo site has students waiting for a seat').toBeGreaterThan(0);
  const subject: SubjectLabel = math >= ela ? 'Math' : 'ELA';

  const name = `Quick start ${subject} ${Date.now().toString(36)}`;
  let created = false;
  for (const tutorIndex of TUTOR_CHOICES) {
    for (const time of EARLY_SLOTS) {
      created = await tryCreateGroup(page, name, subject, tutorIndex, time);
      if (created) break;
    }
    if (created) break;
  }
  expect(created, 'a free early slot for one of the first tutors').toBe(true);
  await expect(page.getByText(/The group was created with \d+ sessions on the calendar/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Students (0)' })).toBeVisible();

  const first = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: /^Place / }) })
    .first();
  await expect(first).toContainText(new RegExp(`${subject} screener \\d+\\w\\w percentile — priority 1 of \\d+`));
  const studentName = (await first.locator('p').first().textContent())!.split(' · ')[0]!.trim();
  const place = first.getByRole('button', { name: /^Place / });
  await waitForHydration(place);
  await place.click();
  await expect(page.getByRole('heading', { name: 'Students (1)' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: studentName })).toContainText('since');

  // The seat is given back whole (a last day before the first), so the student is first in line for the next run.
  const remove = page.getByRole('button', { name: `Remove ${studentName.split(' ')[0]}` });
  await waitForHydration(remove);
  const removal = page.getByRole('form', { name: `Remove ${studentName}` });
  await removal.getByLabel('Reason').selectOption('Schedule conflict');
  const firstDay = await removal.getByLabel('Last day').inputValue();
  const dayBefore = new Date(Date.parse(`${firstDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await removal.getByLabel('Last day').fill(dayBefore);
  await remove.click();
  await expect(page.getByRole('heading', { name: 'Students (0)' })).toBeVisible();

  await page.goto(`${sitePath}/groups`);
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  for (const [text, href] of await linksIn(page.getByRole('main').locator(`a[href^="${sitePath}/groups/"]`))) {
    groupPaths.set(text, href);
  }
});

/** Today's "Still to log": past sessions never logged, latest first. */
async function stillToLog(page: Page): Promise<string[]> {
  await navLink(page, 'Today').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const section = page.getByRole('region', { name: /^Still to log \(\d+\)$/ });
  return (await linksIn(section.getByRole('link', { name: /^Log it / }))).map(([, href]) => href);
}

/** Sessions held on earlier days of this week, latest first: what a re-run logs again once none is left to log. */
async function heldEarlierThisWeek(page: Page): Promise<string[]> {
  await navLink(page, 'This week').click();
  await expect(page.getByRole('heading', { level: 1, name: 'This week' })).toBeVisible();
  const today = page.getByRole('heading', { level: 2, name: /\(today\)$/ });
  const earlierDays = page.getByRole('region').filter({ hasNot: today });
  const held = earlierDays.getByRole('listitem').filter({ has: page.getByText('Held', { exact: true }) });
  return (await linksIn(held.getByRole('link', { name: /^Edit log / }))).map(([, href]) => href).reverse();
}

test('a tutor logs a past session still to log (held, one absent) and enters progress scores', async ({ page }) => {
  await signIn(page, DEMO.tutor);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Log this session' });
  const students = form.getByRole('radiogroup');
  // A session with at least two students, so one can be absent while another attends.
  let opened: 'still to log' | 'held earlier this week, logged again' | undefined;
  const sources = [
    ['still to log', stillToLog],
    ['held earlier this week, logged again', heldEarlierThisWeek],
  ] as const;
  for (const [kind, find] of sources) {
    for (const href of await find(page)) {
      await page.goto(href);
      await waitForHydration(form.getByRole('button', { name: 'Save log' }));
      if ((await students.count()) >= 2) {
        opened = kind;
        break;
      }
    }
    if (opened) break;
  }
  expect(
    opened,
    'tutor@district.example has a past session of two or more students to log: still to log ' +
      '(the seed leaves a few unlogged, by chance) or held earlier this week',
  ).toBeDefined();
  const groupName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  // The day as the tutor's pages read it ("Wed, Dec 2", as in the confirmation), on a <time> naming the date.
  const description = page.getByText(/^\w{3}, \w{3} \d{1,2} · .+ · \d+ min/);
  const parts = (await description.textContent())!.match(/^(\w{3}, \w{3} \d{1,2}) · .+? · (\d+) min/)!;
  const [day, plannedMinutes] = [parts[1]!, parts[2]!];
  const date = (await description.locator('time').getAttribute('datetime'))!;

  await form.getByRole('radio', { name: 'Held' }).check();
  const minutes = Number(await form.getByLabel('Minutes', { exact: true }).inputValue());
  expect(minutes).toBeGreaterThan(0);
  const names = await students.evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label') ?? ''));
  // The first student marked present becomes the absent one; everyone else is present.
  // Logged again on a re-run, the mark moves on, so each run changes what the dashboard shows.
  const mark = (i: number, name: string) => students.nth(i).getByRole('radio', { name, exact: true });
  const wasPresent = await Promise.all(names.map((_, i) => mark(i, 'Present').isChecked()));
  const absentIndex = Math.max(0, wasPresent.indexOf(true));
  const presentIndex = wasPresent.findIndex((present, i) => !present && i !== absentIndex);
  for (let i = 0; i < names.length; i++) {
    await mark(i, i === absentIndex ? 'Absent (excused)' : 'Present').check();
  }
  await form.getByRole('button', { name: 'Save log' }).click();

  await expect(page).toHaveURL((url) => url.pathname === '/tutor');
  const attended = `${names.length - 1} of ${names.length} attended`;
  const confirmation = `Logged ${groupName} on ${day}: held, ${minutes} min, ${attended}.`;
  await expect(page.getByRole('status').filter({ hasText: confirmation })).toBeVisible();
  if (opened === 'still to log') {
    // No longer still to log.
    await expect(page.getByRole('link', { name: `Log it (${groupName}, ${day})` })).toHaveCount(0);
  }
  console.log(`Logged ${groupName} on ${date} (${opened}): ${names[absentIndex]} absent.`);
  logged = {
    date,
    groupName,
    plannedMinutes: Number(plannedMinutes),
    minutes,
    absent: names[absentIndex]!,
    present: names[presentIndex >= 0 ? presentIndex : absentIndex === 0 ? 1 : 0]!,
  };

  // Progress scores for that group: from Today on a day it meets, else from its address.
  const probesLink = page.getByRole('link', { name: `Probes for ${groupName}`, exact: true });
  if (await probesLink.count()) await probesLink.first().click();
  else {
    const groupPath = groupPaths.get(groupName);
    expect(groupPath, `${groupName} is on the coordinator's list of groups`).toBeDefined();
    await page.goto(`/tutor/groups/${groupPath!.split('/').at(-1)}/probes`);
  }
  await expect(page.getByRole('heading', { level: 1, name: `${groupName}: probes` })).toBeVisible();
  const probes = page.getByRole('form', { name: /^Enter .+ scores$/ });
  await waitForHydration(probes.getByRole('button', { name: 'Save scores' }));
  const measure = (await probes.getAttribute('aria-label'))!.replace(/^Enter (.+) scores$/, '$1');
  const probeDate = await probes.getByLabel('Date', { exact: true }).inputValue();
  const fields = probes.getByLabel(/^Score for /);
  const labels = await fields.evaluateAll((inputs) =>
    inputs.map((i) => (i as HTMLInputElement).labels?.[0]?.textContent ?? ''),
  );
  const scored = labels.map((label) => label.replace(/^Score for /, ''));
  const card = (name: string) =>
    page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
  expect(scored.length, `${groupName} has students today`).toBeGreaterThan(0);
  // A plausible score: each student's latest again (a first score of 5 for one without any).
  const scores: number[] = [];
  for (const [i, name] of scored.entries()) {
    const latest = (await card(name)
      .getByText(/^(Latest|No scores)/)
      .textContent())!.match(/^Latest (\d+)/);
    scores.push(latest ? Number(latest[1]) : 5);
    await fields.nth(i).fill(String(scores[i]));
  }
  await probes.getByRole('button', { name: 'Save scores' }).click();
  const plural = scored.length === 1 ? '' : 's';
  const recorded = `Recorded ${scored.length} progress score${plural} on ${measure} for ${groupName}.`;
  await expect(page.getByRole('status').filter({ hasText: recorded })).toBeVisible();
  await expect(fields.first()).toHaveValue('');
  for (const [i, name] of scored.entries()) {
    await expect(card(name).getByText(`Latest ${scores[i]} (progress, ${formatDay(probeDate)})`)).toBeVisible();
  }
});

/** The row of the student's dose ledger for the logged session. */
async function expectLedgerLine(page: Page, session: LoggedSession, outcome: string, delivered: number) {
  const ledger = page.getByRole('table', { name: /^Dose ledger/ });
  const line = ledger
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: session.date, exact: true }) })
    .filter({ hasText: session.groupName });
  await expect(line).toHaveCount(1);
  const cells = line.locator('th, td');
  await expect(cells.nth(2)).toHaveText(outcome);
  await expect(cells.nth(3)).toHaveText(String(session.plannedMinutes));
  await expect(cells.nth(4)).toHaveText(String(delivered));
}

/** From the group's dashboard to one of its students ("Last, First" in the table). */
async function openStudent(page: Page, groupDashboard: string, name: string) {
  if (page.url() !== groupDashboard) await page.goto(groupDashboard);
  const table = page.getByRole('table', { name: /^Students in this group/ });
  const href = (await linksIn(table.getByRole('link'))).find(([text]) => {
    const [last, first] = text.split(', ');
    return `${first} ${last}` === name;
  })?.[1];
  expect(href, `${name} is listed in the group's dashboard`).toBeDefined();
  await page.goto(href!);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a leader opens the dashboard and finds that session counted, down to each student', async ({ page }) => {
  const session = logged!;
  expect(await signIn(page, DEMO.leader)).toBe('/district');
  await expect(page.getByRole('heading', { level: 1, name: 'District dashboard' })).toBeVisible();

  // The week of the logged session (dose counts up to yesterday: a past session is in).
  const week = weekStart(session.date);
  const filters = page.getByRole('search', { name: 'Filter the dashboard' });
  const from = filters.getByLabel('From the week of');
  const weekOption = from.locator(`option[value="${week}"]`);
  await expect(weekOption, `the week of ${session.date} is in the dashboard's cycle`).toHaveCount(1);
  await from.selectOption(week);
  await filters.getByLabel('To the week of').selectOption(week);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('from') === week && url.searchParams.get('to') === week);
  await expect(page.getByRole('table', { name: 'Dose scheduled and delivered by week' })).toBeVisible();
  await expectNoAxeViolations(page);

  // District → the tutor's site → the group: held sessions that week include this one.
  await page.getByRole('table', { name: 'Sites' }).locator(`a[href^="${sitePath}/dashboard?"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: /: dashboard$/ })).toBeVisible();
  const groupLink = page.getByRole('link', { name: session.groupName, exact: true });
  const groupRow = page.getByRole('table', { name: 'Groups at this site' }).getByRole('row').filter({ has: groupLink });
  await expect(groupRow.locator('th, td').nth(6)).not.toHaveText('0');
  await groupRow.getByRole('link', { name: session.groupName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${session.groupName}: dashboard` })).toBeVisible();
  await expect(page).toHaveURL((url) => url.searchParams.get('from') === week);
  const groupDashboard = page.url();

  // Each student's ledger shows that session as logged: held, who attended, the minutes.
  await openStudent(page, groupDashboard, session.absent);
  await expectLedgerLine(page, session, 'Absent (excused)', 0);
  await openStudent(page, groupDashboard, session.present);
  await expectLedgerLine(page, session, 'Present', session.minutes);
});
