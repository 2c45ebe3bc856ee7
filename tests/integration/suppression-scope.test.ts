// Suppression's scope on the demo district (DOMAIN.md, Policy): operational figures
// (district, site and group dashboards, costs) are exact, checked against SQL written
// here; only demographic subgroups are suppressed, and no figure on the equity page or
// beside it gives a hidden cell back; every CSV writes its figures as plain numbers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as dashboardCsvRoute } from '../../app/api/dashboard/csv/route';
import { GET as equityCsvRoute } from '../../app/api/equity/csv/route';
import { GET as reviewCsvRoute } from '../../app/api/review/csv/route';
import type { DashboardTarget } from '../../lib/dashboard/access';
import { dashboardContext, scopeView } from '../../lib/dashboard/queries';
import { db } from '../../lib/db';
import { EQUITY_COLUMNS, equityContext, equityView, type EquityTable } from '../../lib/equity/view';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { attackSurface, derive } from '../setup/differencing';
import { run } from '../setup/run';
import { signInAs, signOut } from '../setup/sign-in';

const SEED_TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-11-23';
  return '2026-11-23';
});

const pool = pgPoolForTests(1);
afterAll(async () => {
  signOut();
  await pool.end();
});

const MIN_N = 10;
// Whole weeks in the past: the cycle's first week to the week of Nov 16 (sessions up to Sun Nov 22).
const TO_WEEK = '2026-11-16';
const TO_DATE = '2026-11-22';
const CODES = new Set(['n<10', 'suppressed', '≤5%', '≥95%']);
const HIDDEN = new Set(['n<10', 'suppressed']);
const column = (label: string) => EQUITY_COLUMNS.findIndex((c) => c.label === label);
const COUNTS = ['Eligible', 'Placed', 'Placed students with sessions', 'Students with a goal judged'] as const;

let cycleId: string;
let sites: { id: string; name: string }[];

beforeAll(async () => {
  await truncateAll(pool);
  const seeded = await run('npx', ['tsx', 'prisma/seed/index.ts', '--today', SEED_TODAY], { ...process.env });
  expect(seeded.status, seeded.stderr).toBe(0);
  cycleId = (await db.cycle.findFirstOrThrow({ select: { id: true } })).id;
  sites = await db.site.findMany({ select: { id: true, name: true }, orderBy: { code: 'asc' } });
}, 300_000);

async function view(target: Exclude<DashboardTarget, { level: 'student' }>) {
  const context = await dashboardContext(target, { cycle: cycleId, to: TO_WEEK });
  return scopeView(target, { ...context, filters: context.filters! });
}

/** Minutes per student and group, from raw rows: sessions of the cycle's groups inside each membership's dates, up to TO_DATE. */
async function rawDose(where: { siteId?: string; groupId?: string }) {
  const { rows } = await pool.query<{ studentId: string; groupId: string; scheduled: number; delivered: number }>(
    `SELECT m."studentId", g.id AS "groupId",
       COALESCE(SUM(CASE WHEN s."makeupForId" IS NULL THEN s."plannedMinutes" ELSE 0 END), 0)::int AS scheduled,
       COALESCE(SUM(CASE WHEN s.status <> 'HELD' THEN 0 WHEN a.status = 'PRESENT' THEN s."actualMinutes" WHEN a.status = 'PARTIAL' THEN a."minutesAttended" ELSE 0 END), 0)::int AS delivered
     FROM membership m
     JOIN tutoring_group g ON g.id = m."groupId" AND g."cycleId" = $1
     JOIN session s ON s."groupId" = g.id AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
     LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
     WHERE s.date <= $2::date AND ($3::uuid IS NULL OR g."siteId" = $3::uuid) AND ($4::uuid IS NULL OR g.id = $4::uuid)
     GROUP BY m."studentId", g.id`,
    [cycleId, TO_DATE, where.siteId ?? null, where.groupId ?? null],
  );
  return rows;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const count = (text: string) => Number(text.replaceAll(',', ''));
const minutes = (text: string) => Number(text.replace(/ min$/, '').replaceAll(',', ''));
const cellsOf = (v: { tables: { rows: { cells: string[] }[] }[]; summary: { value: string }[] }) => [
  ...v.summary.map((f) => f.value),
  ...v.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)),
];

/** The smallest group with members at a site, and that site. */
async function smallGroup() {
  const groups = await db.group.findMany({
    where: { cycleId, memberships: { some: {} } },
    select: { id: true, siteId: true, _count: { select: { memberships: true } } },
  });
  return groups.sort((a, b) => a._count.memberships - b._count.memberships)[0]!;
}

describe('operational figures are exact', () => {
  it('shows a small group’s figures exactly, each as SQL counts it from raw rows', async () => {
    await signInAs('leader@district.example');
    const group = await smallGroup();
    const raw = await rawDose({ groupId: group.id });
    expect(raw.length, 'a group under the policy n').toBeLessThan(MIN_N);
    const v = await view({ level: 'group', siteId: group.siteId, groupId: group.id });
    const figure = (label: string) => v.summary.find((f) => f.label === label)!.value;
    expect(count(figure('Students'))).toBe(raw.length);
    expect(minutes(figure('Dose scheduled'))).toBe(sum(raw.map((r) => r.scheduled)));
    expect(minutes(figure('Dose delivered'))).toBe(sum(raw.map((r) => r.delivered)));
    const weekly = v.tables.find((t) => t.id === 'weekly')!.rows;
    expect(sum(weekly.map((r) => (r.cells[3] === '—' ? 0 : count(r.cells[3]!))))).toBe(
      sum(raw.map((r) => r.delivered)),
    );
    const students = v.tables.find((t) => t.id === 'breakdown')!.rows;
    expect(students.map((r) => count(r.cells[3]!)).sort((a, b) => a - b)).toEqual(
      raw.map((r) => r.delivered).sort((a, b) => a - b),
    );
    for (const cell of cellsOf(v))
      expect(CODES.has(cell) || cell.includes('<5%') || cell.includes('>95%'), cell).toBe(false);
  });

  it('shows each group of a site exactly, small ones too, and the site’s figures add up from them', async () => {
    await signInAs('leader@district.example');
    const { siteId } = await smallGroup();
    const raw = await rawDose({ siteId });
    const v = await view({ level: 'site', siteId });
    const names = new Map(
      (await db.group.findMany({ where: { siteId }, select: { id: true, name: true } })).map((g) => [g.name, g.id]),
    );
    const rows = v.tables.find((t) => t.id === 'breakdown')!.rows;
    let small = 0;
    for (const row of rows) {
      const mine = raw.filter((r) => r.groupId === names.get(row.cells[0]!));
      if (mine.length < MIN_N) small++;
      expect([count(row.cells[1]!), count(row.cells[2]!), count(row.cells[3]!)], row.cells[0]).toEqual([
        mine.length,
        sum(mine.map((r) => r.scheduled)),
        sum(mine.map((r) => r.delivered)),
      ]);
    }
    expect(small, 'the site has groups under the policy n').toBeGreaterThan(0);
    const figure = (label: string) => v.summary.find((f) => f.label === label)!.value;
    expect(count(figure('Students'))).toBe(new Set(raw.map((r) => r.studentId)).size);
    expect(minutes(figure('Dose delivered'))).toBe(sum(raw.map((r) => r.delivered)));
    // Placement coverage: exact, and the waitlist is eligible − placed, as the headline says.
    const coverage = v.tables.find((t) => t.id === 'coverage')!.rows.map((r) => count(r.cells[1]!));
    expect(coverage[2]).toBe(coverage[0]! - coverage[1]!);
    expect(v.summary.find((f) => f.label === 'Placement coverage')!.basis).toContain(
      `${coverage[1]} of ${coverage[0]} eligible`,
    );
    for (const cell of cellsOf(v)) expect(CODES.has(cell), cell).toBe(false);
  });
});

/** Every equity table a leader can obtain: the district's ('') and each site's. */
async function obtainAll(subject?: string): Promise<Map<string, EquityTable[]>> {
  const views = new Map<string, EquityTable[]>();
  for (const site of [undefined, ...sites.map((s) => s.id)]) {
    const context = await equityContext({
      cycle: cycleId,
      to: TO_WEEK,
      ...(subject ? { subject } : {}),
      ...(site ? { site } : {}),
    });
    views.set(site ?? '', (await equityView({ ...context, filters: context.filters! })).tables);
  }
  return views;
}

describe('subgroup suppression, and nothing beside it gives a cell back', () => {
  it('shows all students, sites and grades exactly, as the site dashboards do, and no demographic cell follows from them', async () => {
    await signInAs('leader@district.example');
    const views = await obtainAll();
    for (const site of sites) {
      const tables = views.get(site.id)!;
      const all = tables[0]!.rows.find((r) => r.emphasis === 'reference')!;
      for (const label of COUNTS) expect(all.cells[column(label)], `${site.name} ${label}`).toMatch(/^\d+$/);
      // The site dashboard's coverage (staff see it exactly) is the equity page's headline for the site.
      const dashboard = await view({ level: 'site', siteId: site.id });
      const coverage = dashboard.tables.find((t) => t.id === 'coverage')!.rows.map((r) => r.cells[1]!);
      expect([all.cells[column('Eligible')], all.cells[column('Placed')]], site.name).toEqual([
        coverage[0],
        coverage[1],
      ]);
      for (const t of tables.filter((x) => x.id === 'grade' || x.id === 'site')) {
        for (const r of t.rows)
          for (const label of COUNTS)
            expect(r.cells[column(label)], `${site.name} ${t.id} ${r.cells[0]}`).toMatch(/^\d+$/);
      }
    }
    // With every total and the sites and grades known, an onlooker with every table works out no hidden cell.
    const leaks: string[] = [];
    let hidden = 0;
    for (const label of COUNTS) {
      const { sums, seen } = attackSurface(views, sites, column(label), MIN_N);
      hidden += [...seen.values()].filter((s) => !('value' in s)).length;
      for (const [cell, value] of derive(sums, seen)) leaks.push(`${label} · ${cell} = ${value}`);
    }
    expect(hidden, 'the demo district has small subgroups to protect').toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('labels each hidden cell truthfully against the shown total, and prints no count beside an extreme share', async () => {
    await signInAs('leader@district.example');
    const views = await obtainAll();
    let complementary = 0;
    for (const [site, tables] of views) {
      for (const t of tables.filter((x) => x.id !== 'site' && x.id !== 'grade')) {
        const total = t.rows.find((r) => r.emphasis === 'reference')!;
        const parts = t.rows.filter((r) => r.emphasis !== 'reference');
        for (const label of COUNTS) {
          const j = column(label);
          const texts = parts.map((r) => r.cells[j]!);
          const rest = count(total.cells[j]!) - sum(texts.filter((x) => !HIDDEN.has(x)).map(count));
          const small = texts.filter((x) => x === 'n<10').length;
          const large = texts.filter((x) => x === 'suppressed').length;
          complementary += large;
          // What the hidden cells add up to must fit their labels: "n<10" is 0–9, "suppressed" 10 or more.
          expect(rest, `${site || 'district'} ${t.id} ${label}`).toBeGreaterThanOrEqual(MIN_N * large);
          if (large === 0)
            expect(rest, `${site || 'district'} ${t.id} ${label}: ${texts.join(' | ')}`).toBeLessThanOrEqual(
              (MIN_N - 1) * small,
            );
        }
        for (const r of parts) {
          const access = r.cells[column('Access (placed ÷ eligible)')]!;
          if (access === '≤5%' || access === '≥95%')
            expect(HIDDEN.has(r.cells[column('Placed')]!), `${t.id} ${r.cells[0]}: ${access}`).toBe(true);
        }
      }
    }
    expect(complementary, 'some cell is hidden to protect another').toBeGreaterThan(0);
  }, 120_000);
});

/** The rows of a CSV response (no quoted commas in these tables' figures). */
async function csvRows(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  for (const line of text.trim().split('\r\n')) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

const isNumber = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell);

describe('CSV figures are numbers', () => {
  it('writes the dashboard’s minutes as integers that add up to the raw total, shares as numbers with "%" in the header', async () => {
    await signInAs('leader@district.example');
    const { siteId } = await smallGroup();
    const raw = await rawDose({ siteId });
    const csv = (table: string) =>
      dashboardCsvRoute(
        new Request(
          `http://localhost/api/dashboard/csv?view=site&siteId=${siteId}&table=${table}&cycle=${cycleId}&to=${TO_WEEK}`,
        ),
      );
    const breakdown = await csvRows(await csv('breakdown'));
    expect(breakdown[0]).toEqual([
      'Group',
      'Students',
      'Scheduled (min)',
      'Delivered (min)',
      'Dose rate (%)',
      'Attendance rate (%)',
      'Sessions held',
      'Session delivery rate (%)',
      'On track',
    ]);
    for (const row of breakdown.slice(1)) {
      for (const cell of row.slice(1, 8)) expect(isNumber(cell) || cell === '', `${row[0]}: ${cell}`).toBe(true);
      expect(row[8]).toMatch(/^(On track|Off track: .+|—)$/);
    }
    expect(sum(breakdown.slice(1).map((r) => Number(r[3])))).toBe(sum(raw.map((r) => r.delivered)));
    expect(sum(breakdown.slice(1).map((r) => Number(r[2])))).toBe(sum(raw.map((r) => r.scheduled)));
    const weekly = await csvRows(await csv('weekly'));
    expect(weekly[0]).toEqual(['Week', 'Students', 'Scheduled (min)', 'Delivered (min)', 'Dose rate (%)']);
    expect(sum(weekly.slice(1).map((r) => Number(r[3])))).toBe(sum(raw.map((r) => r.delivered)));
    const lost = await csvRows(await csv('lost'));
    expect(lost[0]).toEqual(['Reason', 'Minutes', 'Share of scheduled (%)']);
    for (const row of lost.slice(1))
      expect(isNumber(row[1]!) && (isNumber(row[2]!) || row[2] === ''), row.join(' | ')).toBe(true);
    // The parts add up to the total, negative "shortened" minutes included.
    expect(sum(lost.slice(1, -1).map((r) => Number(r[1])))).toBe(Number(lost.at(-1)![1]));
    const summary = await csvRows(await csv('summary'));
    expect(summary[0]).toEqual(['Figure', 'Value', 'Unit', 'Basis']);
    const delivered = summary.find((r) => r[0] === 'Dose delivered')!;
    expect([delivered[1], delivered[2]]).toEqual([String(sum(raw.map((r) => r.delivered))), 'min']);
    for (const row of summary.slice(1)) expect(isNumber(row[1]!) || row[1] === '—', row.join(' | ')).toBe(true);
  });

  it('writes equity figures as numbers, keeping the suppression codes', async () => {
    await signInAs('leader@district.example');
    const site = sites[0]!.id;
    for (const table of ['gender', 'raceEthnicity', 'grade']) {
      const rows = await csvRows(
        await equityCsvRoute(
          new Request(`http://localhost/api/equity/csv?cycle=${cycleId}&to=${TO_WEEK}&site=${site}&table=${table}`),
        ),
      );
      expect(rows[0]![column('Access (placed ÷ eligible)')]).toBe('Access (placed ÷ eligible) (%)');
      EQUITY_COLUMNS.forEach((c, j) => {
        if (!('numeric' in c && c.numeric)) return;
        for (const row of rows.slice(1))
          expect(
            isNumber(row[j]!) || CODES.has(row[j]!) || row[j] === '',
            `${table} ${row[0]} ${c.label}: ${row[j]}`,
          ).toBe(true);
      });
      // Parts of a count with nothing hidden add up to the all-students row.
      const eligible = rows.slice(2).map((r) => r[column('Eligible')]!);
      if (eligible.every(isNumber)) expect(sum(eligible.map(Number)), table).toBe(Number(rows[1]![column('Eligible')]));
    }
  });

  it('writes the cost view’s hours and dollars as numbers that add up to its total row and to the raw held minutes', async () => {
    await signInAs('leader@district.example');
    const cycle = await db.cycle.findFirstOrThrow({ select: { startDate: true } });
    const from = cycle.startDate.toISOString().slice(0, 10);
    const rows = await csvRows(
      await reviewCsvRoute(
        new Request(
          `http://localhost/api/review/csv?view=costs&table=by-site&cycle=${cycleId}&from=${from}&to=${TO_DATE}`,
        ),
      ),
    );
    expect(rows[0]!.slice(0, 4)).toEqual(['Site', 'Hours delivered', 'Hours with a cost', 'Tutor cost ($)']);
    const { rows: held } = await pool.query<{ minutes: number }>(
      `SELECT COALESCE(SUM(s."actualMinutes"), 0)::int AS minutes FROM session s JOIN tutoring_group g ON g.id = s."groupId" AND g."cycleId" = $1
       WHERE s.status = 'HELD' AND s.date BETWEEN $2::date AND $3::date`,
      [cycleId, from, TO_DATE],
    );
    const total = rows.at(-1)!;
    expect(Number(total[1])).toBeCloseTo(held[0]!.minutes / 60, 3);
    for (const j of [1, 2, 5, 6]) {
      for (const row of rows.slice(1)) expect(isNumber(row[j]!), `${row[0]} ${rows[0]![j]}: ${row[j]}`).toBe(true);
      expect(sum(rows.slice(1, -1).map((r) => Number(r[j]))), rows[0]![j]).toBeCloseTo(Number(total[j]), 2);
    }
  });
});
