// Who is eligible and in what order: the district's default priority rule
// (lower screener percentile first, ties by earlier referral).
import type { Subject } from '../../lib/generated/prisma/enums';
import { ELIGIBILITY_PERCENTILE, type Site, type Student } from './model';

export interface Candidate {
  student: Student;
  subject: Subject;
  percentile: number;
}

export function byPriority(a: Candidate, b: Candidate): number {
  if (a.percentile !== b.percentile) return a.percentile - b.percentile;
  const referredA = a.student.row.referredOn ?? '9999-12-31';
  const referredB = b.student.row.referredOn ?? '9999-12-31';
  if (referredA !== referredB) return referredA < referredB ? -1 : 1;
  return a.student.row.sisId.localeCompare(b.student.row.sisId);
}

/** Every (active student, subject) pair below the eligibility line at a site, neediest first. */
export function eligibleCandidates(site: Site, students: readonly Student[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const student of students) {
    if (student.site !== site || student.row.status !== 'ACTIVE') continue;
    for (const subject of ['MATH', 'ELA'] as const) {
      const { percentile } = student.screening[subject];
      if (percentile < ELIGIBILITY_PERCENTILE) candidates.push({ student, subject, percentile });
    }
  }
  return candidates.sort(byPriority);
}

export function waitlistKey(siteId: string, subject: Subject): string {
  return `${siteId}|${subject}`;
}
