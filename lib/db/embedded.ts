// The embedded default: PGlite (Postgres compiled to WebAssembly) served over the
// Postgres wire protocol on a loopback port, so the app and the scripts talk to it
// through the same pg driver adapter they use against a real server.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** dataDir undefined = in memory (used as a throwaway shadow database). */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  } catch (error) {
    throw new Error(
      `could not open the embedded database in ${options.dataDir ?? 'memory'} (${(error as Error).message}). ` +
        'Is another process (npm run dev/start) using it? Stop it, or delete the folder to start afresh.',
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
    },
  };
}
