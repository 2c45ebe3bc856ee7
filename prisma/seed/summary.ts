// What the seed left in the database, counted by the database itself.
import type { ClientBase } from 'pg';
import type { IsoDate } from '../../lib/dates';
import type { District } from './model';
import { formatCount } from './progress';

const TABLES = [
  'district_settings',
  'site',
  'app_user',
  'user_site',
  'provider',
  'tutor_profile',
  'student',
  'screener_result',
  'cycle',
  'no_school_day',
  'tutoring_group',
  'group_meeting',
  'membership',
  'session',
  'attendance',
  'probe',
] as const;

interface Targeting {
  active: number;
  eligible: number;
  placed: number;
  waiting: number;
}

async function tableCounts(client: ClientBase): Promise<Map<string, number>> {
  const sql = TABLES.map((table) => `SELECT '${table}' AS name, count(*)::int AS n FROM "${table}"`).join(
    ' UNION ALL ',
  );
  const { rows } = await client.query<{ name: string; n: number }>(sql);
  return new Map(rows.map((row) => [row.name, row.n]));
}

async function targeting(client: ClientBase): Promise<Targeting> {
  const { rows } = await client.query<Targeting>(`
    WITH active AS (SELECT id FROM student WHERE status = 'ACTIVE'),
         eligible AS (SELECT DISTINCT "studentId" AS id FROM screener_result
                      WHERE percentile < (SELECT "eligibilityPercentile" FROM district_settings WHERE id = 1)
                        AND "studentId" IN (SELECT id FROM active)),
         placed AS (SELECT DISTINCT "studentId" AS id FROM membership)
    SELECT (SELECT count(*) FROM active)::int AS active,
           (SELECT count(*) FROM eligible)::int AS eligible,
           (SELECT count(*) FROM placed)::int AS placed,
           (SELECT count(*) FROM eligible WHERE id NOT IN (SELECT id FROM placed))::int AS waiting`);
  const [row] = rows;
  if (!row) throw new Error('could not count students');
  return row;
}

async function sessionsToday(client: ClientBase, tutorId: string, today: IsoDate): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM session s JOIN tutoring_group g ON g.id = s."groupId"
     WHERE s.date = $2::date AND (g."primaryTutorId" = $1::uuid OR s."substituteTutorId" = $1::uuid)`,
    [tutorId, today],
  );
  return rows[0]?.n ?? 0;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

export async function printSummary(
  client: ClientBase,
  district: District,
  today: IsoDate,
  timings: string,
): Promise<void> {
  const counts = await tableCounts(client);
  const students = await targeting(client);
  const demoSessions = await sessionsToday(client, district.demoTutor.user.id, today);
  const width = Math.max(...TABLES.map((table) => table.length));
  const { cycle } = district;
  const lines = [
    `Seeded ${cycle.name} (${cycle.startDate} to ${cycle.endDate}); today is ${today}. ${timings}`,
    '',
    ...TABLES.map((table) => `  ${table.padEnd(width)}  ${formatCount(counts.get(table) ?? 0).padStart(9)}`),
    '',
    `Eligible (below the 40th percentile in math or ELA): ${formatCount(students.eligible)} of ${formatCount(students.active)} active students (${percent(students.eligible, students.active)}).`,
    `Placed: ${formatCount(students.placed)} students. Waiting for a seat: ${formatCount(students.waiting)}.`,
    '',
    'Demo sign-ins (password demo1234):',
    ...district.demoAccounts.map((account) => `  ${account.email.padEnd(32)} ${account.role}`),
    '',
    `${district.demoTutor.user.email} has ${demoSessions} session${demoSessions === 1 ? '' : 's'} today.`,
  ];
  console.log(lines.join('\n'));
}
