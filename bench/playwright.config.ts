// Browser benchmarks (not tests): the same server as the browser tests, one run each.
//   npx playwright test -c bench/playwright.config.ts
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  // The server starts from the project's root, as for the browser tests.
  webServer: { ...(base.webServer as object), cwd: path.resolve(import.meta.dirname, '..') } as typeof base.webServer,
  projects: [
    { name: 'tablet', use: { browserName: 'chromium', viewport: { width: 1024, height: 768 }, hasTouch: true } },
  ],
});
