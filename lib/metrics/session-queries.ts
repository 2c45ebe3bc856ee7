// Session delivery rate (DOMAIN.md: held ÷ (held + cancelled) sessions) for each
// group, site or tutor in a scope, summed from the group-week facts (./facts-sql.ts;
// whole weeks from the rollup, ./rollup.ts).
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { cancelledColumn, groupWeekFactsPlannedSql } from './facts-sql';
import { factsPlanFor } from './rollup';
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
  upcoming: number;
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
  const columns = ['held', 'unlogged', 'upcoming', 'makeupsHeld', ...CANCELLATION_REASONS.map(cancelledColumn)];
  const plan = await factsPlanFor(db, scope, today);
  const rows = await db.$queryRaw<(Record<string, number> & { key: string })[]>`
    WITH facts AS (${groupWeekFactsPlannedSql(scope, today, plan)})
    SELECT ${keyColumn[options.by ?? 'group']} AS key, ${Prisma.raw(columns.map((c) => `SUM("${c}")::int AS "${c}"`).join(', '))}
    FROM facts GROUP BY 1 ORDER BY 1`;
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
      upcoming: r.upcoming!,
      makeupsHeld: r.makeupsHeld!,
      deliveryRate: held + cancelled > 0 ? held / (held + cancelled) : null,
    };
  });
}
