import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '../../lib/db/schema-engine';
import { migrate } from '../setup/databases';
import { pgPoolForTests, testDatabaseUrl } from '../setup/db-client';

const pool = pgPoolForTests(1);
// tsx itself, not through npx: npm prints its own warnings (unknown config and the
// like) on stderr, and these tests hold stderr to exactly one line.
const TSX = path.resolve('node_modules/.bin/tsx');
afterAll(() => pool.end());

function runMigrate(env: Record<string, string | undefined>) {
  return spawnSync(TSX, ['scripts/migrate.ts', 'deploy'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('migrations', () => {
  it('schema.prisma and the migrations agree (no drift)', async () => {
    // Replays every migration on a throwaway database and diffs it against the schema.
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('records every applied migration in _prisma_migrations, and a second deploy applies nothing', async () => {
    const { rows } = await pool.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished && !r.rolled_back)).toBe(true);
    expect(await migrate(testDatabaseUrl())).toEqual([]);
  });

  it('gives one specific line when the database is unreachable', () => {
    const result = runMigrate({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/db:migrate failed: Can't reach database server at `127\.0\.0\.1:1`/);
  });

  it('gives one line from the seed and the launcher too', () => {
    const seed = spawnSync(TSX, ['prisma/seed/index.ts'], {
      env: { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(seed.status).toBe(1);
    expect(
      seed.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('Seeding')),
    ).toHaveLength(1);
    const launcher = spawnSync(TSX, ['scripts/with-db.ts', 'true'], {
      env: { ...process.env, DATABASE_URL: 'postgres//broken' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(launcher.status).toBe(1);
    expect(launcher.stderr.trim()).toBe(
      'error: DATABASE_URL is not a valid URL: expected postgresql://user@host:5432/database',
    );
  });

  it('gives one specific line for a malformed DATABASE_URL', () => {
    const result = runMigrate({ DATABASE_URL: 'mysql://root@localhost/test' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('db:migrate failed: DATABASE_URL must start with postgresql:// (got "mysql://")');
    const garbled = runMigrate({ DATABASE_URL: 'not a url' });
    expect(garbled.stderr.trim()).toBe(
      'db:migrate failed: DATABASE_URL is not a valid URL: expected postgresql://user@host:5432/database',
    );
  });
});
