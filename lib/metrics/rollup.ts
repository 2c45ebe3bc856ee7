// Pre-aggregated facts for dashboards on a large district: the rollup tables
// metrics_student_week and metrics_group_week (see ./facts-sql.ts) and how they are
// kept current. No page or GET ever writes them.
//
// - Marking: triggers on session, attendance, membership and no-school days
//   (prisma/migrations/*_metrics_rollups, *_session_primary_tutor) append every (group, week) a write
//   may change to metrics_stale, in the writer's transaction, whichever code path
//   writes (logging, cancelling, schedule regeneration, placing, moving, imports).
// - Refreshing: the fact worker the app starts (./rollup-worker.ts, from
//   instrumentation.ts) recomputes the stale pairs within about a second of the write
//   (./rollup-refresh.ts), a short transaction per step; `npm run db:migrate` and the
//   seed refresh everything before they finish, so the first request after a deploy
//   reads a current rollup.
// - Reading: factsPlanFor serves a week of the window from the rollup only when
//   all its sessions in scope lie in the window and no pair of it is still marked
//   stale (a write the worker has not reached yet); everything else is read live, so
//   the figures equal the live computation whether or not the worker has run.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { probeSeriesStep, refreshStep, weekTotalsStep } from './rollup-refresh';
import { livePlan, partialWeeks, planFacts, wholeWeeks, type DateRange, type FactsPlan } from './rollup-plan';
import { groupFilterSql, type MetricsScope } from './scope';

type Db = Prisma.TransactionClient;
type Client = Db & {
  $transaction<R>(fn: (tx: Db) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
};

export interface RefreshSummary {
  /** (group, week) pairs recomputed. */
  pairs: number;
  /** Transactions it took. */
  steps: number;
}

const liveMode = new AsyncLocalStorage<boolean>();

/** True inside withoutRollup: every metrics query reads session, attendance and probe rows. */
export const readingLive = (): boolean => liveMode.getStore() === true;

/** Runs `fn` with every metrics query computed live from session and attendance rows (for tests and benchmarks). */
export function withoutRollup<T>(fn: () => Promise<T>): Promise<T> {
  return liveMode.run(true, fn);
}

/** A step recomputes at most REFRESH_STEP_MARKERS markers: seconds, not minutes. */
const STEP_TIMEOUT_MS = 120_000;
/** Pair steps between two week-total steps while writes keep coming. */
const WEEK_STEP_EVERY = 20;

// One refresh at a time per client: the worker and a script asking at once share it.
const inFlight = new WeakMap<object, Promise<RefreshSummary>>();

/**
 * Recomputes every stale (group, week) pair, a transaction per step, until none is left
 * (or only pairs a writer still holds). Throws when a step fails: that step claimed
 * nothing (rolled back), and its weeks keep being read live.
 */
export function refreshRollups(db: Client): Promise<RefreshSummary> {
  const running = inFlight.get(db);
  if (running) return running;
  const refresh = refreshAll(db).finally(() => inFlight.delete(db));
  inFlight.set(db, refresh);
  return refresh;
}

async function refreshAll(db: Client): Promise<RefreshSummary> {
  const summary: RefreshSummary = { pairs: 0, steps: 0 };
  const step = <T>(fn: (tx: Db) => Promise<T>) => db.$transaction(fn, { timeout: STEP_TIMEOUT_MS, maxWait: 30_000 });
  let pairSteps = 0;
  for (;;) {
    const [probe] = await db.$queryRaw<{ stale: boolean; weeks: boolean; probes: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM metrics_stale) AS stale, EXISTS (SELECT 1 FROM metrics_week_stale) AS weeks,
        EXISTS (SELECT 1 FROM probe_stale) AS probes`;
    // Probe series first: a step's worth of placements a round (0: none, or only markers a writer still holds).
    const series = probe!.probes ? await step((tx) => probeSeriesStep(tx)) : 0;
    if (probe!.probes) summary.steps++;
    // The weeks the pairs touched get their week totals once the pairs are done (each week
    // summed once), or every WEEK_STEP_EVERY steps while writes keep coming.
    if (probe!.weeks && (!probe!.stale || pairSteps >= WEEK_STEP_EVERY)) {
      await step((tx) => weekTotalsStep(tx));
      summary.steps++;
      pairSteps = 0;
    }
    if (!probe!.stale) {
      if (series > 0) continue; // there may be more placements than one step takes
      return summary;
    }
    const pairs = await step((tx) => refreshStep(tx));
    summary.steps++;
    pairSteps++;
    if (pairs === 0) return summary; // only markers a writer still holds: the next round takes them
    summary.pairs += pairs;
  }
}

/**
 * Which weeks of the scope's window the rollup serves: whole
 * weeks, and a partial first or last week with no session of a group in scope
 * outside the window; never the current week nor a week with a pair still stale.
 * The rest is read live.
 */
export async function factsPlanFor(db: Db, scope: MetricsScope, today: IsoDate): Promise<FactsPlan> {
  if (liveMode.getStore()) return livePlan(scope.from, scope.to);
  const edges = partialWeeks(scope.from, scope.to);
  const weeks = [...new Set([...wholeWeeks(scope.from, scope.to), ...edges.map((e) => e.monday)])].sort();
  if (!weeks.length) return livePlan(scope.from, scope.to);
  const outside = (ranges: readonly DateRange[]) =>
    Prisma.sql`EXISTS (SELECT 1 FROM session s JOIN tutoring_group g ON g.id = s."groupId"
      WHERE (${Prisma.join(
        ranges.map(([a, b]) => Prisma.sql`(s.date >= ${a}::date AND s.date <= ${b}::date)`),
        ' OR ',
      )}) AND ${groupFilterSql(scope)})`;
  const edgeChecks = edges.length
    ? Prisma.join(
        edges.map((e) => Prisma.sql`${outside(e.outside)}`),
        ', ',
      )
    : Prisma.sql`NULL::boolean`;
  const [row] = await db.$queryRaw<{ stale: IsoDate[]; busy: (boolean | null)[]; totals: IsoDate[] }[]>`
    SELECT ARRAY(SELECT DISTINCT to_char("weekStart", 'YYYY-MM-DD') FROM metrics_stale
      WHERE "weekStart" >= ${weeks[0]}::date AND "weekStart" <= ${weeks[weeks.length - 1]}::date) AS stale,
      ARRAY[${edgeChecks}] AS busy,
      ARRAY(SELECT to_char("weekStart", 'YYYY-MM-DD') FROM metrics_week_stale
        WHERE "weekStart" >= ${weeks[0]}::date AND "weekStart" <= ${weeks[weeks.length - 1]}::date) AS totals`;
  const servableEdges = edges.filter((_, i) => row!.busy[i] === false).map((e) => e.monday);
  const plan = planFacts(scope.from, scope.to, today, row!.stale, servableEdges);
  return { ...plan, staleTotals: row!.totals.filter((w) => plan.rollupWeeks.includes(w)) };
}
