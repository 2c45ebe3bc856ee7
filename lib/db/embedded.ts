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

interface Waiting {
  handlerId: number;
  message: Uint8Array;
  resolve(answer: Uint8Array): void;
  reject(error: unknown): void;
}

/** Sync ('S', length 4): ends an extended-protocol query; Postgres answers ReadyForQuery. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
/** Terminate ('X'): the client leaves. */
const TERMINATE = 0x58;

/** The transaction status of a ReadyForQuery ('Z', length 5, status) ending `answer`, if it ends with one. */
export function readyStatus(answer: Uint8Array): 'I' | 'T' | 'E' | null {
  const n = answer.length;
  if (
    n < 6 ||
    answer[n - 6] !== 0x5a ||
    answer[n - 5] !== 0 ||
    answer[n - 4] !== 0 ||
    answer[n - 3] !== 0 ||
    answer[n - 2] !== 5
  )
    return null;
  const status = String.fromCharCode(answer[n - 1]!);
  return status === 'I' || status === 'T' || status === 'E' ? status : null;
}

/**
 * Who may use the embedded database's one Postgres session, message by message.
 * PGlite is a single session, shared by every client of the socket server. The
 * server's own queue hands the session to another client between any two messages
 * outside BEGIN…COMMIT, so also between the Parse and the Sync of one client's
 * parameterised query: PGlite writes that query's answer when it reaches the Sync,
 * into whichever client's message is running then, and the first client waits for
 * it for ever (reproduced by tests/integration/embedded-clients.test.ts: the app's
 * single connection stalled the first time a second client queried beside it).
 * Here a client holds the session from its first message until Postgres answers
 * ReadyForQuery with status idle: its whole query, or its whole transaction. Other
 * clients' messages wait their turn. A client that leaves while holding the session
 * has its query ended (Sync) and its transaction rolled back.
 */
export class SessionQueue {
  private waiting: Waiting[] = [];
  private owner: number | null = null;
  private running: number | null = null;
  private draining = false;
  private readonly gone = new Set<number>();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  /** The client's socket closed: its waiting messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    this.waiting = this.waiting.filter((entry) => {
      if (entry.handlerId !== handlerId) return true;
      entry.reject(new Error('the client disconnected'));
      return false;
    });
  }

  /** The client left: if it held the session, its query is ended and its transaction rolled back. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.gone.add(handlerId);
    await this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        if (this.owner !== null && this.gone.has(this.owner)) await this.release();
        const index = this.owner === null ? 0 : this.waiting.findIndex((entry) => entry.handlerId === this.owner);
        const entry = index >= 0 ? this.waiting[index] : undefined;
        if (!entry) break;
        this.waiting.splice(index, 1);
        this.running = entry.handlerId;
        try {
          const answer = await this.db.runExclusive(() => this.db.execProtocolRaw(entry.message));
          const status = readyStatus(answer);
          this.owner = entry.message[0] === TERMINATE || status === 'I' ? null : entry.handlerId;
          entry.resolve(answer);
        } catch (error) {
          entry.reject(error); // the socket handler detaches the client: gone, released above
        } finally {
          this.running = null;
        }
      }
    } finally {
      this.draining = false;
      this.forget();
    }
  }

  /** Ends the gone owner's query and rolls back its transaction, then frees the session. */
  private async release(): Promise<void> {
    try {
      const status = readyStatus(await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC)));
      if (status !== 'I') await this.db.exec('ROLLBACK'); // exec takes the session's lock itself
    } catch (error) {
      console.error(`embedded database: could not end a departed client's transaction: ${(error as Error).message}`);
    }
    this.owner = null;
  }

  /** Clients gone that hold nothing and have nothing running need no more attention. */
  private forget(): void {
    for (const id of this.gone) if (id !== this.owner && id !== this.running) this.gone.delete(id);
  }
}

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
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
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
  // Its connection handlers take the server's queue when a client connects.
  (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);
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
