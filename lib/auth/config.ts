// Session policy, read from the environment with safe defaults.

function minutes(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const SESSION_POLICY = {
  /** Signed out after this long without a request. */
  idleMinutes: minutes('SESSION_IDLE_MINUTES', 30),
  /** Signed out after this long whatever the activity. */
  maxMinutes: minutes('SESSION_MAX_MINUTES', 12 * 60),
  /** lastSeenAt is written at most this often, to keep reads cheap. */
  touchEverySeconds: 60,
};

export const SESSION_COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret)
    throw new Error(
      'NEXTAUTH_SECRET is not set: `npm start` and `npm run dev` set one for you; in production set your own.',
    );
  return secret;
}
