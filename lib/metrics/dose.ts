// DOMAIN.md's dose figures over sums the queries return: dose rate, dose vs target,
// lost minutes and dose bands (growth is judged in ./judgement.ts). Pure.
//
// Choices where DOMAIN.md leaves room (see ./index.ts for the module):
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

export interface DoseSums {
  scheduled: number;
  delivered: number;
}

/** Delivered ÷ scheduled; null when nothing was scheduled (shown empty, not 0 %). */
export function doseRate({ scheduled, delivered }: DoseSums): number | null {
  return scheduled > 0 ? delivered / scheduled : null;
}

/**
 * Delivered ÷ (weeks × the target minutes per week). `weeks` counts a placement's
 * weeks with a session scheduled, each as the share of its five weekdays that are
 * school days inside the placement's dates and up to "as of" (one day off: 0.8; a
 * placement starting on a Wednesday: 0.6). A week with no session (a break, a week
 * before placement) neither helps nor hurts. Null when no week counts.
 */
export function doseVsTarget(delivered: number, weeks: number, targetMinutesPerWeek: number): number | null {
  if (weeks <= 0 || targetMinutesPerWeek <= 0) return null;
  return delivered / weeks / targetMinutesPerWeek;
}

/** Minutes lost (scheduled − delivered), split so the parts always add up to the whole. */
export interface LostMinutes {
  /** Held sessions the student was marked absent from (excused or not). */
  studentAbsence: number;
  /** Held sessions with no attendance mark for the student. */
  attendanceNotRecorded: number;
  /** Attended, but for fewer minutes than planned (late, left early, a short session); negative when longer. */
  shortened: number;
  cancelled: Record<CancellationReasonCode, number>;
  /** Sessions still not logged after their date (every session counted is up to "as of", so before today). */
  unlogged: number;
  /** Minus the minutes delivered in make-up sessions (they add nothing to scheduled). */
  madeUp: number;
}

// The reasons and their labels live with the district's other codes.
export { CANCELLATION_REASONS, cancellationReasonLabels, type CancellationReasonCode } from '@/lib/codes';
import { CANCELLATION_REASONS, type CancellationReasonCode } from '@/lib/codes';

export function totalLost(lost: LostMinutes): number {
  const cancelled = CANCELLATION_REASONS.reduce((sum, r) => sum + lost.cancelled[r], 0);
  return lost.studentAbsence + lost.attendanceNotRecorded + lost.shortened + cancelled + lost.unlogged + lost.madeUp;
}

export interface DoseBand {
  label: string;
  /** Inclusive lower bound of the dose rate (0..1). */
  from: number;
}

/** Growth by dose band: cuts at 50 %, the policy's under-dosed line (default 70 %) and 90 %. */
export function doseBands(underDosedPercent = 70): DoseBand[] {
  const cuts = [...new Set([0, 50, underDosedPercent, 90])].sort((a, b) => a - b);
  return cuts.map((from, i) => {
    const next = cuts[i + 1];
    const label = i === 0 ? `Under ${next}%` : next === undefined ? `${from}% or more` : `${from}–${next - 1}%`;
    return { label, from: from / 100 };
  });
}

/** The band a dose rate falls in; null for an empty dose rate. */
export function doseBandOf(rate: number | null, bands: readonly DoseBand[]): DoseBand | null {
  if (rate === null) return null;
  let found: DoseBand | null = null;
  for (const band of bands) if (rate >= band.from) found = band;
  return found;
}
