import { describe, expect, it } from 'vitest';
import { derive, type Seen, type Sum } from '../../tests/setup/differencing';
import { cellKey, DISTRICT, suppressHierarchy, type HierarchyCounts } from './suppression-joint';

/** site → dimension → value → count; the district row and the totals are added up here. */
function hierarchy(data: Record<string, Record<string, Record<string, number>>>): HierarchyCounts {
  const counts = new Map<string, number>();
  const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
  const sites = Object.keys(data).sort();
  const dimensions = [...new Set(sites.flatMap((s) => Object.keys(data[s]!)))].sort();
  for (const site of sites) {
    const first = Object.values(data[site]!)[0]!;
    const total = Object.values(first).reduce((a, b) => a + b, 0);
    add(cellKey(site, 'all', 'all'), total);
    add(cellKey(DISTRICT, 'all', 'all'), total);
    for (const [dimension, values] of Object.entries(data[site]!)) {
      for (const [value, n] of Object.entries(values)) {
        add(cellKey(site, dimension, value), n);
        add(cellKey(DISTRICT, dimension, value), n);
      }
    }
  }
  return { sites, dimensions, counts };
}

/** What an onlooker sees of every table, and the sums they know. */
function attack(h: HierarchyCounts, hidden: ReadonlySet<string>, minN: number) {
  const seen = new Map<string, Seen>();
  for (const [k, n] of h.counts)
    seen.set(k, hidden.has(k) ? (n < minN ? { lo: 0, hi: minN - 1 } : { lo: minN, hi: Infinity }) : { value: n });
  const sums: Sum[] = [{ parts: h.sites.map((s) => cellKey(s, 'all', 'all')), total: cellKey(DISTRICT, 'all', 'all') }];
  for (const d of h.dimensions) {
    const values = [
      ...new Set([...h.counts.keys()].filter((k) => k.split('\u0000')[1] === d).map((k) => k.split('\u0000')[2]!)),
    ];
    const shown = (keys: string[]) => keys.filter((k) => h.counts.has(k));
    for (const row of [DISTRICT, ...h.sites])
      sums.push({ parts: shown(values.map((v) => cellKey(row, d, v))), total: cellKey(row, 'all', 'all') });
    for (const v of values)
      sums.push({ parts: shown(h.sites.map((s) => cellKey(s, d, v))), total: cellKey(DISTRICT, d, v) });
  }
  return derive(sums, seen);
}

describe('suppressHierarchy', () => {
  it('hides a second site’s cell, so the district minus the other sites cannot give a hidden one back', () => {
    const h = hierarchy({
      a: { race: { HISPANIC: 8, WHITE: 30 } },
      b: { race: { HISPANIC: 20, WHITE: 25 } },
    });
    const hidden = suppressHierarchy(h, 10);
    // Per table, only a's two cells would be hidden: district 28 − b's 20 = a's 8.
    expect(hidden.has(cellKey('a', 'race', 'HISPANIC'))).toBe(true);
    expect(hidden.has(cellKey('b', 'race', 'HISPANIC'))).toBe(true);
    expect(attack(h, hidden, 10)).toEqual(new Map());
  });

  it('protects a site total hidden in one dimension in every other dimension too', () => {
    const h = hierarchy({
      a: { race: { HISPANIC: 12, WHITE: 14 }, foster: { yes: 3, no: 23 } },
      b: { race: { HISPANIC: 4, WHITE: 40 }, foster: { yes: 11, no: 33 } },
      c: { race: { HISPANIC: 30, WHITE: 31 }, foster: { yes: 10, no: 51 } },
    });
    const hidden = suppressHierarchy(h, 10);
    expect(attack(h, hidden, 10)).toEqual(new Map());
  });

  it('widens a sum whose hidden parts the labels pin down (two "n<10" adding up to 18 are both 9)', () => {
    const h = hierarchy({ a: { race: { ASIAN: 9, BLACK: 9, WHITE: 30 } } });
    const hidden = suppressHierarchy({ ...h, sites: [] }, 10);
    expect(hidden.has(cellKey(DISTRICT, 'race', 'WHITE'))).toBe(true);
  });

  it('leaves nothing to work out on many made-up districts', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let trial = 0; trial < 150; trial++) {
      const data: Record<string, Record<string, Record<string, number>>> = {};
      for (let s = 0; s < 2 + random(4); s++) {
        const race: Record<string, number> = {};
        const sizes = ['A', 'B', 'C', 'D', 'E']
          .map((v) => [v, random(3) === 0 ? 0 : 1 + random(random(2) ? 12 : 40)] as const)
          .filter(([, n]) => n > 0);
        if (sizes.length === 0) continue;
        for (const [v, n] of sizes) race[v] = n;
        const total = sizes.reduce((a, [, n]) => a + n, 0);
        const yes = random(total + 1);
        data[`s${s}`] = {
          race,
          foster: Object.fromEntries(Object.entries({ yes, no: total - yes }).filter(([, n]) => n > 0)),
        };
      }
      const h = hierarchy(data);
      const hidden = suppressHierarchy(h, 10);
      expect(attack(h, hidden, 10), JSON.stringify(data)).toEqual(new Map());
    }
  });

  it('never hides a published cell (a total staff see exactly elsewhere) and still leaves nothing to work out', () => {
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let hiddenSeen = 0;
    for (let trial = 0; trial < 150; trial++) {
      const data: Record<string, Record<string, Record<string, number>>> = {};
      for (let s = 0; s < 2 + random(4); s++) {
        const race: Record<string, number> = {};
        const sizes = ['A', 'B', 'C', 'D'].map((v) => [v, 1 + random(random(2) ? 12 : 40)] as const);
        for (const [v, n] of sizes) race[v] = n;
        const total = sizes.reduce((a, [, n]) => a + n, 0);
        const yes = 1 + random(total - 1);
        data[`s${s}`] = { race, foster: { yes, no: total - yes } };
      }
      const h = hierarchy(data);
      const published = new Set([...h.counts.keys()].filter((k) => k.split('\u0000')[1] === 'all'));
      const hidden = suppressHierarchy(h, 10, [], published);
      hiddenSeen += hidden.size;
      for (const k of published) expect(hidden.has(k), k).toBe(false);
      expect(attack(h, hidden, 10), JSON.stringify(data)).toEqual(new Map());
    }
    expect(hiddenSeen).toBeGreaterThan(100);
  });
});
