// The weekly dashboard on the demo district: its main figures against SQL written
// here from DOMAIN.md's definitions (not the metrics module's), and who may see which
// view. Operational figures are exact: tests/integration/suppression-scope.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as csvRoute } from '../../app/api/dashboard/csv/route';
import { authorizeDashboard, type DashboardTarget } from '../../lib/dashboard/access';
import { dashboardContext, scopeView } from '../../lib/dashboard/queries';
import { studentView } from '../../lib/dashboard/student';
import { NotFoundError } from '../../lib/auth/errors';
import { db } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { run } from '../setup/run';
import { signInAs, signOut } from '../setup/sign-in';

// The demo is seeded for Mon Nov 23 2026 (--today): the app's clock starts on that day
// too (lib/clock.ts), so "this week" and "still to come" are the seed's, on any run day.
const SEED_TODAY = vi.hoisted(() => {
  process.env.APP_CLOCK = '2026-11-23';
  return '2026-11-23';
});

const pool = pgPoolForTests(2);
afterAll(async () => {
  signOut();
  await pool.end();
});

const WEEK = '2026-11-09'; // a whole week of history before the seed's today (Mon Nov 23)
const number = new Intl.NumberFormat('en-US');

let cycleId: string;
let ownSite: string;
let otherSite: string;

beforeAll(async () => {
  await truncateAll(pool);
  const seeded = await run('npx', ['tsx', 'prisma/seed/index.ts', '--today', SEED_TODAY], { ...process.env });
  expect(seeded.status, seeded.stderr).toBe(0);
  cycleId = (await db.cycle.findFirstOrThrow({ select: { id: true } })).id;
  const coordinator = await db.user.findUniqueOrThrow({
    where: { email: 'coordinator@district.example' },
    select: { sites: { select: { siteId: true } } },
  });
  ownSite = coordinator.sites[0]!.siteId;
  otherSite = (await db.site.findFirstOrThrow({ where: { id: { not: ownSite } }, select: { id: true } })).id;
}, 300_000);

async function view(target: Exclude<DashboardTarget, { level: 'student' }>, params: Record<string, string> = {}) {
  const context = await dashboardContext(target, { cycle: cycleId, ...params });
  return scopeView(target, { ...context, filters: context.filters! });
}

/** DOMAIN.md's dose for every student placed in a cycle group, summed over sessions in [from, to] inside the membership dates. */
async function expectedDose(from: string, to: string, siteId?: string) {
  const { rows } = await pool.query<{ scheduled: number; delivered: number; students: number }>(
    `SELECT COALESCE(SUM(CASE WHEN s."makeupForId" IS NULL THEN s."plannedMinutes" ELSE 0 END), 0)::int AS scheduled,
       COALESCE(SUM(CASE WHEN s.status <> 'HELD' THEN 0 WHEN a.status = 'PRESENT' THEN s."actualMinutes" WHEN a.status = 'PARTIAL' THEN a."minutesAttended" ELSE 0 END), 0)::int AS delivered,
       COUNT(DISTINCT m."studentId")::int AS students
     FROM membership m
     JOIN tutoring_group g ON g.id = m."groupId" AND g."cycleId" = $1
     JOIN session s ON s."groupId" = g.id AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
     LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
     WHERE s.date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR g."siteId" = $4::uuid)`,
    [cycleId, from, to, siteId ?? null],
  );
  return rows[0]!;
}

/** Sessions attended (present or late) ÷ held sessions, per student-session inside membership dates. */
async function expectedAttendance(from: string, to: string): Promise<number> {
  const { rows } = await pool.query<{ attended: number; held: number }>(
    `SELECT COUNT(*) FILTER (WHERE a.status IN ('PRESENT', 'PARTIAL'))::int AS attended, COUNT(*)::int AS held
     FROM membership m
     JOIN tutoring_group g ON g.id = m."groupId" AND g."cycleId" = $1
     JOIN session s ON s."groupId" = g.id AND s.status = 'HELD' AND s.date >= m."startDate" AND (m."endDate" IS NULL OR s.date <= m."endDate")
     LEFT JOIN attendance a ON a."sessionId" = s.id AND a."studentId" = m."studentId"
     WHERE s.date BETWEEN $2::date AND $3::date`,
    [cycleId, from, to],
  );
  return rows[0]!.attended / rows[0]!.held;
}

const table = (v: { tables: { id: string; rows: { cells: string[] }[] }[] }, id: string) =>
  v.tables.find((t) => t.id === id)!;
const figure = (v: { summary: { label: string; value: string }[] }, label: string) =>
  v.summary.find((f) => f.label === label)!.value;

describe('main figures', () => {
  it('shows a week’s dose scheduled and delivered as SQL counts them, for the district and for one site', async () => {
    await signInAs('leader@district.example');
    const district = await view({ level: 'district' }, { from: WEEK, to: WEEK });
    const expected = await expectedDose(WEEK, '2026-11-15');
    expect(expected.scheduled).toBeGreaterThan(1000);
    const [row] = table(district, 'weekly').rows;
    expect(row!.cells).toEqual([
      `Week of Nov 9`,
      number.format(expected.students),
      number.format(expected.scheduled),
      number.format(expected.delivered),
      `${Math.round((expected.delivered / expected.scheduled) * 100)}%`,
    ]);
    expect(figure(district, 'Dose scheduled')).toBe(`${number.format(expected.scheduled)} min`);
    expect(figure(district, 'Dose delivered')).toBe(`${number.format(expected.delivered)} min`);
    const point = district.weeks[0]!;
    expect([point.scheduled, point.delivered]).toEqual([expected.scheduled, expected.delivered]);

    const site = await view({ level: 'district' }, { from: WEEK, to: WEEK, site: ownSite });
    const atSite = await expectedDose(WEEK, '2026-11-15', ownSite);
    expect(table(site, 'weekly').rows[0]!.cells.slice(2, 4)).toEqual([
      number.format(atSite.scheduled),
      number.format(atSite.delivered),
    ]);
    const siteView = await view({ level: 'site', siteId: ownSite }, { from: WEEK, to: WEEK, site: otherSite });
    expect(table(siteView, 'weekly').rows[0]!.cells.slice(2, 4), 'a site view ignores a site in the address').toEqual([
      number.format(atSite.scheduled),
      number.format(atSite.delivered),
    ]);
  });

  it('shows the attendance rate over the cycle so far as SQL counts it', async () => {
    await signInAs('leader@district.example');
    const context = await dashboardContext({ level: 'district' }, { cycle: cycleId, to: '2026-11-16' });
    const filters = context.filters!;
    const district = await scopeView({ level: 'district' }, { ...context, filters });
    const rate = await expectedAttendance(filters.fromWeek, '2026-11-22');
    expect(rate).toBeGreaterThan(0.5);
    expect(figure(district, 'Attendance rate')).toBe(`${Math.round(rate * 100)}%`);
  });

  it('gives a student’s ledger the same minutes as their dose figures', async () => {
    await signInAs('coordinator@district.example');
    const member = await db.membership.findFirstOrThrow({
      where: { group: { siteId: ownSite } },
      select: { studentId: true },
    });
    const target = { level: 'student', siteId: ownSite, studentId: member.studentId } as const;
    const context = await dashboardContext(target, { cycle: cycleId });
    const student = await studentView(target, { ...context, filters: context.filters! });
    const ledger = table(student, 'ledger').rows;
    expect(ledger.length).toBeGreaterThan(3);
    const sum = (i: number) => ledger.reduce((total, r) => total + Number(r.cells[i]!.replaceAll(',', '')), 0);
    expect(figure(student, 'Dose scheduled')).toBe(`${number.format(sum(3))} min`);
    expect(figure(student, 'Dose delivered')).toBe(`${number.format(sum(4))} min`);
  });
});

describe('who may see what', () => {
  it('gives a coordinator their own site’s views and not-found for another site’s, page and CSV alike', async () => {
    await signInAs('coordinator@district.example');
    await expect(authorizeDashboard({ level: 'site', siteId: ownSite })).resolves.toBeTruthy();
    await expect(authorizeDashboard({ level: 'site', siteId: otherSite })).rejects.toBeInstanceOf(NotFoundError);
    const otherGroup = await db.group.findFirstOrThrow({ where: { siteId: otherSite }, select: { id: true } });
    await expect(
      authorizeDashboard({ level: 'group', siteId: ownSite, groupId: otherGroup.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const otherStudent = await db.student.findFirstOrThrow({
      where: { siteId: otherSite, memberships: { none: { group: { siteId: ownSite } } } },
      select: { id: true },
    });
    await expect(
      authorizeDashboard({ level: 'student', siteId: ownSite, studentId: otherStudent.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const csv = (query: string) => csvRoute(new Request(`http://localhost/api/dashboard/csv?${query}`));
    expect((await csv(`view=site&siteId=${ownSite}&table=breakdown`)).status).toBe(200);
    expect((await csv(`view=site&siteId=${otherSite}&table=breakdown`)).status).toBe(404);
    expect((await csv(`view=district&table=weekly`)).status).toBe(403);
    signOut();
    expect((await csv(`view=district&table=weekly`)).status).toBe(401);
  });
});
