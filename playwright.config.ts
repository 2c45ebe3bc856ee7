import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';

// A session is logged held only once it has started (by the app's clock), and the
// tutor's flows log today's sessions: the app and the tests run on today's date in the
// demo district (America/Chicago), from 8 PM there, after every session of the day has
// started. Sign-in sessions and rate limits stay on the wall clock (lib/clock.ts).
process.env.APP_CLOCK ??= Temporal.Now.zonedDateTimeISO('America/Chicago')
  .with({ hour: 20, minute: 0, second: 0, millisecond: 0 })
  .toInstant()
  .toString();

// Debian's Chromium where present (no browser downloads on these machines).
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The offline tablet flow runs on the tablet only (upright, touch).
    {
      name: 'laptop',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
      // The crash test runs its own server on an embedded data folder: once, in the embedded run.
      testIgnore: ['**/offline.spec.ts', ...(process.env.DATABASE_URL ? ['**/embedded-crash.spec.ts'] : [])],
    },
    {
      name: 'tablet',
      use: { browserName: 'chromium', viewport: { width: 1024, height: 768 }, hasTouch: true },
      // Who may open what does not depend on the screen: those run once, on the laptop (the dashboard flow too, for the CI budget).
      // Sign-in rules are the same on any screen (the tablet's sign-in form is checked in foundation.spec.ts).
      testIgnore: [
        '**/embedded-crash.spec.ts',
        '**/access-matrix.spec.ts',
        '**/sso.spec.ts',
        '**/auth.spec.ts',
        '**/dashboard.spec.ts',
        '**/equity.spec.ts',
        '**/weekly-review.spec.ts',
        // Sets its own window sizes (1280 and 768 px): once.
        '**/layout.spec.ts',
      ],
    },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/server.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
