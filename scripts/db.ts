// Backup, restore, and moving a pilot to a server (lib/db/backup.ts). With
// DATABASE_URL set, the server; without it, the embedded folder (.data/pglite, or
// PGLITE_DIR), which must not be in use (stop the app first).
//   npm run db:backup [-- file]
//   npm run db:restore -- file [--replace]
//   npm run db:move-to-server -- postgresql://user@host:5432/db
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backupEmbedded, backupServer, moveEmbeddedToServer, restoreEmbedded, restoreServer } from '../lib/db/backup';
import { parseDatabaseUrl } from '../lib/db/url';

const [verb, ...rest] = process.argv.slice(2);
const flags = new Set(rest.filter((a) => a.startsWith('--')));
const [target] = rest.filter((a) => !a.startsWith('--'));
const server = process.env.DATABASE_URL;
const dataDir = path.resolve(process.env.PGLITE_DIR ?? '.data/pglite');
const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
const shown = (file: string) => path.relative(process.cwd(), path.resolve(file));

/** What a dump file is, from its first bytes. */
function kindOf(file: string): 'server' | 'embedded' | 'unknown' {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString('latin1') === 'PGDMP') return 'server';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  return 'unknown';
}

async function main(): Promise<void> {
  if (verb === 'backup') {
    if (server) {
      parseDatabaseUrl(server);
      const file = target ?? `backups/server-${stamp()}.dump`;
      await backupServer(server, file);
      console.log(`Backed up the server database to ${shown(file)} (pg_dump, custom format).`);
    } else {
      const file = target ?? `backups/embedded-${stamp()}.tar.gz`;
      await backupEmbedded(dataDir, file);
      console.log(`Backed up ${shown(dataDir)} to ${shown(file)} (PGlite's dump of its data directory).`);
    }
  } else if (verb === 'restore') {
    if (!target) throw new Error('usage: npm run db:restore -- <file> [--replace]');
    const kind = kindOf(target);
    const replace = flags.has('--replace');
    if (server) {
      parseDatabaseUrl(server);
      if (kind !== 'server')
        throw new Error(`${target} is not a server backup (npm run db:backup with DATABASE_URL set makes one).`);
      await restoreServer(server, target, { replace });
      console.log(`Restored ${shown(target)} into the server database.`);
    } else {
      if (kind !== 'embedded')
        throw new Error(`${target} is not an embedded backup: set DATABASE_URL to restore a server backup.`);
      const { keptAs } = await restoreEmbedded(dataDir, target, { replace });
      console.log(
        `Restored ${shown(target)} into ${shown(dataDir)}.${keptAs ? ` The folder it replaced is kept as ${shown(keptAs)}.` : ''}`,
      );
    }
  } else if (verb === 'move-to-server') {
    if (!target) throw new Error('usage: npm run db:move-to-server -- postgresql://user@host:5432/database');
    parseDatabaseUrl(target);
    const sqlFile = `backups/moved-${stamp()}.sql`;
    const tables = await moveEmbeddedToServer(dataDir, target, sqlFile);
    console.log(
      `Moved ${shown(dataDir)} to the server: ${tables} tables, each compared equal. The SQL is kept in ${shown(sqlFile)}. ` +
        'Start the app with DATABASE_URL set to that database.',
    );
  } else {
    throw new Error('usage: tsx scripts/db.ts backup [file] | restore <file> [--replace] | move-to-server <url>');
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
