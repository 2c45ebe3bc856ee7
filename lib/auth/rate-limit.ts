// Sign-in rate limits, kept in Postgres so every app instance counts the same
// attempts: failures per account and per network address in a sliding window.
import type { PrismaClient } from '@/lib/generated/prisma/client';

export const RATE_LIMIT = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 30,
};

export const RATE_LIMITED_MESSAGE = `Too many sign-in attempts. Wait ${RATE_LIMIT.windowMinutes} minutes and try again.`;

export async function isSignInBlocked(db: PrismaClient, email: string, ipAddress: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - RATE_LIMIT.windowMinutes * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, at: { gte: since } } }),
    db.signInAttempt.count({ where: { ipAddress, succeeded: false, at: { gte: since } } }),
  ]);
  return byAccount >= RATE_LIMIT.perAccount || byAddress >= RATE_LIMIT.perAddress;
}

export async function recordSignInAttempt(db: PrismaClient, email: string, ipAddress: string, succeeded: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ipAddress, succeeded } });
}
