// A tutor on a tablet held upright (768×1024, touch) with a connection that comes and
// goes: entries made offline are kept on the tablet, survive a reload, are sent in
// order when the connection returns and reach the database exactly once; an answer
// lost on the way is retried without a second row; an entry the server refuses is
// shown to the tutor, who can discard it.
import { expect, test, type Page } from '@playwright/test';
import { withDatabase } from './database';
import { DEMO, expectNoAxeViolations, startSession, waitForHydration } from './helpers';

test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

interface Kept {
  clientId: string;
  kind: string;
  state: string;
  subject: string;
}

/** The outbox as IndexedDB holds it. */
function outbox(page: Page): Promise<Kept[]> {
  return page.evaluate(
    () =>
      new Promise<Kept[]>((resolve, reject) => {
        const open = indexedDB.open('tutoring-outbox', 1);
        open.onsuccess = () => {
          const request = open.result.transaction('entries').objectStore('entries').getAll();
          request.onsuccess = () => {
            resolve(
              (request.result as Kept[]).map(({ clientId, kind, state, subject }) => ({
                clientId,
                kind,
                state,
                subject,
              })),
            );
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** Paths the service worker keeps for offline use. */
function keptPages(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await (await caches.open('tutor-pages-v1')).keys()).map((r) => new URL(r.url).pathname),
  );
}

const todaysSessions = (page: Page) => page.getByRole('list', { name: "Today's sessions" }).getByRole('listitem');
const waitingPanel = (page: Page) => page.getByRole('region', { name: 'Saved on this tablet' });

async function logCount(sessionId: string): Promise<number> {
  return withDatabase(
    async (db) =>
      (
        await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'sessions.log' AND "entityId" = $1`, [
          sessionId,
        ])
      ).rows[0].n,
  );
}

test('offline: entries wait on the tablet, survive a reload and reach the database exactly once; a refused one is shown', async ({
  page,
  context,
}) => {
  await startSession(page, DEMO.tutor);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const links = await todaysSessions(page)
    .getByRole('link', { name: /^(Log session|Edit log) / })
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const probeLinks = await todaysSessions(page)
    .getByRole('link', { name: /^Probes / })
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(links.length, 'the demo tutor has two sessions today').toBeGreaterThanOrEqual(2);
  const [first, second] = [links[0]!, links[1]!];
  const secondId = second.split('/').pop()!;
  const probes = probeLinks[0]!;

  // Online: today's first session, mixed attendance.
  await page.goto(first);
  const form = page.getByRole('form', { name: 'Log this session' });
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await form.getByRole('radio', { name: 'Held' }).check();
  const students = form.getByRole('radiogroup');
  await students.nth(0).getByText('Absent (unexcused)').tap();
  await students.nth(1).getByText('Late / left early').tap();
  await students
    .nth(1)
    .getByLabel(/^Minutes .+ attended$/)
    .fill('20');
  await form.getByRole('button', { name: 'Save log' }).tap();
  await expect(page).toHaveURL((url) => url.pathname === '/tutor');
  await expect(page.getByRole('status').filter({ hasText: /Logged .+: held/ })).toBeVisible();

  // Today asks the service worker to keep the day's pages.
  await expect
    .poll(() => keptPages(page), { message: 'today’s pages are kept for offline use', timeout: 30_000 })
    .toEqual(expect.arrayContaining(['/tutor', second, probes]));
  const before = await logCount(secondId);
  await page.waitForLoadState('networkidle');

  // Offline: the second session and a probe score, kept on the tablet.
  await context.setOffline(true);
  const opened = await page.goto(second);
  expect(opened?.fromServiceWorker(), 'the page comes from the tablet’s copy').toBe(true);
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await form.getByRole('radio', { name: 'Held' }).check();
  await form.getByRole('radiogroup').nth(0).getByText('Absent (excused)').tap();
  await form.getByRole('button', { name: 'Save log' }).tap();
  await expect(form.getByText('Saved on this tablet. It will be sent when the connection returns.')).toBeVisible();
  await expect(waitingPanel(page).getByRole('heading', { name: '1 entry waiting to sync' })).toBeVisible();
  await expect(waitingPanel(page).getByText('You are offline.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(probes);
  const probeForm = page.getByRole('form', { name: /^Enter .+ scores$/ });
  await waitForHydration(probeForm.getByRole('button', { name: 'Save scores' }));
  await probeForm
    .getByLabel(/^Score for /)
    .first()
    .fill('7.25');
  await probeForm.getByRole('button', { name: 'Save scores' }).tap();
  await expect(probeForm.getByText(/^Scores saved on this tablet/)).toBeVisible();
  await expect(waitingPanel(page).getByRole('heading', { name: '2 entries waiting to sync' })).toBeVisible();

  // A reload with no connection: the page and both entries are still there.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(waitingPanel(page).getByRole('heading', { name: '2 entries waiting to sync' })).toBeVisible();
  const kept = await outbox(page);
  expect(kept.map((e) => [e.kind, e.state])).toEqual(
    expect.arrayContaining([
      ['session-log', 'waiting'],
      ['probes', 'waiting'],
    ]),
  );
  expect(await logCount(secondId), 'nothing reached the server while offline').toBe(before);

  // Back online: sent in order, each exactly once.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(waitingPanel(page)).toHaveCount(0, { timeout: 30_000 });
  expect(await outbox(page)).toEqual([]);
  const ids = kept.map((e) => e.clientId);
  await withDatabase(async (db) => {
    const receipts = await db.query(
      `SELECT "clientId", action FROM sync_receipt WHERE "clientId" = ANY($1) ORDER BY "createdAt"`,
      [ids],
    );
    expect(receipts.rows.map((r) => r.action)).toEqual(['sessions.log', 'probes.record']);
    const session = await db.query(
      `SELECT status, (SELECT count(*)::int FROM attendance a WHERE a."sessionId" = s.id AND a.status = 'ABSENT_EXCUSED') AS excused FROM session s WHERE id = $1`,
      [secondId],
    );
    expect(session.rows[0]).toEqual({ status: 'HELD', excused: 1 });
    const scores = await db.query(`SELECT count(*)::int AS n FROM probe WHERE score = 7.25 AND "groupId" = $1`, [
      probes.split('/')[3],
    ]);
    expect(scores.rows[0].n).toBe(1);
  });
  expect(await logCount(secondId)).toBe(before + 1);

  // A lost answer: the server records the entry, the tablet never hears back and
  // sends it again; the id makes the second copy a no-op.
  const sentIds: string[] = [];
  let delivered = false;
  await page.route('/api/sync', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    sentIds.push(/"clientId":"([^"]+)"/.exec(route.request().postData() ?? '')?.[1] ?? '');
    if (sentIds.length > 1) return route.fallback();
    // The whole answer, so the server has finished with the entry before it is lost.
    await (await route.fetch()).body();
    delivered = true;
    await route.abort('connectionreset');
  });
  await page.goto(second);
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await form.getByRole('button', { name: 'Save log' }).tap();
  await expect.poll(() => delivered, { message: 'the first copy reached the server' }).toBe(true);
  // The tablet never heard back, so the entry waits and is sent again by itself.
  await expect
    .poll(() => sentIds.length, { message: 'the entry is sent again', timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(waitingPanel(page)).toHaveCount(0);
  await page.unroute('/api/sync');
  expect(new Set(sentIds).size, 'the same entry id both times').toBe(1);
  expect(await logCount(secondId), 'recorded once').toBe(before + 2);
  await withDatabase(async (db) =>
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM sync_receipt WHERE "clientId" = $1`, [sentIds[0]])).rows[0].n,
    ).toBe(1),
  );

  // Refused: the session is handed to a substitute while the tutor's entry waits.
  await context.setOffline(true);
  await page.goto(second);
  await waitForHydration(form.getByRole('button', { name: 'Save log' }));
  await form.getByRole('radio', { name: 'Cancelled' }).check();
  await form.getByLabel('Why was it cancelled?').selectOption('TESTING');
  await form.getByRole('button', { name: 'Save log' }).tap();
  await expect(waitingPanel(page).getByRole('heading', { name: '1 entry waiting to sync' })).toBeVisible();
  const substitute = await withDatabase(async (db) => {
    const other = await db.query(
      `SELECT id FROM app_user WHERE role = 'TUTOR' AND email <> $1 ORDER BY email LIMIT 1`,
      [DEMO.tutor],
    );
    await db.query(`UPDATE session SET "substituteTutorId" = $1 WHERE id = $2`, [other.rows[0].id, secondId]);
    return other.rows[0].id as string;
  });
  try {
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const refused = waitingPanel(page).getByRole('list', { name: 'Not accepted' }).getByRole('listitem');
    await expect(refused).toHaveCount(1, { timeout: 30_000 });
    await expect(refused).toContainText('covered by another tutor');
    await expect(refused.getByRole('link', { name: /^Fix / })).toBeVisible();
    // Sent again unchanged, it is refused again, for the same reason.
    await refused.getByRole('button', { name: /^Send again / }).tap();
    await expect(refused).toContainText('covered by another tutor');
    await expect(refused.getByRole('button', { name: /^Send again / })).toBeEnabled();
    await expectNoAxeViolations(page);
    await refused.getByRole('button', { name: /^Discard / }).tap();
    await refused.getByRole('button', { name: 'Yes, discard it' }).tap();
    await expect(waitingPanel(page)).toHaveCount(0);
    expect(await outbox(page)).toEqual([]);
    await withDatabase(async (db) =>
      expect((await db.query(`SELECT status FROM session WHERE id = $1`, [secondId])).rows[0].status).toBe('HELD'),
    );
  } finally {
    await withDatabase((db) =>
      db.query(`UPDATE session SET "substituteTutorId" = NULL WHERE id = $1 AND "substituteTutorId" = $2`, [
        secondId,
        substitute,
      ]),
    );
  }
});
