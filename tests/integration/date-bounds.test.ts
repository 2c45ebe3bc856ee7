// Dates from an address: an export, a CSV or a page given a date outside
// 2000-01-01…2100-12-31 answers at once with a refusal. Before, from=0000-01-01
// looped forever in the rollup planner and took the whole server down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as dashboardCsv } from '../../app/api/dashboard/csv/route';
import { GET as equityCsv } from '../../app/api/equity/csv/route';
import { GET as exportRoute } from '../../app/api/exports/students/route';
import { GET as reviewCsv } from '../../app/api/review/csv/route';
import { db } from '../../lib/db';
import { studentExportRows } from '../../lib/student-export/export';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { makeCycle, makeSite } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(1);
let siteId: string;

beforeAll(async () => {
  await truncateAll(pool);
  siteId = (await makeSite(db)).id;
  await makeCycle(db);
  await db.user.create({
    data: { email: 'coord@test.example', name: 'Cora', role: 'SITE_COORDINATOR', sites: { create: [{ siteId }] } },
  });
  await db.user.create({ data: { email: 'lead@test.example', name: 'Lee', role: 'DISTRICT_LEADER' } });
});

afterAll(async () => {
  signOut();
  await pool.end();
});

const WINDOWS = [
  ['0000-01-01', '0000-01-01'],
  ['9999-12-20', '9999-12-31'],
  ['2026-11-31', '2026-12-05'],
  ['1999-12-27', '2000-01-09'],
] as const;

describe('the per-student export', () => {
  it('sends a coordinator’s window outside the accepted dates back to the form, without reading anything', async () => {
    await signInAs('coord@test.example');
    for (const [from, to] of WINDOWS) {
      const answer = await exportRoute(
        new Request(`http://localhost/api/exports/students?from=${from}&to=${to}&site=${siteId}&origin=site`),
      );
      expect(answer.status, `${from}..${to}`).toBe(303);
      expect(answer.headers.get('location'), `${from}..${to}`).toContain('invalid=1');
    }
    expect(await db.auditEvent.count({ where: { action: 'exports.students' } })).toBe(0);
  });

  it('answers a request that is not the form with 400 and the reason', async () => {
    await signInAs('coord@test.example');
    const answer = await exportRoute(
      new Request(`http://localhost/api/exports/students?from=0000-01-01&to=0000-01-01&site=${siteId}`),
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(/2000-01-01/);
  });

  it('never loops even when called past the form check (the planner is bounded)', async () => {
    // "As of" ends any window at yesterday: a window in 9999 counts nothing, at once.
    await expect(studentExportRows({ from: '9999-12-20', to: '9999-12-31', site: siteId })).resolves.toEqual([]);
  });
});

describe('CSV downloads', () => {
  it('answer 400 with the reason for a date outside the range or not on the calendar', async () => {
    await signInAs('lead@test.example');
    for (const [from, to] of WINDOWS) {
      for (const answer of [
        await dashboardCsv(
          new Request(`http://localhost/api/dashboard/csv?view=district&table=weekly&from=${from}&to=${to}`),
        ),
        await equityCsv(new Request(`http://localhost/api/equity/csv?table=gender&from=${from}&to=${to}`)),
        await reviewCsv(new Request(`http://localhost/api/review/csv?view=costs&table=by-site&from=${from}&to=${to}`)),
        await reviewCsv(new Request(`http://localhost/api/review/csv?view=district&table=flags&week=${from}`)),
      ]) {
        expect(answer.status, `${answer.url} ${from}..${to}`).toBe(400);
        expect((await answer.json()).message).toMatch(/between 2000-01-01 and 2100-12-31|not a real date/);
      }
    }
  });
});

describe('pages', () => {
  it('the site schedule names a refused week instead of failing', async () => {
    await signInAs('coord@test.example');
    const { default: SchedulePage } = await import('../../app/sites/[siteId]/schedule/page');
    for (const week of ['0000-01-01', '9999-12-31', '2026-11-31']) {
      const page = await SchedulePage({ params: Promise.resolve({ siteId }), searchParams: Promise.resolve({ week }) });
      expect(JSON.stringify(page), week).toMatch(/between 2000-01-01 and 2100-12-31|not a real date/);
    }
  });
});
