// Reads for the user pages. Explicit selects: never a password hash or a token hash.
import 'server-only';
import { now } from '@/lib/clock';
import { db } from '@/lib/db';
import type { IsoDate } from '@/lib/dates';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import type { Prisma } from '@/lib/generated/prisma/client';
import { passwordTokenSchema, type UserListFilter } from './schemas';
import { hashPasswordToken } from './tokens';

export const USERS_PER_PAGE = 50;

export async function listUsers(filter: UserListFilter) {
  const where: Prisma.UserWhereInput = {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status ? { active: filter.status === 'active' } : {}),
    ...(filter.q
      ? {
          OR: [
            { name: { contains: filter.q, mode: 'insensitive' } },
            { email: { contains: filter.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const page = filter.page ?? 1;
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      skip: (page - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        lastSignInAt: true,
        sites: {
          select: { site: { select: { id: true, code: true, name: true } } },
          orderBy: { site: { code: 'asc' } },
        },
      },
    }),
    db.user.count({ where }),
  ]);
  // Who has not set a password yet, asked as a yes/no: the hash itself is never read.
  const withoutPassword = await db.user.findMany({
    where: { id: { in: users.map((u) => u.id) }, passwordHash: null },
    select: { id: true },
  });
  const noPassword = new Set(withoutPassword.map((u) => u.id));
  return {
    users: users.map((u) => ({ ...u, sites: u.sites.map((s) => s.site), passwordSet: !noPassword.has(u.id) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / USERS_PER_PAGE)),
  };
}

export type UserListRow = Awaited<ReturnType<typeof listUsers>>['users'][number];

export async function userForEdit(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      deactivatedAt: true,
      lastSignInAt: true,
      createdAt: true,
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
    },
  });
  if (!user) return null;
  const passwordSet = (await db.user.count({ where: { id: userId, passwordHash: { not: null } } })) > 0;
  const pendingLink = await db.passwordToken.findFirst({
    where: { userId, usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { purpose: true, expiresAt: true },
  });
  return { ...user, siteIds: user.sites.map((s) => s.siteId), passwordSet, pendingLink };
}

export type UserForEdit = NonNullable<Awaited<ReturnType<typeof userForEdit>>>;

export function siteOptions() {
  return db.site.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } });
}

export function providerOptions() {
  return db.provider.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, kind: true } });
}

/** A site's tutors with their profile and how many active groups they lead there. */
export async function siteTutors(siteId: string) {
  const tutors = await db.user.findMany({
    where: { role: 'TUTOR', sites: { some: { siteId } } },
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      active: true,
      tutorProfile: {
        select: {
          subjects: true,
          gradeMin: true,
          gradeMax: true,
          capacityGroups: true,
          capacityMinutesPerWeek: true,
          credentialStatus: true,
          provider: { select: { name: true } },
        },
      },
      // Load counts every site's active groups: capacity is the tutor's, not the site's.
      primaryGroups: {
        where: { status: 'ACTIVE', endDate: { gte: now() } },
        select: { siteId: true, meetings: { select: { plannedMinutes: true } } },
      },
    },
  });
  return tutors.map(({ primaryGroups, ...tutor }) => ({
    ...tutor,
    activeGroups: primaryGroups.filter((g) => g.siteId === siteId).length,
    load: {
      groups: primaryGroups.length,
      minutesPerWeek: primaryGroups.reduce((sum, g) => sum + g.meetings.reduce((m, x) => m + x.plannedMinutes, 0), 0),
    },
  }));
}

export type SiteTutorRow = Awaited<ReturnType<typeof siteTutors>>[number];

/** The person a set-password link is for, or null when the link cannot be used. */
export async function passwordLinkFor(token: string): Promise<{ name: string; email: string; purpose: string } | null> {
  const parsed = passwordTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const link = await db.passwordToken.findUnique({
    where: { tokenHash: hashPasswordToken(parsed.data) },
    select: {
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { name: true, email: true, active: true } },
    },
  });
  if (!link || link.usedAt || link.expiresAt <= new Date() || !link.user.active) return null;
  return { name: link.user.name, email: link.user.email, purpose: link.purpose };
}

export interface StaffCandidateRow {
  id: string;
  name: string;
  email: string | null;
  site: string | null;
  /** The account with the same email, when there is one. */
  userId: string | null;
  role: string | null;
}

/**
 * Teachers and staff the roster named, matched to accounts by email as read now (an
 * account made after the import counts): those without one first. At most `limit`.
 */
export async function staffCandidates(limit = 100): Promise<{ rows: StaffCandidateRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.$queryRaw<StaffCandidateRow[]>`
      SELECT c.id::text, trim(c."firstName" || ' ' || c."lastName") AS name, c.email, s.name AS site,
             u.id::text AS "userId", u.role::text AS role
        FROM staff_candidate c
        LEFT JOIN site s ON s.id = c."siteId"
        LEFT JOIN app_user u ON u.email = c.email
       WHERE c.active
       ORDER BY u.id IS NOT NULL, s.name NULLS LAST, c."lastName", c."firstName"
       LIMIT ${limit}`,
    db.staffCandidate.count({ where: { active: true } }),
  ]);
  return { rows, total };
}

/** This site's tutors recorded out today or later, soonest first. */
export async function siteAbsences(siteId: string, today: IsoDate) {
  const rows = await db.tutorAbsence.findMany({
    where: { endDate: { gte: fromIsoDate(today) }, tutor: { sites: { some: { siteId } } } },
    orderBy: [{ startDate: 'asc' }, { endDate: 'asc' }],
    select: { id: true, kind: true, startDate: true, endDate: true, note: true, tutor: { select: { name: true } } },
  });
  return rows.map((a) => ({
    id: a.id,
    tutor: a.tutor.name,
    kind: a.kind,
    startDate: toIsoDate(a.startDate),
    endDate: toIsoDate(a.endDate),
    note: a.note,
  }));
}
