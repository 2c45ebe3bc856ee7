// An onlooker with every table they can download: which hidden cells can they work
// out? Cells are named; each sum says its parts add up to its total. A shown cell is a
// number; a hidden one is only bounded by its label ("n<10": 0–9; "suppressed": at
// least 10). Attacks, repeated while they find something: narrowing each hidden
// cell's range sum by sum (subtraction), and linear algebra over all the sums at once
// (adding and subtracting whole tables). Written apart from lib/metrics on purpose.

import { expect } from 'vitest';

export interface Sum {
  parts: string[];
  total: string;
}

export type Seen = { value: number } | { lo: number; hi: number };

/** Hidden cells whose value follows from what is shown, with that value. */
export function derive(sums: readonly Sum[], seen: ReadonlyMap<string, Seen>): Map<string, number> {
  const found = new Map<string, number>();
  const value = (k: string): number | undefined => {
    const s = seen.get(k);
    return s && 'value' in s ? s.value : found.get(k);
  };
  for (let more = true; more;) {
    more = false;
    for (const [k, v] of [...byIntervals(sums, seen, value), ...byAlgebra(sums, seen, value)]) {
      if (!found.has(k)) {
        found.set(k, v);
        more = true;
      }
    }
  }
  return found;
}

function byIntervals(
  sums: readonly Sum[],
  seen: ReadonlyMap<string, Seen>,
  value: (k: string) => number | undefined,
): Map<string, number> {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const [k, s] of seen) {
    if ('value' in s || value(k) !== undefined) continue;
    lo.set(k, s.lo);
    hi.set(k, s.hi);
  }
  const low = (k: string) => value(k) ?? lo.get(k) ?? 0;
  const high = (k: string) => value(k) ?? hi.get(k) ?? 0;
  for (let moved = true, round = 0; moved && round < 200; round++) {
    moved = false;
    const narrow = (k: string, from: number, to: number) => {
      if (!lo.has(k)) return;
      if (from > lo.get(k)!) {
        lo.set(k, from);
        moved = true;
      }
      if (to < hi.get(k)!) {
        hi.set(k, to);
        moved = true;
      }
    };
    for (const s of sums) {
      narrow(s.total, sumOf(s.parts, low), sumOf(s.parts, high));
      for (const p of s.parts) {
        const others = s.parts.filter((q) => q !== p);
        narrow(p, low(s.total) - sumOf(others, high), high(s.total) - sumOf(others, low));
      }
    }
  }
  // lo > hi: the labels contradict the sums (only when a table lies about a cell); nothing pinned.
  return new Map([...lo].filter(([k, l]) => l === hi.get(k)!).map(([k, l]) => [k, l]));
}

const sumOf = (keys: readonly string[], f: (k: string) => number) => keys.reduce((total, k) => total + f(k), 0);

/** Gauss–Jordan over the hidden cells: a cell is determined when its unit row is in the span. */
function byAlgebra(
  sums: readonly Sum[],
  seen: ReadonlyMap<string, Seen>,
  value: (k: string) => number | undefined,
): Map<string, number> {
  const unknowns = [...seen.keys()].filter((k) => value(k) === undefined);
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const s of sums) {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    let any = false;
    const add = (k: string, sign: number) => {
      const i = index.get(k);
      if (i === undefined) row[unknowns.length]! -= sign * (value(k) ?? 0);
      else {
        row[i]! += sign;
        any = true;
      }
    };
    s.parts.forEach((p) => add(p, 1));
    add(s.total, -1);
    if (any) rows.push(row);
  }
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]![c]!;
    rows[r] = rows[r]!.map((x) => x / pivot);
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![c]!) < 1e-12) continue;
      const f = rows[i]![c]!;
      rows[i] = rows[i]!.map((x, j) => x - f * rows[r]![j]!);
    }
    pivots.push(c);
    r++;
  }
  const found = new Map<string, number>();
  pivots.forEach((c, i) => {
    const row = rows[i]!;
    if (row.every((x, j) => j === c || j === unknowns.length || Math.abs(x) < 1e-9))
      found.set(unknowns[c]!, Math.round(row[unknowns.length]!));
  });
  return found;
}

interface ObtainedTable {
  id: string;
  rows: { cells: string[]; emphasis?: 'total' | 'reference' }[];
}

/**
 * The sums an onlooker knows and what each cell shows, for one count column of the
 * equity tables: `views` holds the district's tables ('') and each site filter's.
 * A site's row in the site table is that site's "All students"; a district subgroup
 * row is the sum of the sites' rows of that name (a row a site lacks is 0).
 */
export function attackSurface(
  views: ReadonlyMap<string, ObtainedTable[]>,
  sites: readonly { id: string; name: string }[],
  column: number,
  minN: number,
) {
  const siteOf = new Map(sites.map((s) => [s.name, s.id]));
  const total = (site: string) => `${site}|all`;
  const name = (view: string, dimension: string, row: string) =>
    row === 'All students'
      ? total(view)
      : dimension === 'site'
        ? total(siteOf.get(row)!)
        : `${view}|${dimension}|${row}`;
  const seen = new Map<string, Seen>();
  const texts = new Map<string, string>();
  const sums: Sum[] = [];
  const subgroups = new Set<string>();
  for (const [view, tables] of views) {
    for (const table of tables) {
      const parts: string[] = [];
      for (const row of table.rows) {
        const key = name(view, table.id, row.cells[0]!);
        const text = row.cells[column]!;
        // One cell, one text, whichever table shows it: else the tables disagree.
        expect(texts.get(key) ?? text, `${key} in ${table.id}`).toBe(text);
        texts.set(key, text);
        seen.set(
          key,
          text === `n<${minN}`
            ? { lo: 0, hi: minN - 1 }
            : text === 'suppressed'
              ? { lo: minN, hi: Infinity }
              : { value: Number(text) },
        );
        if (row.emphasis === 'reference') continue;
        parts.push(key);
        if (table.id !== 'site') subgroups.add(`${table.id}|${row.cells[0]}`);
      }
      if (table.id !== 'site' || view === '') sums.push({ parts, total: total(view) });
    }
  }
  for (const subgroup of subgroups) {
    const [dimension, row] = subgroup.split('|') as [string, string];
    const parts = sites.map((s) => name(s.id, dimension, row)).filter((k) => seen.has(k));
    if (seen.has(name('', dimension, row))) sums.push({ parts, total: name('', dimension, row) });
  }
  return { sums, seen };
}
