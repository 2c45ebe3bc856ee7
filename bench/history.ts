// Past school years for the xl benchmark district: copies the seeded cycle's groups,
// schedules, placements, sessions, attendance, probes, screeners and no-school days
// `years` times, each copy 52 weeks earlier than the last (weekdays kept), with new
// ids (md5 of the old id and the year offset, so references stay consistent). Bulk
// copy of consistent rows: triggers and foreign-key checks are off for the copy
// (session_replication_role), and every copied (group, week) is then marked stale
// for the fact refresh, as the triggers would have.
import type pg from 'pg';

/** Columns holding ids of copied rows: mapped to the copy's ids. */
const COPIED_IDS = new Set(['id', 'cycleId', 'groupId', 'sessionId', 'membershipId', 'makeupForId']);

interface Column {
  name: string;
  type: string;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<Column[]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}

/** The SELECT list copying a row of `table` k years back (k: a column of the generate_series). */
function copyList(columns: Column[], overrides: Record<string, string>): string {
  return columns
    .map(({ name, type }) => {
      const col = `t."${name}"`;
      if (name in overrides) return overrides[name];
      if (COPIED_IDS.has(name)) return `md5(${col}::text || ':' || k)::uuid`;
      if (name === 'clientId') return 'NULL';
      if (type === 'date') return `${col} - 364 * k`;
      if (type.startsWith('timestamp')) return `${col} - make_interval(days => 364 * k)`;
      return col;
    })
    .join(', ');
}

export async function addHistory(client: pg.ClientBase, years: number): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL session_replication_role = replica`);
    const copy = async (table: string, where = 'TRUE', overrides: Record<string, string> = {}, conflict = '') => {
      const columns = await columnsOf(client, table);
      const started = performance.now();
      const result = await client.query(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')})
         SELECT ${copyList(columns, overrides)} FROM "${table}" t CROSS JOIN generate_series(1, ${years}) k WHERE ${where} ${conflict}`,
      );
      console.error(
        `history: ${table} +${result.rowCount} rows (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    };
    await copy('cycle', 'TRUE', {
      name: `t.name || ' (' || k || (CASE WHEN k = 1 THEN ' year' ELSE ' years' END) || ' earlier)'`,
    });
    await copy('no_school_day', 'TRUE', {}, 'ON CONFLICT DO NOTHING');
    await copy('screener_result', 'TRUE', {}, 'ON CONFLICT DO NOTHING');
    await copy('tutoring_group');
    await copy('group_meeting');
    await copy('membership');
    await copy('session');
    await copy('attendance');
    await copy('probe');
    await client.query(`SET LOCAL session_replication_role = origin`);
    await client.query(
      `INSERT INTO metrics_stale ("groupId", "weekStart")
       SELECT DISTINCT s."groupId", date_trunc('week', s.date::timestamp)::date FROM session s
       WHERE s.date < (SELECT min("startDate") FROM cycle WHERE name NOT LIKE '%earlier)')
       UNION SELECT g.id, date_trunc('week', g."startDate"::timestamp)::date FROM tutoring_group g
       WHERE g."startDate" < (SELECT min("startDate") FROM cycle WHERE name NOT LIKE '%earlier)')`,
    );
    // And the copied placements' probe series, as the probe triggers would have.
    await client.query(
      `INSERT INTO probe_stale ("membershipId")
       SELECT DISTINCT p."membershipId" FROM probe p JOIN membership m ON m.id = p."membershipId"
       WHERE m."startDate" < (SELECT min("startDate") FROM cycle WHERE name NOT LIKE '%earlier)')`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
