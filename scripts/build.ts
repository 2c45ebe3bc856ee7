// Builds the app unless the build in .next was made from exactly these sources:
// `npm test`, `npm run test:e2e` and the browser tests' server all call it, so a
// browser test never runs against a stale build and never rebuilds for nothing.
//   tsx scripts/build.ts            build if any source changed since the last build
//   tsx scripts/build.ts --force    build anyway
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../tests/setup/run';

const ROOTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'package-lock.json',
  'prisma/schema.prisma',
];
const SKIP_DIRS = new Set(['generated', 'node_modules']);
const STAMP = '.next/source-hash';

function files(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { withFileTypes: true })
    .filter((d) => !(d.isDirectory() && SKIP_DIRS.has(d.name)))
    .filter((d) => d.isDirectory() || !/\.test\.tsx?$/.test(d.name))
    .flatMap((d) => files(path.join(entry, d.name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of ROOTS.flatMap(files).sort()) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

async function main(): Promise<number> {
  const force = process.argv.includes('--force');
  const hash = sourceHash();
  const current = existsSync('.next/BUILD_ID') && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash;
  if (current && !force) {
    console.log('The build in .next is current (same sources): not rebuilding.');
    return 0;
  }
  const result = await run('npx', ['next', 'build'], process.env, { inherit: true });
  if (result.status !== 0) return result.status ?? 1;
  writeFileSync(STAMP, hash);
  return 0;
}

void main().then((code) => process.exit(code));
