// The app as the browser tests see it: a fresh database (on DATABASE_URL's server,
// or an embedded PGlite when it is unset), migrated and seeded with the demo
// district, served by the production build on E2E_PORT, with single sign-on
// through a local OpenID Provider (./oidc-provider.ts) on 127.0.0.1:3199.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { createDatabase, migrate } from '../setup/databases';
import { run as runAsync } from '../setup/run';
import { E2E_DATABASE_URL_FILE } from './database';
import { startOidcProvider } from './oidc-provider';

const port = process.env.E2E_PORT ?? '3100';

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const result = await runAsync(command, args, env, { inherit: true });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

async function main(): Promise<void> {
  let url: string;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'e2e-only-secret-not-for-production-use',
  };
  if (process.env.DATABASE_URL) {
    url = (await createDatabase('tutoring_e2e', `tutoring_e2e_${port}`)).url;
  } else {
    const dataDir = path.resolve('.data/e2e');
    rmSync(dataDir, { recursive: true, force: true });
    url = (await startEmbeddedPostgres({ dataDir })).url;
    env.DATABASE_POOL_MAX = '1';
  }
  env.DATABASE_URL = url;
  // Browser tests that check what reached the database read it here (./database.ts).
  mkdirSync('.data', { recursive: true });
  writeFileSync(E2E_DATABASE_URL_FILE, url);
  await migrate(url);
  await run('npx', ['tsx', 'prisma/seed/index.ts', '--open-today'], env);
  // Rebuilds only when a source changed since the last build (never a stale build).
  await run('npx', ['tsx', 'scripts/build.ts'], env);
  // The district's single sign-on: a local OpenID Provider, up before the app can ask it anything.
  const oidc = await startOidcProvider({ appUrl: env.NEXTAUTH_URL! });
  Object.assign(env, oidc.appEnv);
  const app = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], { stdio: 'inherit', env });
  const stop = () => app.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  app.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(`e2e server failed: ${(error as Error).message}`);
  process.exit(1);
});
