// One migrated database for the integration run. On a PostgreSQL server it is a template:
// each test worker copies it once (workerCopy, from tests/setup/request-context.ts), so
// files run in parallel without seeing each other's rows. The embedded database is one
// in-memory PGlite, shared by files that run one after another.
import type { TestProject } from 'vitest/node';
import { createDatabase, dropWorkerCopies, migrate } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'postgres' | 'embedded';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createDatabase('tutoring_it');
  await migrate(database.url);
  project.provide('databaseUrl', database.url);
  project.provide('databaseKind', database.kind);
  return async () => {
    if (database.kind === 'postgres') await dropWorkerCopies(database.url);
    await database.drop();
  };
}
