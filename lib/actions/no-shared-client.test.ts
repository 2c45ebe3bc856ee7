// A lint rule the suite enforces: a module that defines server actions never imports
// the shared client, so an action's body can reach the database only through its
// transaction's `tx` (lib/db.ts refuses the rest at run time, at once).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe('server actions reach the database only through their transaction', () => {
  const actionModules = [...sources('lib'), ...sources('app')].filter((file) =>
    /\bdefineAction\(/.test(readFileSync(path.join(ROOT, file), 'utf8')),
  );

  it('finds the action modules', () => {
    expect(actionModules.length).toBeGreaterThan(5);
  });

  it.each(actionModules.filter((file) => !file.endsWith(path.join('actions', 'action.ts'))))(
    '%s does not import the shared client',
    (file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect(text).not.toMatch(/from ['"](@\/lib\/db|(\.\.\/)+db)['"]/);
    },
  );
});
