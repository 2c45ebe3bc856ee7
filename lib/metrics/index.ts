// The metrics module: DOMAIN.md's Metrics section, one definition each, shared by
// dashboards, exports and tests. Pure definitions: ./dose.ts, ./growth.ts,
// ./program-standard.ts, ./suppression.ts, ./access.ts (client code imports these
// files directly). Queries (server only) take a Prisma client or transaction and a
// MetricsScope ({ cycleId?, from, to, siteIds?, subject?, grades?, providerId?,
// groupId?, studentId? }); they sum the facts of ./facts-sql.ts, whose whole weeks
// come from rollup tables kept current by triggers and refreshed (only the stale
// group-weeks) before each query reads (./rollup.ts); partial weeks, the current
// week and weeks still marked stale are read live, so the figures are the same.
//
// Choices where DOMAIN.md leaves room:
// - Scope: `from`/`to` are session dates (inclusive). `siteIds`, `subject`,
//   `cycleId`, `groupId` filter the group; `grades` the student's current grade;
//   `providerId` the provider of the group's primary tutor. Access filters the
//   student's own site. An empty `siteIds` matches nothing.
// - Dose over a window that reaches past today counts the sessions still to come as
//   scheduled (DOMAIN: "whatever their status"); lost minutes show them as `upcoming`.
//   A session is "unlogged" once its date is before today (district time zone).
// - Lost minutes add up exactly to scheduled − delivered: student absence, attendance
//   not recorded (held, no mark), shortened (attended fewer minutes than planned;
//   negative if more), each cancellation reason, unlogged, upcoming, and minus the
//   minutes delivered in make-ups.
// - Dose vs target: delivered ÷ (weeks × target), counting a week per student and
//   subject when anything was scheduled or delivered in it; weeks with nothing
//   scheduled (breaks) do not count. A partial first or last week counts whole (the
//   target is not prorated). A student moved between groups mid-week has one week.
// - Session delivery rate counts every session, make-ups included (a held make-up is
//   held; its cancelled original stays cancelled). A session's tutor is who delivered
//   it, else the assigned substitute, else the group's primary tutor.
// - Tutor consistency compares with the group's current primary tutor.
// - Growth's pre score is the first pre (as the flags' aim line); "latest score" for
//   met goal is the latest post, else progress score (a pre alone judges nothing).
//   Scores count up to the window's end. Rate of improvement uses every score on the
//   measure (pre, progress and post).
// - Dose-aware growth: a student below the policy's dose rate (flagDoseRatePercent)
//   who has not met the goal is "under-dosed — not yet judged"; one who met it is
//   shown as having met it. Dose bands: under 50 %, 50 % – policy, policy – 89 %, 90 %+.
// - Access: eligible = enrolled during the window with the latest screener (up to
//   the window's end) below the eligibility percentile in the subject (any subject
//   when none is named); placed = eligible and placed in a subject they are eligible
//   in. Disability = IEP (the ESSA subgroup); 504 plans are not counted.
// - Program standard: "a consistent tutor" = the primary tutor delivered ≥ 80 % of
//   the held sessions; a group is checked on its weekly schedule and shortest meeting.
// - Cost (./cost.ts): a held session costs its actual minutes × the hourly cost of
//   its tutor (as for session delivery); a delivered hour is an hour of held tutoring;
//   cost per student meeting goal only where every held hour has a cost.
// - Suppression: only demographic subgroups; all students, sites and grades are
//   operational and exact. The extreme-share coding ("≤5%", "≥95%") applies to every
//   share of a demographic subgroup; the pattern is chosen jointly over the district and
//   every site around the published totals (./suppression-joint.ts).
export * from './dose';
export * from './growth';
export * from './program-standard';
export * from './suppression';
export * from './access';
export * from './cost';
export * from './scope';
export { studentWeekDose, studentMetrics, lostMinutesByReason, attendanceRates, tutorConsistency } from './student-queries';
export type { StudentWeekDose, StudentMetrics, StudentMetricsBy } from './student-queries';
export { sessionDelivery } from './session-queries';
export type { SessionDelivery, SessionDeliveryBy } from './session-queries';
export { accessBySubgroup } from './access-queries';
export { placementGrowth, growthByDoseBand } from './growth-queries';
export type { PlacementGrowth, GrowthByDoseBand } from './growth-queries';
export { groupProgramStandard } from './standard-queries';
export { tutorCost } from './cost-queries';
export type { TutorCost, TutorCostBy } from './cost-queries';
export { refreshRollups } from './rollup';
export type { RefreshSummary } from './rollup';
export type { GroupStandard } from './standard-queries';
export { equityBySiteAndSubgroup, equityBySubgroup, subgroupsOf, EQUITY_DIMENSIONS } from './equity-queries';
export type { EquityRow } from './equity-queries';
