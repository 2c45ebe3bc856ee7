// Runs a command against the app's database. With DATABASE_URL set, that server;
// without it, the embedded default: PGlite keeping its data in .data/pglite,
// served on a loopback port for the command's lifetime.
//   tsx scripts/with-db.ts next start
//   tsx scripts/with-db.ts "tsx scripts/migrate.ts && tsx prisma/seed/index.ts"
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../lib/db/embedded';
import { parseDatabaseUrl } from '../lib/db/url';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: tsx scripts/with-db.ts <command> [args...]');
  process.exit(2);
}

/** A secret for signing session cookies, made once per checkout (production sets its own). */
function localSecret(): string {
  const file = path.resolve('.data/nextauth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<number> {
  const env = { ...process.env };
  let embedded: EmbeddedPostgres | undefined;
  if (env.DATABASE_URL) {
    parseDatabaseUrl(env.DATABASE_URL);
  } else {
    const dataDir = path.resolve(env.PGLITE_DIR ?? '.data/pglite');
    embedded = await startEmbeddedPostgres({ dataDir, port: env.PGLITE_PORT ? Number(env.PGLITE_PORT) : 0 });
    env.DATABASE_URL = embedded.url;
    env.DATABASE_POOL_MAX = '1';
    console.error(
      `Embedded database: ${path.relative(process.cwd(), dataDir)} (set DATABASE_URL to use a PostgreSQL server)`,
    );
  }
  env.NEXTAUTH_SECRET ??= localSecret();
  const command =
    args.length === 1
      ? args[0]!
      : args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const child = spawn(command, { shell: true, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  await embedded?.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  },
);
