// Session delivery rate (DOMAIN.md: held ÷ (held + cancelled) sessions) for each
// group, site or tutor in a scope, summed from the group-week facts (./facts-sql.ts;
// whole weeks from the rollup, ./rollup.ts), up to "as of"; the window's later
// sessions are counted apart as still to come.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
// - Session delivery rate counts every session, make-ups included (a held make-up is
//   held; its cancelled original stays cancelled). A session's tutor is who delivered
//   it, else the assigned substitute, else the session's primary tutor.
// - A session records the group's primary tutor (session.primaryTutorId): set when it
//   is created (a trigger fills it for any insert), kept when the group changes hands;
//   the hand-over action moves sessions from today on that are still SCHEDULED to the
//   new primary. Tutor consistency compares with it; existing sessions were backfilled
//   with the group's primary tutor at migration time.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { CANCELLATION_REASONS, type CancellationReasonCode } from './dose';
import { cancelledColumn, groupFactsOverPlanSql, groupWeekFactsPlannedSql } from './facts-sql';
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

/** The group-week facts of a scope summed per site × group × tutor: the grain every delivery figure is derived from. */
export interface DeliveryFacts {
  siteId: string;
  groupId: string;
  tutorId: string;
  held: number;
  unlogged: number;
  makeupsHeld: number;
  cancelledByReason: Record<CancellationReasonCode, number>;
  stillToCome: number;
}

/** The scope's session facts up to "as of" and still to come, in one query (sessionDeliveryOf derives the figures). */
export async function readDeliveryFacts(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'today'>,
): Promise<DeliveryFacts[]> {
  const { today } = policy ?? (await metricsPolicy(db));
  const cancelledColumns = CANCELLATION_REASONS.map(cancelledColumn);
  const columns = ['held', 'unlogged', 'makeupsHeld', ...cancelledColumns];
  const { counted, stillToCome } = asOfWindow(scope.from, scope.to, today);
  const past = counted ? { ...scope, from: counted[0], to: counted[1] } : null;
  const none = { rollupWeeks: [], live: [] };
  const plan = past ? await factsPlanFor(db, past, today) : none;
  const later = stillToCome
    ? groupWeekFactsPlannedSql(
        { ...scope, from: stillToCome[0], to: stillToCome[1] },
        { rollupWeeks: [], live: [stillToCome] },
      )
    : groupWeekFactsPlannedSql(scope, none);
  const rows = await db.$queryRaw<(Record<string, number> & { siteId: string; groupId: string; tutorId: string })[]>`
    WITH facts AS (${groupFactsOverPlanSql(past ?? scope, plan)}), later AS (${later})
    SELECT "siteId"::text, "groupId"::text, "tutorId"::text, ${Prisma.raw([...columns, 'stillToCome'].map((c) => `SUM("${c}")::int AS "${c}"`).join(', '))}
    FROM (
      SELECT "siteId", "groupId", "tutorId", ${Prisma.raw(columns.map((c) => `"${c}"`).join(', '))}, 0 AS "stillToCome" FROM facts
      UNION ALL
      SELECT "siteId", "groupId", "tutorId", ${Prisma.raw(columns.map(() => '0').join(', '))},
        held + unlogged + ${Prisma.raw(cancelledColumns.map((c) => `"${c}"`).join(' + '))} AS "stillToCome" FROM later
    ) f
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({
    siteId: r.siteId,
    groupId: r.groupId,
    tutorId: r.tutorId,
    held: r.held!,
    unlogged: r.unlogged!,
    makeupsHeld: r.makeupsHeld!,
    cancelledByReason: Object.fromEntries(
      CANCELLATION_REASONS.map((reason) => [reason, r[cancelledColumn(reason)]!]),
    ) as Record<CancellationReasonCode, number>,
    stillToCome: r.stillToCome!,
  }));
}

const keyOf: Record<SessionDeliveryBy, (f: DeliveryFacts) => string> = {
  group: (f) => f.groupId,
  site: (f) => f.siteId,
  tutor: (f) => f.tutorId,
  all: () => 'all',
};

/** Session delivery for each group, site or tutor of the facts (or all of them), sorted by key. */
export function sessionDeliveryOf(facts: readonly DeliveryFacts[], by: SessionDeliveryBy): SessionDelivery[] {
  const sums = new Map<string, Omit<SessionDelivery, 'key' | 'cancelled' | 'deliveryRate'>>();
  for (const f of facts) {
    const key = keyOf[by](f);
    const sum = sums.get(key) ?? {
      held: 0,
      unlogged: 0,
      makeupsHeld: 0,
      stillToCome: 0,
      cancelledByReason: Object.fromEntries(CANCELLATION_REASONS.map((r) => [r, 0])) as Record<
        CancellationReasonCode,
        number
      >,
    };
    sum.held += f.held;
    sum.unlogged += f.unlogged;
    sum.makeupsHeld += f.makeupsHeld;
    sum.stillToCome += f.stillToCome;
    for (const reason of CANCELLATION_REASONS) sum.cancelledByReason[reason] += f.cancelledByReason[reason];
    sums.set(key, sum);
  }
  return [...sums.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const sum = sums.get(key)!;
      const cancelled = CANCELLATION_REASONS.reduce((total, reason) => total + sum.cancelledByReason[reason], 0);
      return {
        key,
        ...sum,
        cancelled,
        deliveryRate: sum.held + cancelled > 0 ? sum.held / (sum.held + cancelled) : null,
      };
    });
}

/** A session's tutor is who delivered it, else the substitute assigned, else the session's primary tutor. */
export async function sessionDelivery(
  db: Db,
  scope: MetricsScope,
  options: { by?: SessionDeliveryBy; policy?: Pick<MetricsPolicy, 'today'> } = {},
): Promise<SessionDelivery[]> {
  return sessionDeliveryOf(await readDeliveryFacts(db, scope, options.policy), options.by ?? 'group');
}
