// The equity tables against an onlooker who downloads all of them: as a district
// leader, on the demo district, every table of /district/equity and its CSV for the
// district and each site filter, each subject. Then the subtractions (district − the
// other sites, total − the shown parts) and whole-table algebra, with what each hidden
// cell's label says ("n<10": 0–9; "suppressed": 10 or more): no hidden count may come out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as equityCsvRoute } from '../../app/api/equity/csv/route';
import { db } from '../../lib/db';
import { EQUITY_COLUMNS, equityContext, equityView, type EquityTable } from '../../lib/equity/view';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { attackSurface, derive } from '../setup/differencing';
import { run } from '../setup/run';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const MIN_N = 10;
const TO = '2026-11-16';
const COUNTS = ['Eligible', 'Placed', 'Placed students with sessions', 'Students with a goal judged'] as const;
const column = (label: string) => EQUITY_COLUMNS.findIndex((c) => c.label === label);

let cycleId: string;
let sites: { id: string; name: string }[];

beforeAll(async () => {
  await truncateAll(pool);
  const seeded = await run('npx', ['tsx', 'prisma/seed/index.ts', '--today', '2026-11-23'], { ...process.env });
  expect(seeded.status, seeded.stderr).toBe(0);
  cycleId = (await db.cycle.findFirstOrThrow({ select: { id: true } })).id;
  sites = await db.site.findMany({ select: { id: true, name: true }, orderBy: { code: 'asc' } });
}, 300_000);

/** Every table a leader can obtain for one subject: the district's ('') and each site's. */
async function obtainAll(subject: string | undefined): Promise<Map<string, EquityTable[]>> {
  const views = new Map<string, EquityTable[]>();
  for (const site of [undefined, ...sites.map((s) => s.id)]) {
    const params = { cycle: cycleId, to: TO, ...(subject ? { subject } : {}), ...(site ? { site } : {}) };
    const context = await equityContext(params);
    expect(context.filters?.siteId).toBe(site);
    views.set(site ?? '', (await equityView({ ...context, filters: context.filters! })).tables);
  }
  return views;
}

describe('equity tables against differencing', () => {
  it('gives no hidden count back, from any table, the district against its sites, or the shares beside them', async () => {
    await signInAs('leader@district.example');
    const leaks: string[] = [];
    let hiddenCells = 0;
    for (const subject of [undefined, 'MATH', 'ELA']) {
      const views = await obtainAll(subject);
      for (const label of COUNTS) {
        const { sums, seen } = attackSurface(views, sites, column(label), MIN_N);
        hiddenCells += [...seen.values()].filter((s) => !('value' in s)).length;
        for (const [cell, value] of derive(sums, seen))
          leaks.push(`${subject ?? 'any subject'} · ${label} · ${cell} = ${value}`);
      }
      // A share printed as a whole percent beside a shown eligible count gives placed back.
      for (const tables of views.values()) {
        for (const row of tables.flatMap((t) => t.rows)) {
          const [eligible, placed, access] = ['Eligible', 'Placed', 'Access (placed ÷ eligible)'].map(
            (l) => row.cells[column(l)]!,
          );
          if (/^\d+$/.test(eligible!) && !/^\d+$/.test(placed!) && /^\d+%$/.test(access!)) {
            leaks.push(`${subject ?? 'any subject'} · ${row.cells[0]}: placed from ${access} of ${eligible}`);
          }
        }
      }
    }
    expect(hiddenCells, 'the demo district has small cells to protect').toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('downloads the same cells as the page shows, for the district and each site, each table', async () => {
    await signInAs('leader@district.example');
    const subject = 'ELA';
    const views = await obtainAll(subject);
    for (const site of ['', ...sites.map((s) => s.id)]) {
      for (const table of views.get(site)!) {
        const url = `http://localhost/api/equity/csv?cycle=${cycleId}&to=${TO}&subject=${subject}&site=${site}&table=${table.id}`;
        const response = await equityCsvRoute(new Request(url));
        expect(response.status).toBe(200);
        const lines = (await response.text())
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .slice(1);
        expect(
          lines.map((l) => l.split(',')[2]),
          `${site || 'district'} ${table.id}`,
        ).toEqual(table.rows.map((r) => r.cells[2]));
      }
    }
  }, 120_000);
});
