// Drives the app the README's Quick start is already serving (npm run demo, the
// embedded database, the demo district): no webServer here, and nothing is reset.
//   QUICKSTART_URL=http://localhost:3000 npm run test:quickstart
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where present (no browser downloads on these machines).
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export default defineConfig({
  testDir: '.',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.QUICKSTART_URL ?? 'http://localhost:3000',
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
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
});
