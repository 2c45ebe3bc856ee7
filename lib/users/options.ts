// Choices the user forms offer, as plain data: shared by the zod schemas and the
// client forms (so nothing server-only ends up in a browser bundle).
import type { Role } from '@/lib/generated/prisma/enums';

export const ROLES = [
  'DISTRICT_ADMIN',
  'DISTRICT_LEADER',
  'SITE_COORDINATOR',
  'TUTOR',
] as const satisfies readonly Role[];

/** Roles scoped to the sites they are given; district roles see every site. */
export function isSiteRole(role: Role): boolean {
  return role === 'SITE_COORDINATOR' || role === 'TUTOR';
}

export const SUBJECTS = ['MATH', 'ELA'] as const;
export type SubjectCode = (typeof SUBJECTS)[number];
export const subjectLabels: Record<SubjectCode, string> = { MATH: 'Math', ELA: 'ELA' };

export const CREDENTIAL_STATUSES = ['PENDING', 'IN_TRAINING', 'CLEARED', 'EXPIRED'] as const;
export type CredentialStatusCode = (typeof CREDENTIAL_STATUSES)[number];
export const credentialLabels: Record<CredentialStatusCode, string> = {
  PENDING: 'Pending',
  IN_TRAINING: 'In training',
  CLEARED: 'Cleared',
  EXPIRED: 'Expired',
};

/** Grades as stored: -1 = PK, 0 = K, 1..12. */
export const GRADE_MIN = -1;
export const GRADE_MAX = 12;
export const GRADES = Array.from({ length: GRADE_MAX - GRADE_MIN + 1 }, (_, i) => GRADE_MIN + i);

export function gradeLabel(grade: number): string {
  return grade === -1 ? 'PK' : grade === 0 ? 'K' : String(grade);
}

export function gradeBandLabel(min: number, max: number): string {
  return min === max ? gradeLabel(min) : `${gradeLabel(min)}–${gradeLabel(max)}`;
}

export const CAPACITY_GROUPS_MAX = 30;
export const HOURLY_COST_MAX_DOLLARS = 1000;

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : `$${(cents / 100).toFixed(2)}`;
}
