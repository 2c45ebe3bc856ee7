// The metrics module: DOMAIN.md's Metrics section, one definition each, shared by
// dashboards, exports and tests. Pure definitions: ./dose.ts, ./growth.ts,
// ./program-standard.ts, ./suppression.ts, ./access.ts (client code imports these
// files directly). Queries (server only) take a Prisma client or transaction and a
// MetricsScope ({ cycleId?, from, to, siteIds?, subject?, grades?, providerId?,
// groupId?, studentId? }); they sum the facts of ./facts-sql.ts, whose whole weeks
// come from rollup tables kept current by the writes and the fact worker, never by a
// read (./rollup.ts); partial weeks, the current week and weeks still marked stale
// are read live, so the figures are the same.
// Every figure counts sessions up to "as of" (./rollup-plan.ts asOfWindow).
// Read once: a page reads each fact grain in one query (readStudentFacts: a row per
// placement and each week's totals; readDeliveryFacts: per group and tutor;
// readCostFacts: per group) and derives every table from those rows with the one
// definition of each figure (studentMetricsOf, sessionDeliveryOf, tutorCostOf,
// placementGrowth given the facts). studentMetrics, sessionDelivery and tutorCost are
// the same derivations over a fresh read.
//
// Where DOMAIN.md leaves room, the choice is written beside the definition it governs:
// scope (./scope.ts), as of (./rollup-plan.ts), lost minutes and dose vs target
// (./dose.ts), session delivery and a session's tutor (./session-queries.ts), growth
// (./growth.ts), judgement (./judgement.ts), access (./access.ts), the program
// standard (./program-standard.ts), cost (./cost.ts) and suppression (./suppression.ts).
export * from './dose';
export * from './growth';
export * from './judgement';
export * from './program-standard';
export * from './suppression';
export * from './access';
export * from './cost';
export * from './scope';
export {
  studentWeekDose,
  studentMetrics,
  studentMetricsOf,
  readStudentFacts,
  lostMinutesByReason,
  attendanceRates,
  tutorConsistency,
} from './student-queries';
export type {
  StudentWeekDose,
  StudentMetrics,
  StudentMetricsBy,
  StudentFacts,
  PlacementFacts,
  WeekTotals,
} from './student-queries';
export { sessionDelivery, sessionDeliveryOf, readDeliveryFacts } from './session-queries';
export type { SessionDelivery, SessionDeliveryBy, DeliveryFacts } from './session-queries';
export { accessBySubgroup } from './access-queries';
export { placementGrowth, growthByDoseBand } from './growth-queries';
export type { PlacementGrowth } from './growth-queries';
export { groupProgramStandard } from './standard-queries';
export { tutorCost, tutorCostOf, readCostFacts } from './cost-queries';
export type { TutorCost, TutorCostBy, CostFacts } from './cost-queries';
export { refreshRollups } from './rollup';
export type { RefreshSummary } from './rollup';
export type { GroupStandard } from './standard-queries';
export { equityBySiteAndSubgroup, equityBySubgroup, EQUITY_DIMENSIONS } from './equity-queries';
export { subgroupsOf } from './access';
export type { EquityRow } from './equity-queries';
