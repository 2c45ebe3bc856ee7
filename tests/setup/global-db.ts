import type { TestProject } from 'vitest/node';
import { createDatabase, migrate } from './databases';

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
  return () => database.drop();
}
