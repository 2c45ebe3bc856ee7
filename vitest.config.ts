import path from 'node:path';
import { defineConfig } from 'vitest/config';

// A PostgreSQL server for the integration run (tests/setup/databases.ts reads the same).
const server =
  process.env.TEST_DB_MODE !== 'embedded' && Boolean(process.env.SERVER_DATABASE_URL ?? process.env.DATABASE_URL);

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    // Two workers even on two cores: much of an integration file's time is the server's, not
    // Node's. One setting for every project (Vitest groups projects with different counts).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'app/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-db.ts'],
          setupFiles: ['tests/setup/request-context.ts'],
          // On PostgreSQL every worker has its own copy of the migrated database, so files
          // run in parallel; the embedded database is one PGlite, so files take turns there.
          fileParallelism: server,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
