// The embedded default: PGlite (Postgres compiled to WebAssembly) served over the
// Postgres wire protocol on a loopback port, so the app and the scripts talk to it
// through the same pg driver adapter they use against a real server.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process keeps its pid until its parent reaps it (in a container whose
  // init does not, for good): a zombie holds no files, so its lock is stale.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): the signal check stands
  }
}

/** Waits up to `ms` for a process to end (a killed app still shutting down); answers whether it is still alive. */
function stillAliveAfter(pid: number, ms: number): boolean {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  return alive(pid);
}

/**
 * One process at a time on a data folder: two PGlite instances writing the same
 * files would corrupt it. The lock is a file beside the folder holding the owner's
 * pid; a lock whose process is gone (the app was killed) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && stillAliveAfter(owner, 3_000)) {
        throw new EmbeddedInUseError(
          `the embedded database in ${path.relative(process.cwd(), dataDir) || dataDir} is in use by process ${owner} ` +
            `(another npm start or npm run dev?). Stop that process first, or set DATABASE_URL to use a PostgreSQL server. ` +
            `If no such process is running, delete ${path.relative(process.cwd(), lockFile)}.`,
        );
      }
      unlinkSync(lockFile); // its owner was killed: take the folder over
    }
  }
  throw new EmbeddedInUseError(`could not lock the embedded database folder ${dataDir}`);
}

/** dataDir undefined = in memory (used as a throwaway shadow database). */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  } catch (error) {
    unlock();
    throw new Error(
      `could not open the embedded database in ${options.dataDir ?? 'memory'} (${(error as Error).message}). ` +
        'Delete the folder to start afresh (its data is lost), or restore it from a backup.',
    );
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 16 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      unlock();
    },
  };
}
