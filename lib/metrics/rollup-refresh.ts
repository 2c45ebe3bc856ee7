// Recomputing the rollup's stale (group, week) pairs: the one step that keeps
// metrics_student_week and metrics_group_week current. No "server-only" here: the
// app's fact worker (./rollup-worker.ts), `npm run db:migrate` and the seed all run it,
// the last two from plain Node scripts over a pg client.
//
// A step claims at most `limit` marker rows (FOR UPDATE SKIP LOCKED, so it never waits
// on a writer still holding its markers), then recomputes their pairs from the fact
// builders in a new statement, whose snapshot (READ COMMITTED) includes every write
// whose marker was claimed. Steps are serialized by a transaction-level advisory lock.
// A step is one short transaction: on the embedded database (one connection) other
// requests get their turn between steps.
import type pg from 'pg';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { groupWeekRollupInsertSql, studentWeekRollupInsertSql, type RollupPairs } from './facts-sql';

/** What a step needs of a client: raw queries, inside one open transaction. */
export interface RawClient {
  $executeRaw(query: Prisma.Sql): Promise<number>;
  $queryRaw<T = unknown>(query: Prisma.Sql): Promise<T>;
}

/** Marker rows claimed per step: a few seconds of work on the large district. */
export const REFRESH_STEP_MARKERS = 2_000;

/**
 * One step, inside the caller's READ COMMITTED transaction: claims up to `limit` markers
 * and recomputes their pairs. Answers the number of distinct pairs recomputed (0: nothing was stale).
 */
export async function refreshStep(tx: RawClient, limit = REFRESH_STEP_MARKERS): Promise<number> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('metrics_rollup_refresh'), 0)`);
  const claimed = await tx.$queryRaw<{ groupId: string; weekStart: IsoDate }[]>(Prisma.sql`
    WITH claimed AS (
      DELETE FROM metrics_stale ms
      USING (SELECT id FROM metrics_stale ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED) c
      WHERE ms.id = c.id
      RETURNING ms."groupId", ms."weekStart"
    )
    SELECT DISTINCT "groupId"::text AS "groupId", to_char("weekStart", 'YYYY-MM-DD') AS "weekStart" FROM claimed`);
  if (!claimed.length) return 0;
  const pairs: RollupPairs = { groupIds: claimed.map((p) => p.groupId), weeks: claimed.map((p) => p.weekStart) };
  for (const table of ['metrics_student_week', 'metrics_group_week'] as const) {
    await tx.$executeRaw(Prisma.sql`
      DELETE FROM ${Prisma.raw(table)} r USING unnest(${pairs.groupIds}::uuid[], ${pairs.weeks}::date[]) AS c("groupId", "weekStart")
      WHERE r."groupId" = c."groupId" AND r."weekStart" = c."weekStart"`);
  }
  await tx.$executeRaw(studentWeekRollupInsertSql(pairs));
  await tx.$executeRaw(groupWeekRollupInsertSql(pairs));
  return claimed.length;
}

/** A pg client as a RawClient (Prisma.Sql's `text` has $n placeholders, `values` the parameters). */
export function pgRawClient(client: pg.ClientBase): RawClient {
  return {
    $executeRaw: async (query) => (await client.query(query.text, query.values)).rowCount ?? 0,
    $queryRaw: async <T>(query: Prisma.Sql) => (await client.query(query.text, query.values)).rows as T,
  };
}

/**
 * Recomputes every stale pair over a pg client that is not in a transaction, a step per
 * transaction, until nothing is stale. For scripts (migrate, seed). Answers the pairs recomputed.
 */
export async function refreshAllWithPg(client: pg.ClientBase): Promise<number> {
  const raw = pgRawClient(client);
  let total = 0;
  for (;;) {
    await client.query('BEGIN');
    try {
      const pairs = await refreshStep(raw);
      await client.query('COMMIT');
      if (pairs === 0) return total;
      total += pairs;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
