// Recomputing the rollup's stale (group, week) pairs: the one step that keeps
// metrics_student_week and metrics_group_week current. No "server-only" here: the
// app's fact worker (./rollup-worker.ts), `npm run db:migrate` and the seed all run it,
// the last two from plain Node scripts over a pg client.
//
// A step claims at most `limit` marker rows (FOR UPDATE SKIP LOCKED, so it never waits
// on a writer still holding its markers), a group's together where it can, then
// recomputes their pairs from the fact builders in a new statement, whose snapshot
// (READ COMMITTED) includes every write whose marker was claimed, and rewrites those
// groups' running totals (metrics_*_cume) from their rollup rows and their program
// standard's window-free facts (metrics_group_standard). The weeks it touched
// are listed in metrics_week_stale; a week step (weekTotalsStep) recomputes their week
// totals once the pairs are done, so a rebuild of every pair sums each week once.
// Steps are serialized by a transaction-level advisory lock.
// A step is one short transaction: on the embedded database (one connection) other
// requests get their turn between steps.
import type pg from 'pg';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { probeScoresSql } from './probe-series-sql';
import {
  groupCumeInsertSql,
  groupStandardInsertSql,
  groupWeekRollupInsertSql,
  studentCumeInsertSql,
  studentWeekRollupInsertSql,
  weekTotalInsertSql,
  type RollupPairs,
} from './facts-sql';

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
      USING (SELECT id FROM metrics_stale ORDER BY "groupId", "weekStart" LIMIT ${limit} FOR UPDATE SKIP LOCKED) c
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
  // A group's running totals from its rollup rows (a few hundred rows a group).
  const groupIds = [...new Set(pairs.groupIds)];
  for (const table of ['metrics_student_cume', 'metrics_group_cume', 'metrics_group_standard'] as const) {
    await tx.$executeRaw(Prisma.sql`DELETE FROM ${Prisma.raw(table)} WHERE "groupId" = ANY(${groupIds}::uuid[])`);
  }
  await tx.$executeRaw(studentCumeInsertSql(groupIds));
  await tx.$executeRaw(groupCumeInsertSql(groupIds));
  await tx.$executeRaw(groupStandardInsertSql(groupIds));
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO metrics_week_stale ("weekStart") SELECT DISTINCT w FROM unnest(${pairs.weeks}::date[]) AS w ON CONFLICT DO NOTHING`);
  // The dashboards' snapshots built before this commit are outdated in these weeks (lib/snapshots).
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO metrics_change ("xid", "weekStart")
    SELECT DISTINCT pg_current_xact_id()::text::bigint, w FROM unnest(${pairs.weeks}::date[]) AS w ON CONFLICT DO NOTHING`);
  return claimed.length;
}

/**
 * Recomputes the week totals of every week listed in metrics_week_stale, inside the
 * caller's transaction. Answers the number of weeks (0: none was stale).
 */
export async function weekTotalsStep(tx: RawClient): Promise<number> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('metrics_rollup_refresh'), 0)`);
  const claimed = await tx.$queryRaw<{ weekStart: IsoDate }[]>(Prisma.sql`
    DELETE FROM metrics_week_stale RETURNING to_char("weekStart", 'YYYY-MM-DD') AS "weekStart"`);
  if (!claimed.length) return 0;
  const weeks = claimed.map((w) => w.weekStart);
  await tx.$executeRaw(Prisma.sql`DELETE FROM metrics_week_total WHERE "weekStart" = ANY(${weeks}::date[])`);
  await tx.$executeRaw(weekTotalInsertSql(weeks));
  return weeks.length;
}

/** Placement markers claimed per probe-series step. */
export const PROBE_STEP_MARKERS = 5_000;

/**
 * Rewrites the probe series (probe_series) of up to `limit` placements marked in
 * probe_stale, inside the caller's transaction. Answers the placements rewritten.
 */
export async function probeSeriesStep(tx: RawClient, limit = PROBE_STEP_MARKERS): Promise<number> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('metrics_rollup_refresh'), 0)`);
  const claimed = await tx.$queryRaw<{ membershipId: string }[]>(Prisma.sql`
    WITH claimed AS (
      DELETE FROM probe_stale ps
      USING (SELECT id FROM probe_stale ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED) c
      WHERE ps.id = c.id
      RETURNING ps."membershipId"
    )
    SELECT DISTINCT "membershipId"::text AS "membershipId" FROM claimed`);
  if (!claimed.length) return 0;
  const ids = claimed.map((c) => c.membershipId);
  await tx.$executeRaw(Prisma.sql`DELETE FROM probe_series WHERE "membershipId" = ANY(${ids}::uuid[])`);
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO probe_series ("membershipId", "lastOn", scores)
    SELECT m.id, MAX(p."administeredOn"), ${probeScoresSql}
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN probe p ON p."membershipId" = m.id AND p.measure = g."probeMeasure"
    WHERE m.id = ANY(${ids}::uuid[])
    GROUP BY m.id`);
  // Growth may change in any window: every snapshot built before this commit is outdated.
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO metrics_change ("xid", "weekStart") VALUES (pg_current_xact_id()::text::bigint, '-infinity') ON CONFLICT DO NOTHING`);
  return ids.length;
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
  const step = async <T>(fn: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await fn();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  for (;;) {
    const pairs = await step(() => refreshStep(raw));
    if (pairs === 0) break;
    total += pairs;
  }
  await step(() => weekTotalsStep(raw));
  while ((await step(() => probeSeriesStep(raw))) > 0);
  return total;
}
