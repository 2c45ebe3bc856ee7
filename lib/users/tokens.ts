// One-time links to set a password (an invitation or an admin's reset). The link
// carries 32 random bytes; only their SHA-256 is stored, so a database copy
// cannot be turned into working links.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { headers } from 'next/headers';
import type { Prisma } from '@/lib/generated/prisma/client';

export const PASSWORD_LINK_DAYS = 7;
export type PasswordLinkPurpose = 'invite' | 'reset';

export function hashPasswordToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedPasswordLink {
  tokenId: string;
  /** The raw token: shown once, never stored. */
  token: string;
  url: string;
  expiresAt: Date;
}

/** A new link for a person; any earlier unused link of theirs stops working. */
export async function issuePasswordLink(
  tx: Prisma.TransactionClient,
  { userId, purpose, issuedById }: { userId: string; purpose: PasswordLinkPurpose; issuedById: string },
): Promise<IssuedPasswordLink> {
  const now = new Date();
  await tx.passwordToken.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * 24 * 60 * 60_000);
  const row = await tx.passwordToken.create({
    data: { tokenHash: hashPasswordToken(token), userId, purpose, issuedById, expiresAt },
    select: { id: true },
  });
  return { tokenId: row.id, token, url: await absoluteUrl(`/invite/${token}`), expiresAt };
}

/** The app's own address for links people copy: NEXTAUTH_URL when set, else this request's host. */
export async function absoluteUrl(path: string): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return new URL(path, configured).toString();
  const requestHeaders = await headers().catch(() => null);
  const host = requestHeaders?.get('x-forwarded-host') ?? requestHeaders?.get('host');
  if (!host) return path;
  const proto =
    requestHeaders?.get('x-forwarded-proto') ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto.split(',')[0]!.trim()}://${host}${path}`;
}
