// Small-cell suppression across every table a person can obtain of one count (DOMAIN.md,
// Policy): the district and each site, each subgroup dimension. Suppressing table by
// table lets the district figure minus the other sites' give a hidden site cell back,
// so the pattern is chosen once, jointly, and every table reads it. Pure.
//
// The cells of one dimension form a table: rows are the district ('') and each site,
// columns are the dimension's values and 'all'. Every row adds up to its 'all' cell and
// every column to its district cell. A hidden cell is safe when no combination of those
// sums, and what its label says ("n<10": 0–9; "suppressed": 10 or more), pins it down.
// The rule, applied until nothing changes:
//  1. primary: a cell with a count under n (a zero that is not shown at all is no cell);
//  2. in every sum (a row or a column with its total), never exactly one hidden cell:
//     the next smallest shown part is hidden too (the total when no part is left);
//  3. every hidden cell lies on a cycle of hidden cells (rows and columns alternating);
//     a hidden cell on none (a bridge) is worked out by adding up the sums on one side
//     of it, so the cheapest rectangle through it is hidden too;
//  4. no hidden cell's range, narrowed sum by sum from the labels' bounds, closes on one
//     value (two hidden parts "n<10" adding up to 18 are both 9); else the next smallest
//     shown part of one of its sums is hidden too. A cell pinned down however much is
//     hidden (by published figures alone) is shown: hiding it would protect nothing.
// The site totals (a site's 'all' cell) and the district total are shared by every
// dimension's table, so what one table hides, the others protect. Published cells
// (operational figures staff see exactly elsewhere: totals, sites, grades) are never
// hidden: the pattern protects the hidden cells with the other parts around them.

export const DISTRICT = '';

const SEP = '\u0000';
export const cellKey = (site: string, dimension: string, value: string) => `${site}${SEP}${dimension}${SEP}${value}`;
const totalKey = (site: string) => cellKey(site, 'all', 'all');

export interface HierarchyCounts {
  /** Site ids (the rows besides the district's). */
  sites: readonly string[];
  /** Dimensions besides 'all' and 'site' (the site dimension is the totals' column). */
  dimensions: readonly string[];
  /** Counts by cellKey; a cell absent here is an empty subgroup, not shown (known 0). */
  counts: ReadonlyMap<string, number>;
}

export interface Line {
  parts: string[];
  total: string;
}

interface Table {
  rows: string[];
  columns: string[];
  /** cellKey of (row, column); column 'all' is the row's total. */
  key(row: string, column: string): string;
}

function tablesOf(h: HierarchyCounts): { tables: Table[]; lines: Line[] } {
  const rows = [DISTRICT, ...h.sites];
  const tables: Table[] = [];
  // With no site rows (one table alone) there are no column sums.
  const joint = h.sites.length > 0;
  const lines: Line[] = joint ? [{ parts: h.sites.map(totalKey), total: totalKey(DISTRICT) }] : [];
  const valuesOf = new Map<string, Set<string>>(h.dimensions.map((d) => [d, new Set<string>()]));
  for (const key of h.counts.keys()) {
    const [, dimension, value] = key.split(SEP) as [string, string, string];
    valuesOf.get(dimension)?.add(value);
  }
  for (const dimension of h.dimensions) {
    const values = [...valuesOf.get(dimension)!].sort();
    const key = (row: string, column: string) => (column === 'all' ? totalKey(row) : cellKey(row, dimension, column));
    for (const row of rows) lines.push({ parts: values.map((v) => key(row, v)), total: totalKey(row) });
    if (!joint) continue;
    tables.push({ rows, columns: [...values, 'all'], key });
    for (const value of values) lines.push({ parts: h.sites.map((s) => key(s, value)), total: key(DISTRICT, value) });
  }
  return { tables, lines };
}

/**
 * The hidden cells (cellKeys) of one count over the whole hierarchy. `forced`: hidden
 * for another reason. `published`: shown exactly elsewhere, so never hidden here.
 */
export function suppressHierarchy(
  h: HierarchyCounts,
  minN: number,
  forced: Iterable<string> = [],
  published: ReadonlySet<string> = new Set(),
): Set<string> {
  const n = (key: string) => h.counts.get(key) ?? 0;
  const present = (key: string) => h.counts.has(key);
  // Under a policy n of 1, "n<1" says 0: such a cell is as good as shown, and hiding
  // others cannot protect it.
  const labelled = (key: string) => minN <= 1 && n(key) < minN;
  const { tables, lines } = tablesOf(h);
  // Cells the published figures pin down even with every other cell hidden (the parts of
  // a total of 0) are as good as published: hiding more cannot protect them.
  const everyHideable = new Set([...h.counts.keys()].filter((k) => !published.has(k)));
  const known = new Set([
    ...published,
    ...pinnedCells(
      lines,
      everyHideable,
      (k) => h.counts.get(k) ?? 0,
      (k) => h.counts.has(k),
      minN,
    ),
  ]);
  const hideable = (key: string) => present(key) && !known.has(key);
  const hidden = new Set<string>([...forced].filter((k) => hideable(k) && !labelled(k)));
  for (const [key, count] of h.counts) if (count < minN && !labelled(key) && !known.has(key)) hidden.add(key);
  const bySize = (a: string, b: string) => n(a) - n(b) || a.localeCompare(b);

  const balance = (line: Line): boolean => {
    if (!present(line.total)) return false;
    const parts = line.parts.filter(present);
    const hiddenParts = parts.filter((p) => hidden.has(p));
    const totalHidden = hidden.has(line.total);
    const count = hiddenParts.length + (totalHidden ? 1 : 0);
    return count === 1 && widen(line);
  };

  /** Hides the smallest shown part of the line, else its total; false when all are hidden. */
  const widen = (line: Line): boolean => {
    const next = line.parts.filter((p) => hideable(p) && !hidden.has(p) && n(p) > 0).sort(bySize)[0];
    if (next) hidden.add(next);
    else if (hideable(line.total) && !hidden.has(line.total)) hidden.add(line.total);
    else return false;
    return true;
  };

  // A pinned cell: hide the smallest shown part of one of its sums, else the smallest shown total.
  // One at a time: protecting one often frees others, and a total is hidden only as a last resort.
  const protectPinned = (): boolean => {
    for (const key of pinnedCells(lines, hidden, n, present, minN)) {
      const mine = lines.filter((l) => l.total === key || l.parts.includes(key));
      const shown = (k: string) => hideable(k) && !hidden.has(k) && n(k) > 0;
      const next =
        mine.flatMap((l) => l.parts.filter(shown)).sort(bySize)[0] ??
        mine
          .map((l) => l.total)
          .filter(shown)
          .sort(bySize)[0];
      if (next) {
        hidden.add(next);
        return true;
      }
    }
    return false;
  };

  const protectBridges = (t: Table): boolean => {
    const edges: [string, string][] = [];
    for (const r of t.rows) for (const c of t.columns) if (hidden.has(t.key(r, c))) edges.push([r, c]);
    let changed = false;
    for (const [r, c] of bridgesOf(edges)) {
      let best: { cells: string[]; cost: number } | null = null;
      for (const r2 of t.rows) {
        if (r2 === r) continue;
        for (const c2 of t.columns) {
          if (c2 === c) continue;
          const cells = [t.key(r, c2), t.key(r2, c2), t.key(r2, c)];
          if (!cells.every(present)) continue;
          const fresh = cells.filter((k) => !hidden.has(k));
          if (fresh.some((k) => known.has(k))) continue;
          const cost = fresh.reduce((sum, k) => sum + n(k), 0);
          if (!best || cost < best.cost) best = { cells: fresh, cost };
        }
      }
      if (best?.cells.length) {
        best.cells.forEach((k) => hidden.add(k));
        changed = true;
      }
    }
    return changed;
  };

  for (;;) {
    let changed = false;
    for (const line of lines) changed = balance(line) || changed;
    if (changed) continue;
    if (tables.map(protectBridges).some(Boolean)) continue;
    if (!protectPinned()) break;
  }
  // A cell the published figures pin down whatever else is hidden (a subgroup of a total
  // of 0, the only row of its kind) is no secret: it is shown rather than given a false air.
  for (const key of pinnedCells(lines, hidden, n, present, minN)) hidden.delete(key);
  return hidden;
}

/**
 * Hidden cells whose value an onlooker can pin down from the shown cells, the sums and
 * the labels' bounds, narrowing each hidden cell's range sum by sum until nothing moves.
 */
export function pinnedCells(
  lines: readonly Line[],
  hidden: ReadonlySet<string>,
  n: (key: string) => number,
  present: (key: string) => boolean,
  minN: number,
): string[] {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const key of hidden) {
    lo.set(key, n(key) < minN ? 0 : minN);
    hi.set(key, n(key) < minN ? minN - 1 : Infinity);
  }
  const low = (k: string) => (!present(k) ? 0 : hidden.has(k) ? lo.get(k)! : n(k));
  const high = (k: string) => (!present(k) ? 0 : hidden.has(k) ? hi.get(k)! : n(k));
  const relevant = lines.filter((l) => hidden.has(l.total) || l.parts.some((p) => hidden.has(p)));
  for (let moved = true, rounds = 0; moved && rounds < 100; rounds++) {
    moved = false;
    const narrow = (k: string, from: number, to: number) => {
      if (from > lo.get(k)!) {
        lo.set(k, from);
        moved = true;
      }
      if (to < hi.get(k)!) {
        hi.set(k, to);
        moved = true;
      }
    };
    for (const line of relevant) {
      const lowSum = line.parts.reduce((sum, p) => sum + low(p), 0);
      const open = line.parts.filter((p) => high(p) === Infinity).length;
      const highSum = line.parts.reduce((sum, p) => sum + (high(p) === Infinity ? 0 : high(p)), 0);
      if (hidden.has(line.total)) narrow(line.total, lowSum, open ? Infinity : highSum);
      for (const p of line.parts) {
        if (!hidden.has(p)) continue;
        // The other parts' bounds without p (∞ − ∞ is no number, so open ends are counted).
        const pOpen = high(p) === Infinity;
        const othersHigh = open - (pOpen ? 1 : 0) > 0 ? Infinity : highSum - (pOpen ? 0 : high(p));
        narrow(p, low(line.total) - othersHigh, high(line.total) - (lowSum - low(p)));
      }
    }
  }
  return [...hidden].filter((k) => lo.get(k)! >= hi.get(k)!).sort();
}

/** The edges (row, column) on no cycle: Tarjan's lowlink over the rows–columns graph. */
function bridgesOf(edges: readonly [string, string][]): [string, string][] {
  const next = new Map<string, { to: string; edge: number }[]>();
  const link = (a: string, b: string, edge: number) => next.set(a, [...(next.get(a) ?? []), { to: b, edge }]);
  edges.forEach(([r, c], i) => (link(`r${r}`, `c${c}`, i), link(`c${c}`, `r${r}`, i)));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const bridges: [string, string][] = [];
  for (const root of next.keys()) {
    if (order.has(root)) continue;
    order.set(root, order.size);
    low.set(root, order.get(root)!);
    const stack: { node: string; via: number; i: number }[] = [{ node: root, via: -1, i: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const out = next.get(top.node)!;
      if (top.i < out.length) {
        const { to, edge } = out[top.i++]!;
        if (edge === top.via) continue;
        if (order.has(to)) low.set(top.node, Math.min(low.get(top.node)!, order.get(to)!));
        else {
          order.set(to, order.size);
          low.set(to, order.get(to)!);
          stack.push({ node: to, via: edge, i: 0 });
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node)! > order.get(parent.node)!) bridges.push(edges[top.via]!);
    }
  }
  return bridges;
}
