// The metrics module: DOMAIN.md's Metrics section, one definition each, shared by
// dashboards, exports and tests. Pure definitions: ./dose.ts, ./growth.ts,
// ./program-standard.ts, ./suppression.ts, ./access.ts (client code imports these
// files directly). Queries (server only) take a Prisma client or transaction and a
// MetricsScope ({ cycleId?, from, to, siteIds?, subject?, grades?, providerId?,
// groupId?, studentId? }); they sum the facts of ./facts-sql.ts, whose whole weeks
// come from rollup tables kept current by triggers and refreshed (only the stale
// group-weeks) before each query reads (./rollup.ts); partial weeks, the current
// week and weeks still marked stale are read live, so the figures are the same.
// Every figure counts sessions up to "as of" (./rollup-plan.ts asOfWindow).
// Read once: a page reads each fact grain in one query (readStudentFacts: a row per
// placement and each week's totals; readDeliveryFacts: per group and tutor;
// readCostFacts: per group) and derives every table from those rows with the one
// definition of each figure (studentMetricsOf, sessionDeliveryOf, tutorCostOf,
// placementGrowth given the facts). studentMetrics, sessionDelivery and tutorCost are
// the same derivations over a fresh read.
//
// Choices where DOMAIN.md leaves room:
// - Scope: `from`/`to` are session dates (inclusive). `siteIds`, `subject`,
//   `cycleId`, `groupId` filter the group; `grades` the student's current grade;
//   `providerId` the provider of the group's primary tutor. Access filters the
//   student's own site. An empty `siteIds` matches nothing.
// - As of: a window counts sessions dated up to its end or yesterday (district time
//   zone), whichever is earlier. Later sessions of the window, today's included even
//   when already logged, are "still to come": counted apart (`stillToCome`: planned
//   sessions and minutes, make-ups not; for session delivery, every session), never
//   in dose, rates, lost minutes or the program standard's held sessions. A session
//   still SCHEDULED up to "as of" is "unlogged". studentWeekDose leaves out weeks
//   wholly still to come; studentMetrics keeps a row (zero students) for a key with
//   sessions only still to come.
// - Lost minutes add up exactly to scheduled − delivered: student absence, attendance
//   not recorded (held, no mark), shortened (attended fewer minutes than planned;
//   negative if more), each cancellation reason, unlogged, and minus the minutes
//   delivered in make-ups.
// - Dose vs target: a placement is a student × group. Its weeks are the Monday-weeks
//   with any session of the group inside the membership and the window (a make-up
//   alone counts its week); each counts school days ÷ 5: weekdays inside a membership
//   of the student in the group, inside the window up to "as of", and not a no-school
//   day of the group's site (or district-wide). A placement meets the target when
//   delivered ≥ its target minutes; a student when every placement with a week
//   counted does; students with no week counted are left out of "meeting".
// - Session delivery rate counts every session, make-ups included (a held make-up is
//   held; its cancelled original stays cancelled). A session's tutor is who delivered
//   it, else the assigned substitute, else the session's primary tutor.
// - A session records the group's primary tutor (session.primaryTutorId): set when it
//   is created (a trigger fills it for any insert), kept when the group changes hands;
//   the hand-over action moves sessions from today on that are still SCHEDULED to the
//   new primary. Tutor consistency compares with it; existing sessions were backfilled
//   with the group's primary tutor at migration time.
// - Growth's pre score is the first pre (as the flags' aim line); "latest score" for
//   met goal is the latest post, else progress score (a pre alone judges nothing).
//   Scores count up to the window's end. Rate of improvement uses every score on the
//   measure (pre, progress and post).
// - Judgement (./judgement.ts, one function for every view): a placement whose own
//   dose rate (student × group inside the membership dates) is below the policy's
//   flag is "under-dosed — not yet judged", whatever its scores; otherwise it is
//   judged when it has a goal, a pre and a later score. A student met their goal when
//   every judged placement met it (at least one). Dose bands band placements by their
//   own rate: under 50 %, 50 % – policy, policy – 89 %, 90 %+.
// - Access: eligible = active at some point in the window (active now, or withdrawn
//   on or after its start) with the latest screener (up to the window's end) below
//   the eligibility percentile in the subject (any subject when none is named);
//   placed = eligible and placed in a subject they are eligible in. Disability = IEP
//   (the ESSA subgroup); 504 plans are not counted.
// - Program standard: "a consistent tutor" = each held session's own primary tutor
//   delivered ≥ 80 % of the held sessions up to "as of"; weeks = Monday-weeks with a
//   scheduled session (not a make-up) from the group's start to its end date; a group
//   is checked on its weekly schedule and shortest meeting.
// - Cost (./cost.ts): a held session costs its actual minutes × the hourly cost of
//   its tutor (as for session delivery); a delivered hour is an hour of held tutoring;
//   cost per student meeting goal only where every held hour has a cost.
// - Suppression: only demographic subgroups; all students, sites and grades are
//   operational and exact. The extreme-share coding ("≤5%", "≥95%") applies to every
//   share of a demographic subgroup; the pattern is chosen jointly over the district and
//   every site around the published totals (./suppression-joint.ts).
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
export { equityBySiteAndSubgroup, equityBySubgroup, subgroupsOf, EQUITY_DIMENSIONS } from './equity-queries';
export type { EquityRow } from './equity-queries';
