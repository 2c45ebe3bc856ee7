// Times a 50,000-student OneRoster import (upload staging, then apply in one
// transaction, then the same files again) on a fresh database of DATABASE_URL's
// server, and writes the figures to docs/bench-import.md.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/import-large.ts
// (react-server: lib modules import "server-only", which is empty under that condition.)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { createDatabase, migrate } from '../tests/setup/databases';
import { generateRoster } from '../tests/setup/roster-files';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 50_000);
const SCHOOLS = Array.from({ length: 10 }, (_, i) => ({ sourcedId: `org-${i + 1}`, identifier: `S${100 + i}`, name: `School ${i + 1}` }));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const database = await createDatabase('tutoring_bench_import', 'tutoring_bench_import');
  process.env.DATABASE_URL = database.url;
  // Imported after DATABASE_URL names the fresh database: the shared client reads it on first use.
  const { db } = await import('../lib/db');
  const { stageImport } = await import('../lib/imports/stage');
  const { applyPayload } = await import('../lib/imports/apply');
  const rows: string[] = [];
  try {
    await migrate(database.url);
    const admin = await db.user.create({ data: { email: 'bench@test.example', name: 'Bench', role: 'DISTRICT_ADMIN' } });
    const user = { id: admin.id, name: admin.name, email: admin.email, role: 'DISTRICT_ADMIN' as const, siteIds: [], sessionId: 'bench' };
    const files = Object.entries(generateRoster({ schools: SCHOOLS, students: STUDENTS })).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) }));
    const megabytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / 2 ** 20;

    const run = async (label: string) => {
      const [{ batchId }, stageSeconds] = await timed(() => stageImport({ user, scope: { kind: 'district' }, kind: 'oneroster', files }));
      const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { payload: true, summary: true } });
      const [applied, applySeconds] = await timed(() =>
        db.$transaction((tx) => applyPayload(tx, batchId, batch.payload as never, { kind: 'district' }), { timeout: 120_000 }),
      );
      rows.push(`| ${label} | ${stageSeconds.toFixed(2)} s | ${applySeconds.toFixed(2)} s | \`${JSON.stringify(applied.result)}\` |`);
      console.log(label, stageSeconds.toFixed(2), applySeconds.toFixed(2), applied.result);
    };
    await run('first import (all new)');
    await run('same files again (all unchanged)');

    const lines = [
      '# Benchmark: a 50,000-student roster import',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions react-server bench/import-large.ts\``,
      `on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on 127.0.0.1.`,
      '',
      `Files: generated OneRoster 1.1 bulk set, ${STUDENTS.toLocaleString('en-US')} students over ${SCHOOLS.length} schools`,
      `(orgs, classes, users, enrollments: ${megabytes.toFixed(1)} MB of CSV).`,
      '',
      '- *Stage* = unpack, parse, compare with the database and store the preview (what the upload route does).',
      '- *Apply* = the `imports.apply` transaction: plan again on fresh data, bulk writes in chunks of 5,000 rows.',
      '',
      '| run | stage | apply | written |',
      '| --- | ---: | ---: | --- |',
      ...rows,
      '',
    ];
    writeFileSync('docs/bench-import.md', lines.join('\n'));
    console.log('wrote docs/bench-import.md');
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
