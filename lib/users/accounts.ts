// The writes behind the user actions, shared by the district admin's forms and a
// coordinator's "add a tutor". Each runs inside the action's transaction.
import 'server-only';
import { ActionError } from '@/lib/actions/result';
import type { ActionContext } from '@/lib/actions/action';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AccountInput, TutorProfileInput } from './schemas';
import { issuePasswordLink } from './tokens';

type WriteContext = Pick<ActionContext<unknown>, 'tx' | 'user' | 'audit'>;

export const DUPLICATE_EMAIL = 'Someone already has an account with this email address.';

/** What the audit log records about a person: never a password hash or a token. */
export interface UserAuditValues {
  name: string;
  email: string;
  role: string;
  active: boolean;
  siteIds: string[];
  tutorProfile: TutorProfileInput | null;
}

export const userAuditSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  sites: { select: { siteId: true } },
  tutorProfile: {
    select: {
      providerId: true,
      subjects: true,
      gradeMin: true,
      gradeMax: true,
      capacityGroups: true,
      hourlyCostCents: true,
      credentialStatus: true,
    },
  },
} satisfies Prisma.UserSelect;

type UserAuditRow = Prisma.UserGetPayload<{ select: typeof userAuditSelect }>;

export function userAuditValues(user: UserAuditRow): UserAuditValues {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    active: user.active,
    siteIds: user.sites.map((s) => s.siteId).sort(),
    tutorProfile: user.tutorProfile ? { ...user.tutorProfile, subjects: [...user.tutorProfile.subjects].sort() } : null,
  };
}

/** Only the keys whose values differ, so an update's audit row reads as a change. */
export function changedValues<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changedBefore[key] = before[key];
    changedAfter[key] = after[key];
  }
  return Object.keys(changedAfter).length ? { before: changedBefore, after: changedAfter } : null;
}

export async function assertSitesExist(tx: Prisma.TransactionClient, siteIds: string[]): Promise<void> {
  if (siteIds.length === 0) return;
  const found = await tx.site.count({ where: { id: { in: siteIds } } });
  if (found !== siteIds.length) {
    throw new ActionError('Some fields need attention.', {
      siteIds: ['One of the chosen sites does not exist. Reload the page and choose again.'],
    });
  }
}

export async function assertProviderExists(
  tx: Prisma.TransactionClient,
  profile: TutorProfileInput | null,
): Promise<void> {
  if (!profile) return;
  const provider = await tx.provider.findUnique({ where: { id: profile.providerId }, select: { id: true } });
  if (!provider)
    throw new ActionError('Some fields need attention.', {
      providerId: ['That provider does not exist. Reload the page and choose again.'],
    });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

export interface Invitation {
  userId: string;
  name: string;
  email: string;
  /** The one-time set-password link: shown once, never stored. */
  inviteUrl: string;
  expiresAt: string;
}

/** Creates the person (with sites and, for a tutor, a profile) and a one-time invitation link. */
export async function createUserWithInvitation(
  { tx, user, audit }: WriteContext,
  person: AccountInput,
): Promise<Invitation> {
  const taken = await tx.user.findUnique({ where: { email: person.email }, select: { id: true } });
  if (taken) throw new ActionError('Some fields need attention.', { email: [DUPLICATE_EMAIL] });
  await assertSitesExist(tx, person.siteIds);
  await assertProviderExists(tx, person.tutorProfile);

  const created = await tx.user
    .create({
      data: {
        name: person.name,
        email: person.email,
        role: person.role,
        sites: { create: person.siteIds.map((siteId) => ({ siteId })) },
        tutorProfile: person.tutorProfile ? { create: person.tutorProfile } : undefined,
      },
      select: userAuditSelect,
    })
    .catch((error: unknown) => {
      // Two admins adding the same email at once: the unique index decides.
      if (isUniqueViolation(error)) throw new ActionError('Some fields need attention.', { email: [DUPLICATE_EMAIL] });
      throw error;
    });

  const link = await issuePasswordLink(tx, { userId: created.id, purpose: 'invite', issuedById: user.id });
  const after = userAuditValues(created);
  // No `before`: a new record had nothing before it (stored as NULL).
  await audit({
    entityType: 'user',
    entityId: created.id,
    siteId: person.siteIds.length === 1 ? person.siteIds[0] : null,
    after,
  });
  await audit({
    entityType: 'password_token',
    entityId: link.tokenId,
    after: { userId: created.id, purpose: 'invite', expiresAt: link.expiresAt.toISOString() },
  });
  return {
    userId: created.id,
    name: created.name,
    email: created.email,
    inviteUrl: link.url,
    expiresAt: link.expiresAt.toISOString(),
  };
}
