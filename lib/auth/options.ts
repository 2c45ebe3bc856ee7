// next-auth: email + password for small districts and the demo, and single
// sign-on for the identity providers districts run. Either way the person must
// already be an active user here, and what they get is an auth_session row.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db';
import { safeCallbackPath } from './callback-url';
import { SESSION_POLICY, authSecret } from './config';
import { PASSWORD_MAX_LENGTH, verifyPassword } from './password';
import { clientAddress } from './client-address';
import { RATE_LIMITED_MESSAGE, claimSignInAttempt, settleSignInAttempt } from './rate-limit';
import { createAuthSession, revokeAuthSession } from './session';
import { ssoProviders, verifiedEmail } from './sso';

export const SIGN_IN_FAILED_MESSAGE = 'Email or password is incorrect.';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

type Headers = Record<string, string | string[] | undefined> | undefined;

function header(headers: Headers, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_POLICY.maxMinutes * 60 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(SIGN_IN_FAILED_MESSAGE);
          const { email, password } = parsed.data;
          const ipAddress = clientAddress(req?.headers as Headers);
          // Counted before the password is checked: parallel guesses past the limit are refused unchecked.
          const claim = await claimSignInAttempt(db, email, ipAddress);
          if (!claim.allowed) throw new Error(RATE_LIMITED_MESSAGE);
          const user = await db.user.findUnique({
            where: { email },
            select: { id: true, name: true, email: true, active: true, passwordHash: true },
          });
          const ok = (await verifyPassword(user?.passwordHash, password)) && user?.active === true;
          await settleSignInAttempt(db, claim, ok);
          // One message for every failure: it never says whether the account exists.
          if (!ok || !user) throw new Error(SIGN_IN_FAILED_MESSAGE);
          const sid = await createAuthSession(user.id, 'password', {
            ipAddress,
            userAgent: header(req?.headers as Headers, 'user-agent'),
          });
          return { id: user.id, name: user.name, email: user.email, sid };
        },
      }),
      ...ssoProviders(),
    ],
    callbacks: {
      // After sign-in (SSO included), only somewhere in this app.
      redirect({ url, baseUrl }) {
        const path = safeCallbackPath(url, baseUrl);
        return path ? new URL(path, baseUrl).toString() : baseUrl;
      },
      async signIn({ account, profile }) {
        if (!account || account.provider === 'credentials') return true;
        const email = verifiedEmail(account.provider, (profile ?? {}) as Record<string, never>);
        if (!email) return '/login?error=NoAccount';
        const user = await db.user.findUnique({ where: { email }, select: { active: true } });
        return user?.active ? true : '/login?error=NoAccount';
      },
      async jwt({ token, user, account, profile }) {
        if (!user || !account) return token;
        if (account.provider === 'credentials') {
          return { sid: (user as { sid?: string }).sid, sub: user.id };
        }
        const email = verifiedEmail(account.provider, (profile ?? {}) as Record<string, never>);
        const local = email ? await db.user.findUnique({ where: { email }, select: { id: true, active: true } }) : null;
        if (!local?.active) return { sid: undefined };
        return { sid: await createAuthSession(local.id, account.provider), sub: local.id };
      },
      async session({ session }) {
        // The browser learns nothing from here: pages read the person from the database.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeAuthSession(token.sid);
      },
    },
  };
}
