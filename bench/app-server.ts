// What the page and load benchmarks share: the benchmark district in its own
// database on DATABASE_URL's server (seeded once, kept; BENCH_REUSE=1 reuses it), the
// production build served by `next start` with the app's clock at BENCH_TODAY, and
// signing in as a person does (next-auth's credentials flow).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { parseDatabaseUrl } from '../lib/db/url';
import { refreshAllWithPg } from '../lib/metrics/rollup-refresh';
import { createDatabase, migrate } from '../tests/setup/databases';
import { addHistory } from './history';

export type BenchScale = 'large' | 'xl';
// The large seed's own default: the day after its completed school year (issue #12 measured that district).
export const TODAY = process.env.BENCH_TODAY ?? '2026-07-01';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
export const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

export class BenchServer {
  readonly base: string;
  private child: ChildProcess | null = null;
  private killGroup: (child: ChildProcess) => void = (child) => child.kill('SIGTERM');
  constructor(
    readonly url: string,
    readonly port: number,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Builds when a source changed since the last build, then starts `next start`. */
  async start(env: Record<string, string> = {}): Promise<void> {
    const build = spawnSync('npx', ['tsx', 'scripts/build.ts'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) throw new Error('the build failed');
    // Its own process group: stopping it stops next-server too (npx does not always pass a signal on).
    this.child = spawn('npx', ['next', 'start', '-p', String(this.port), '-H', '127.0.0.1'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production' as const,
        DATABASE_URL: this.url,
        APP_CLOCK: TODAY,
        NEXTAUTH_URL: this.base,
        NEXTAUTH_SECRET: 'bench-only-secret-not-for-production-use',
        ...env,
      },
    });
    const kill = (child: ChildProcess) => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    this.killGroup = kill;
    process.once('exit', () => this.child && kill(this.child));
    for (let i = 0; i < 240; i++) {
      const up = await fetch(`${this.base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('the server did not start');
  }

  /**
   * Waits for two rounds of the snapshot keeper (lib/snapshots/keeper.ts) to end after
   * now: a view asked for before this call has its snapshot, as a second visitor finds it.
   */
  async settle(timeoutMs = 120_000): Promise<void> {
    const since = new Date().toISOString();
    const rounds = new Set<string>();
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const health = (await fetch(`${this.base}/api/health`).then((r) => r.json())) as {
        snapshots?: { lastRunAt: string | null };
      };
      const last = health.snapshots?.lastRunAt;
      if (!health.snapshots) return; // an app without the keeper
      if (last && last > since) rounds.add(last);
      if (rounds.size >= 2) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the snapshot keeper did not finish two rounds');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      this.killGroup(child);
    });
  }

  /** Signs in through next-auth's credentials flow; answers the Cookie header. */
  async signIn(email: string): Promise<string> {
    const jar = new Map<string, string>();
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = await fetch(`${this.base}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: this.base },
      body: new URLSearchParams({ csrfToken, email, password: 'demo1234', json: 'true', callbackUrl: `${this.base}/` }),
    });
    keep(response);
    if (![...jar.keys()].some((k) => k.includes('session-token')))
      throw new Error(`sign-in as ${email} failed (${response.status})`);
    return cookie();
  }

  async get(path: string, cookie: string): Promise<{ ms: number; status: number; body: string }> {
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, { headers: { cookie }, redirect: 'manual' });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  }

  async post(path: string, cookie: string, json: unknown): Promise<{ ms: number; status: number; body: string }> {
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie, origin: this.base, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  }
}

async function seeded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance')).rows[0]!.n > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The benchmark district of this scale, seeded unless BENCH_REUSE=1 finds it; migrated and its facts current. */
export async function prepareDatabase(scale: BenchScale): Promise<{ url: string; seedSeconds: number | null }> {
  const DATABASE = `tutoring_bench_pages_${scale}`;
  const url = parseDatabaseUrl(process.env.DATABASE_URL!);
  url.pathname = `/${DATABASE}`;
  if (process.env.BENCH_REUSE === '1' && (await seeded(url.toString()))) {
    await migrate(url.toString()); // a migration since the seed (its facts are rebuilt below)
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await refreshAllWithPg(client)
      .then(() => client.query('VACUUM ANALYZE'))
      .finally(() => client.end());
    return { url: url.toString(), seedSeconds: null };
  }
  const database = await createDatabase(DATABASE, DATABASE);
  await migrate(database.url);
  const started = performance.now();
  const seed = spawnSync('npx', ['tsx', 'prisma/seed/index.ts', '--scale', 'large', '--today', TODAY], {
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (seed.status !== 0) throw new Error(`the large seed failed (exit ${seed.status})`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    if (scale === 'xl') {
      await addHistory(client, 4);
      console.error(`history added; rebuilding the dashboards' facts…`);
      await refreshAllWithPg(client);
    }
    // As autovacuum would soon after a bulk load: planner statistics, and the rollup's
    // rewritten rows reclaimed (without it the first runs read the dead rows too).
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  return { url: database.url, seedSeconds: (performance.now() - started) / 1000 };
}
