// Growth for each placement in a scope: the placement's scores on its group's
// measure (up to the window's end) read in one query, its own dose (student × group,
// inside the membership dates and the window) from the student facts, then the pure
// definitions of ./growth.ts and the one judgement of ./judgement.ts. Probes are a few
// per student; for a very large district the slope can move into SQL (regr_slope) or
// the rollup without changing this signature.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { doseRate } from './dose';
import { aimLine, aimSlopePerWeek, growth, preScore, rateOfImprovement, type Score } from './growth';
import { growthByDoseBandOf, judgePlacement, type GrowthByDoseBand, type Judgement } from './judgement';
import { groupFilterSql, metricsPolicy, studentFilterSql, type MetricsPolicy, type MetricsScope } from './scope';
import { probeScoresSql } from './probe-series-sql';
import { readingLive } from './rollup';
import { readStudentFacts, type StudentFacts } from './student-queries';

type Db = Prisma.TransactionClient;
type Policy = Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek' | 'underDosedPercent'>;

export interface PlacementGrowth {
  membershipId: string;
  studentId: string;
  groupId: string;
  measure: string;
  placedOn: IsoDate;
  /** The membership's end date; null while it is open. */
  endedOn: IsoDate | null;
  goal: number | null;
  goalDate: IsoDate;
  scores: Score[];
  growth: number | null;
  rateOfImprovement: number | null;
  /** The aim line's slope: the rate of improvement the goal asks for. */
  aimSlopePerWeek: number | null;
  /** The placement's own minutes over the window (student × group inside the membership dates). */
  doseScheduled: number;
  doseDelivered: number;
  doseRate: number | null;
  judgement: Judgement;
}

const DAY_2000 = Date.UTC(2000, 0, 1);

/** Scores from the query's "day:KIND:score,…" text (days since 2000-01-01), in its order; `days` caches each day's ISO date. */
function parseScores(text: string, days: Map<string, IsoDate>): Score[] {
  const scores: Score[] = [];
  let at = 0;
  while (at < text.length) {
    const comma = text.indexOf(',', at);
    const end = comma === -1 ? text.length : comma;
    const first = text.indexOf(':', at);
    const second = text.indexOf(':', first + 1);
    const day = text.slice(at, first);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(DAY_2000 + Number(day) * 86_400_000).toISOString().slice(0, 10);
      days.set(day, date);
    }
    scores.push({
      date,
      kind: text.slice(first + 1, second) as Score['kind'],
      score: Number(text.slice(second + 1, end)),
    });
    at = end + 1;
  }
  return scores;
}

// A district's series repeat from request to request: each text is parsed once (frozen,
// so no reader can change another's copy), up to SERIES_CACHE entries.
const SERIES_CACHE = 50_000;
const seriesCache = new Map<string, readonly Score[]>();
const parseDays = new Map<string, IsoDate>();
function scoresOf(text: string): Score[] {
  let scores = seriesCache.get(text);
  if (scores === undefined) {
    scores = Object.freeze(parseScores(text, parseDays).map((s) => Object.freeze(s)));
    if (seriesCache.size >= SERIES_CACHE) seriesCache.clear();
    seriesCache.set(text, scores);
  }
  return scores as Score[];
}

// What depends on the scores alone, once per (cached, frozen) series.
const derived = new WeakMap<
  readonly Score[],
  { pre: Score | null; growth: number | null; rateOfImprovement: number | null }
>();
function derivedOf(scores: readonly Score[]) {
  let d = derived.get(scores);
  if (d === undefined) {
    d = { pre: preScore(scores), growth: growth(scores), rateOfImprovement: rateOfImprovement(scores) };
    derived.set(scores, d);
  }
  return d;
}

type Computed =
  'growth' | 'rateOfImprovement' | 'aimSlopePerWeek' | 'doseScheduled' | 'doseDelivered' | 'doseRate' | 'judgement';

/**
 * Every placement overlapping the window, judged on its own dose. A student placed
 * twice in one group in the window has one dose for both (the facts' grain is
 * student × group × week). `facts`: the scope's student facts when the caller
 * already read them (readStudentFacts), so a page reads them once.
 */
export async function placementGrowth(
  db: Db,
  scope: MetricsScope,
  policy?: Policy,
  facts?: StudentFacts | Promise<StudentFacts>,
): Promise<PlacementGrowth[]> {
  const p = policy ?? (await metricsPolicy(db));
  const kept = readingLive() ? Prisma.sql`FALSE` : Prisma.sql`TRUE`;
  const [rows, studentFacts] = await Promise.all([
    db.$queryRaw<(Omit<PlacementGrowth, Computed | 'scores'> & { scores: string; lowerIsBetter: boolean })[]>`
    SELECT m.id AS "membershipId", m."studentId", m."groupId", g."probeMeasure" AS measure,
      pm.direction = 'LOWER_IS_BETTER' AS "lowerIsBetter",
      to_char(m."startDate", 'YYYY-MM-DD') AS "placedOn", to_char(m."endDate", 'YYYY-MM-DD') AS "endedOn", m."goalScore"::float8 AS goal,
      to_char(COALESCE(m."goalDate", g."endDate"), 'YYYY-MM-DD') AS "goalDate",
      -- The kept series (probe_series) unless the placement is still marked or has a score after the window's end.
      CASE WHEN ${kept} AND NOT EXISTS (SELECT 1 FROM probe_stale s WHERE s."membershipId" = m.id)
        AND (ps."lastOn" IS NULL OR ps."lastOn" <= ${scope.to}::date) THEN COALESCE(ps.scores, '')
      ELSE (SELECT ${probeScoresSql} FROM probe p
        WHERE p."membershipId" = m.id AND p.measure = g."probeMeasure" AND p."administeredOn" <= ${scope.to}::date) END AS scores
    FROM membership m
    JOIN tutoring_group g ON g.id = m."groupId"
    JOIN probe_measure pm ON pm.name = g."probeMeasure"
    JOIN student st ON st.id = m."studentId"
    LEFT JOIN probe_series ps ON ps."membershipId" = m.id
    WHERE m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
      AND ${groupFilterSql(scope)} AND ${studentFilterSql(scope)}
    ORDER BY m."studentId", m."startDate"`,
    facts ?? readStudentFacts(db, scope, p),
  ]);
  const doseOf = new Map(studentFacts.placements.map((pl) => [`${pl.studentId}:${pl.groupId}`, pl.sums]));
  return rows.map((row) => {
    const scores = scoresOf(row.scores);
    const { pre, growth, rateOfImprovement } = derivedOf(scores);
    const d = doseOf.get(`${row.studentId}:${row.groupId}`);
    const dose = { scheduled: d?.scheduled ?? 0, delivered: d?.delivered ?? 0 };
    return {
      membershipId: row.membershipId,
      studentId: row.studentId,
      groupId: row.groupId,
      measure: row.measure,
      placedOn: row.placedOn,
      endedOn: row.endedOn,
      goal: row.goal,
      goalDate: row.goalDate,
      scores,
      growth,
      rateOfImprovement,
      aimSlopePerWeek:
        pre && row.goal !== null
          ? aimSlopePerWeek(
              aimLine({
                placedOn: row.placedOn,
                pre: pre.score,
                goal: row.goal,
                goalDate: row.goalDate,
                groupEndDate: row.goalDate,
              }),
            )
          : null,
      doseScheduled: dose.scheduled,
      doseDelivered: dose.delivered,
      doseRate: doseRate(dose),
      judgement: judgePlacement(
        { dose, goal: row.goal, scores, lowerIsBetter: row.lowerIsBetter },
        p.underDosedPercent,
      ),
    };
  });
}

/** Dose-aware growth over a scope (pages that already hold the placements call growthByDoseBandOf). */
export async function growthByDoseBand(db: Db, scope: MetricsScope, policy?: Policy): Promise<GrowthByDoseBand[]> {
  const p = policy ?? (await metricsPolicy(db));
  return growthByDoseBandOf(await placementGrowth(db, scope, p), p.underDosedPercent);
}
