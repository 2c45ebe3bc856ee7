// Sign-in rate limits, kept in Postgres so every app instance counts the same
// attempts. Each attempt is counted before its password is checked, by one upsert
// that returns the new count, so parallel guesses past a limit are refused unchecked.
// The limits lock the guesser, not the owner: an account is locked for one address
// after a few failures there; only many failures from everywhere lock it for all.
import type { PrismaClient } from '@/lib/generated/prisma/client';

export const RATE_LIMIT = {
  /** Failures for one account from one address. */
  perAccountAndAddress: { attempts: 5, windowMinutes: 15 },
  /** Failures from one address, whatever the accounts. */
  perAddress: { attempts: 30, windowMinutes: 15 },
  /** Failures for one account from every address together. */
  perAccount: { attempts: 50, windowMinutes: 60 },
} as const;

const { windowMinutes } = RATE_LIMIT.perAccountAndAddress;
export const RATE_LIMITED_MESSAGE = `Too many sign-in attempts. Wait ${windowMinutes} minutes and try again.`;

type Limit = (typeof RATE_LIMIT)[keyof typeof RATE_LIMIT];

export interface SignInClaim {
  allowed: boolean;
  email: string;
  ipAddress: string;
  /** The counters this attempt added to. */
  counted: string[];
}

const keys = (email: string, ipAddress: string) => ({
  pair: `pair:${email}|${ipAddress}`,
  account: `account:${email}`,
  address: `address:${ipAddress}`,
});

/** Adds one attempt to each counter (restarting a counter whose window has passed) and returns the new counts. */
async function count(db: PrismaClient, counters: [string, Limit][]): Promise<Map<string, number>> {
  const names = counters.map(([key]) => key);
  const seconds = counters.map(([, limit]) => limit.windowMinutes * 60);
  const rows = await db.$queryRaw<{ key: string; attempts: number }[]>`
    INSERT INTO sign_in_counter AS c (key, "windowStart", "windowSeconds", attempts)
     SELECT k, now(), s, 1 FROM unnest(${names}::text[], ${seconds}::int[]) WITH ORDINALITY AS v(k, s, n) ORDER BY n
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN c."windowStart" + make_interval(secs => c."windowSeconds") <= now() THEN 1 ELSE c.attempts + 1 END,
       "windowStart" = CASE WHEN c."windowStart" + make_interval(secs => c."windowSeconds") <= now() THEN now() ELSE c."windowStart" END,
       "windowSeconds" = EXCLUDED."windowSeconds"
     RETURNING key, attempts`;
  return new Map(rows.map((r) => [r.key, Number(r.attempts)]));
}

/**
 * Counts this attempt before the password is checked. Refused when the account has
 * had too many from this address, the address too many overall, or the account too
 * many from everywhere (counted only for attempts the first two let through).
 */
export async function claimSignInAttempt(db: PrismaClient, email: string, ipAddress: string): Promise<SignInClaim> {
  const k = keys(email, ipAddress);
  // Always the same order (pair, address, then account), so concurrent upserts cannot deadlock.
  const local = await count(db, [
    [k.pair, RATE_LIMIT.perAccountAndAddress],
    [k.address, RATE_LIMIT.perAddress],
  ]);
  const claim = { email, ipAddress, counted: [k.pair, k.address] };
  const overLocal =
    local.get(k.pair)! > RATE_LIMIT.perAccountAndAddress.attempts ||
    local.get(k.address)! > RATE_LIMIT.perAddress.attempts;
  if (overLocal) {
    return { ...claim, allowed: false };
  }
  const global = await count(db, [[k.account, RATE_LIMIT.perAccount]]);
  claim.counted.push(k.account);
  // Now and then, forget counters whose window passed long ago.
  if (Math.random() < 0.01)
    await db.$executeRaw`DELETE FROM sign_in_counter WHERE "windowStart" < now() - interval '1 day'`;
  return { ...claim, allowed: global.get(k.account)! <= RATE_LIMIT.perAccount.attempts };
}

/** After the check: a success takes its attempt back (and clears the account's count from this address). */
export async function settleSignInAttempt(db: PrismaClient, claim: SignInClaim, succeeded: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email: claim.email, ipAddress: claim.ipAddress, succeeded } });
  if (!succeeded) return;
  const { pair } = keys(claim.email, claim.ipAddress);
  await db.$executeRaw`
    UPDATE sign_in_counter SET attempts = CASE WHEN key = ${pair} THEN 0 ELSE GREATEST(attempts - 1, 0) END
    WHERE key = ANY(${claim.counted}::text[])`;
}
