// Placement priority (DOMAIN.md): need decides who gets a seat, not who asks first.
// Default rule: lower screener percentile first; ties by earlier referral date; then
// by SIS id so the order never depends on how the database returned the rows.
import type { IsoDate } from '@/lib/dates';

export type SubjectCode = 'MATH' | 'ELA';

export const subjectLabels: Record<SubjectCode, string> = { MATH: 'Math', ELA: 'ELA' };

export interface PriorityCandidate {
  studentId: string;
  sisId: string;
  percentile: number;
  referredOn: IsoDate | null;
}

export interface Ranked<C extends PriorityCandidate> {
  candidate: C;
  /** 1 = first in line. */
  rank: number;
  total: number;
}

export function comparePriority(a: PriorityCandidate, b: PriorityCandidate): number {
  if (a.percentile !== b.percentile) return a.percentile - b.percentile;
  // A referral date beats none; earlier beats later.
  if (a.referredOn !== b.referredOn) {
    if (a.referredOn === null) return 1;
    if (b.referredOn === null) return -1;
    return a.referredOn < b.referredOn ? -1 : 1;
  }
  return a.sisId < b.sisId ? -1 : a.sisId > b.sisId ? 1 : 0;
}

export function rankByPriority<C extends PriorityCandidate>(candidates: readonly C[]): Ranked<C>[] {
  const sorted = [...candidates].sort(comparePriority);
  return sorted.map((candidate, index) => ({ candidate, rank: index + 1, total: sorted.length }));
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "Math screener 12th percentile — priority 3 of 41" */
export function waitlistReason(subject: SubjectCode, percentile: number, rank: number, total: number): string {
  return `${subjectLabels[subject]} screener ${ordinal(percentile)} percentile — priority ${rank} of ${total}`;
}

/** Why a student is, or is not, eligible in a subject, in words. */
export function eligibilityReason(subject: SubjectCode, percentile: number | null, threshold: number): string {
  if (percentile === null) return `No ${subjectLabels[subject]} screener result yet`;
  return percentile < threshold
    ? `${subjectLabels[subject]} screener ${ordinal(percentile)} percentile — eligible (below the ${ordinal(threshold)})`
    : `${subjectLabels[subject]} screener ${ordinal(percentile)} percentile — not eligible (the threshold is below the ${ordinal(threshold)})`;
}

export function isEligible(percentile: number | null, threshold: number): boolean {
  return percentile !== null && percentile < threshold;
}
