// Times `npm run db:seed -- --scale large` on a fresh database of DATABASE_URL's
// server and writes the figures to docs/bench-seed-large.md.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { createDatabase, migrate } from '../tests/setup/databases';

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL to a PostgreSQL server: the large district is too big for the embedded default');
  const database = await createDatabase('tutoring_bench', 'tutoring_bench');
  try {
    await migrate(database.url);
    const started = performance.now();
    const seed = spawnSync('npx', ['tsx', 'prisma/seed/index.ts', '--scale', 'large'], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const seconds = (performance.now() - started) / 1000;
    if (seed.status !== 0) throw new Error(`the large seed failed (exit ${seed.status})`);

    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const tables = [
      'site',
      'student',
      'tutor_profile',
      'tutoring_group',
      'membership',
      'session',
      'attendance',
      'probe',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
    }
    const size = (await pool.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`))
      .rows[0]!.s;
    await pool.end();

    const lines = [
      '# Benchmark: the large district seed',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench\``,
      `on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on 127.0.0.1.`,
      '',
      `- Wall time of \`tsx prisma/seed/index.ts --scale large\`: **${seconds.toFixed(1)} s** (including the argon2 hash and one transaction commit)`,
      `- Database size afterwards: ${size}`,
      '',
      '| table | rows |',
      '| --- | ---: |',
      ...tables.map((t) => `| ${t} | ${counts[t]!.toLocaleString('en-US')} |`),
      '',
    ];
    writeFileSync('docs/bench-seed-large.md', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
