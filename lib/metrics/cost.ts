// DOMAIN.md's cost figures over sums the queries return: cost per delivered hour and
// cost per student meeting goal, where tutor hourly costs are entered. Pure.
//
// Choices where DOMAIN.md leaves room: a session's cost is its actual minutes × the hourly cost of the tutor
// who delivered it (else the substitute assigned, else the group's primary tutor,
// as for session delivery); only held sessions cost anything here. A "delivered
// hour" is an hour of held tutoring (one tutor, one group), whatever the group's
// size. Cost per delivered hour is taken over the hours whose tutor has a cost; cost
// per student meeting goal only when every held hour has one (a partial total would
// understate it), else null.

export interface CostSums {
  /** Minutes of held sessions. */
  heldMinutes: number;
  /** Minutes of held sessions whose tutor has an hourly cost. */
  costedMinutes: number;
  /** Cost of those minutes, in cents (not rounded). */
  costCents: number;
}

/** Cents per delivered hour over the costed hours; null when no hour has a cost. */
export function costPerDeliveredHour(s: CostSums): number | null {
  return s.costedMinutes > 0 ? s.costCents / (s.costedMinutes / 60) : null;
}

/** Some held hours have no tutor cost: totals built on them are incomplete. */
export const costsMissing = (s: CostSums) => s.costedMinutes < s.heldMinutes;

/** Cents per student who met their growth goal; null when none did or any held hour lacks a cost. */
export function costPerStudentMeetingGoal(s: CostSums, studentsMeetingGoal: number): number | null {
  if (studentsMeetingGoal <= 0 || costsMissing(s) || s.heldMinutes === 0) return null;
  return s.costCents / studentsMeetingGoal;
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const wholeDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** "$34.50" */
export const formatCents = (cents: number) => dollars.format(cents / 100);
/** "$1,235" for larger totals. */
export const formatWholeDollars = (cents: number) => wholeDollars.format(Math.round(cents / 100));
