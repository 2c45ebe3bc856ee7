// Session delivery rate (DOMAIN.md: held ÷ (held + cancelled) sessions) for each
// group, site or tutor in a scope, summed from the group-week facts (./facts-sql.ts;
// whole weeks from the rollup, ./rollup.ts), up to "as of"; the window's later
// sessions are counted apart as still to come.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { cancelledColumn, groupWeekFactsPlannedSql } from './facts-sql';
import { factsPlanFor } from './rollup';
import { asOfWindow } from './rollup-plan';
import { metricsPolicy, type MetricsPolicy, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;

export type SessionDeliveryBy = 'group' | 'site' | 'tutor' | 'all';

export interface SessionDelivery {
  /** The group, site or tutor id; 'all' for the whole scope. */
  key: string;
  held: number;
  cancelled: number;
  cancelledByReason: Record<CancellationReasonCode, number>;
  /** Past sessions nobody has logged: neither held nor cancelled, so outside the rate. */
  unlogged: number;
  /** Sessions of the window after "as of" (today or later), whatever their status: in none of the other counts. */
  stillToCome: number;
  makeupsHeld: number;
  /** held ÷ (held + cancelled); null before any session was held or cancelled. */
  deliveryRate: number | null;
}

const keyColumn: Record<SessionDeliveryBy, Prisma.Sql> = {
  group: Prisma.sql`"groupId"::text`,
  site: Prisma.sql`"siteId"::text`,
  tutor: Prisma.sql`"tutorId"::text`,
  all: Prisma.sql`'all'`,
};

/** A session's tutor is who delivered it, else the substitute assigned, else the group's primary tutor. */
export async function sessionDelivery(
  db: Db,
  scope: MetricsScope,
  options: { by?: SessionDeliveryBy; policy?: Pick<MetricsPolicy, 'today'> } = {},
): Promise<SessionDelivery[]> {
  const { today } = options.policy ?? (await metricsPolicy(db));
  const cancelledColumns = CANCELLATION_REASONS.map(cancelledColumn);
  const columns = ['held', 'unlogged', 'makeupsHeld', ...cancelledColumns];
  const { counted, stillToCome } = asOfWindow(scope.from, scope.to, today);
  const past = counted ? { ...scope, from: counted[0], to: counted[1] } : null;
  const none = { rollupWeeks: [], live: [] };
  const plan = past ? await factsPlanFor(db, past, today) : none;
  const later = stillToCome ? groupWeekFactsPlannedSql({ ...scope, from: stillToCome[0], to: stillToCome[1] }, { rollupWeeks: [], live: [stillToCome] }) : groupWeekFactsPlannedSql(scope, none);
  const key = keyColumn[options.by ?? 'group'];
  const rows = await db.$queryRaw<(Record<string, number> & { key: string })[]>`
    WITH facts AS (${groupWeekFactsPlannedSql(past ?? scope, plan)}), later AS (${later})
    SELECT key, ${Prisma.raw([...columns, 'stillToCome'].map((c) => `SUM("${c}")::int AS "${c}"`).join(', '))}
    FROM (
      SELECT ${key} AS key, ${Prisma.raw(columns.map((c) => `"${c}"`).join(', '))}, 0 AS "stillToCome" FROM facts
      UNION ALL
      SELECT ${key} AS key, ${Prisma.raw(columns.map(() => '0').join(', '))},
        held + unlogged + ${Prisma.raw(cancelledColumns.map((c) => `"${c}"`).join(' + '))} AS "stillToCome" FROM later
    ) f
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => {
    const cancelledByReason = Object.fromEntries(CANCELLATION_REASONS.map((reason) => [reason, r[cancelledColumn(reason)]!])) as Record<CancellationReasonCode, number>;
    const cancelled = CANCELLATION_REASONS.reduce((sum, reason) => sum + cancelledByReason[reason], 0);
    const held = r.held!;
    return {
      key: r.key,
      held,
      cancelled,
      cancelledByReason,
      unlogged: r.unlogged!,
      stillToCome: r.stillToCome!,
      makeupsHeld: r.makeupsHeld!,
      deliveryRate: held + cancelled > 0 ? held / (held + cancelled) : null,
    };
  });
}
