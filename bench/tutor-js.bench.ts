// How much JavaScript a tutor's tablet downloads to open each tutor page with an empty
// cache (the "first load"), compressed as sent and as parsed. Writes docs/bench-tutor-js.md.
//   npx playwright test -c bench/playwright.config.ts
// (builds the app if needed; the server is the browser tests' own, tests/e2e/server.ts).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { test, type Page } from '@playwright/test';
import { DEMO, signIn } from '../tests/e2e/helpers';

interface Weight {
  page: string;
  scripts: number;
  transferred: number;
  decoded: number;
}

async function scriptWeight(page: Page, name: string): Promise<Weight> {
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => ({ transferred: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  return {
    page: name,
    scripts: entries.length,
    transferred: entries.reduce((sum, e) => sum + e.transferred, 0),
    decoded: entries.reduce((sum, e) => sum + e.decoded, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test('first-load JavaScript of the tutor pages', async ({ browser }) => {
  // Signed in once; every page is then opened in a fresh context (empty cache, no service worker).
  const session = await browser.newContext();
  await signIn(await session.newPage(), DEMO.tutor);
  const state = await session.storageState();
  const today = await session.newPage();
  await today.goto('/tutor');
  const logHref = await today
    .getByRole('link', { name: /^(Log session|Edit log) / })
    .first()
    .getAttribute('href');
  const probesHref = await today
    .getByRole('link', { name: /^Probes / })
    .first()
    .getAttribute('href');
  await session.close();

  const pages: [string, string][] = [
    ['Today (/tutor)', '/tutor'],
    ['Log a session', logHref!],
    ['Probes (with chart)', probesHref!],
    ['This week', '/tutor/week'],
    ['My students', '/tutor/students'],
    ['Sign-in page (for comparison)', '/login'],
  ];
  const weights: Weight[] = [];
  for (const [name, path] of pages) {
    const context = await browser.newContext({
      storageState: path === '/login' ? undefined : state,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto(path);
    weights.push(await scriptWeight(page, name));
    await context.close();
  }

  const rows = weights.map((w) => `| ${w.page} | ${w.scripts} | ${kb(w.transferred)} | ${kb(w.decoded)} |`);
  const report = `# Benchmark: the tutor pages' first-load JavaScript

Measured ${new Date().toISOString().slice(0, 10)} with \`npx playwright test -c bench/playwright.config.ts\`
(production build, \`next start\`, Chromium ${browser.version()}, ${os.cpus().length} cores).

Each page is opened once in a fresh browser context: empty HTTP cache, service worker blocked,
so every script is downloaded. *Sent* is the compressed size on the wire
(\`encodedBodySize\`), *parsed* the size the browser executes (\`decodedBodySize\`), summed over
every script the page loads until the network is idle.

| page | scripts | sent | parsed |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

Most of it is shared (React, Next's router): a tutor moving between pages downloads only each
page's own chunks, and after the first visit the service worker serves them from the tablet.
The probes page is the heaviest because of the chart (recharts), loaded only there.
`;
  writeFileSync('docs/bench-tutor-js.md', report);
  console.log(report);
});
