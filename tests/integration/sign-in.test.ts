// Password sign-in: one message for every failure, rate limits kept in Postgres.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { authOptions, SIGN_IN_FAILED_MESSAGE } from '../../lib/auth/options';
import { markPeerStampActive, PEER_HEADER } from '../../lib/auth/client-address';
import { hashPassword } from '../../lib/auth/password';
import { RATE_LIMIT, RATE_LIMITED_MESSAGE } from '../../lib/auth/rate-limit';
import { db } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

function authorize(): Authorize {
  const provider = authOptions().providers.find((p) => p.id === 'credentials') as unknown as {
    options: { authorize: Authorize };
  };
  return provider.options.authorize;
}

// As the server stamps each request with its TCP peer (lib/auth/peer-address.ts).
markPeerStampActive();
const fromAddress = (ip: string) => ({ headers: { [PEER_HEADER]: ip, 'user-agent': 'vitest' } });

beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({
    data: {
      email: 'pat@test.example',
      name: 'Pat',
      role: 'TUTOR',
      passwordHash: await hashPassword('correct horse battery'),
    },
  });
  await db.user.create({
    data: {
      email: 'gone@test.example',
      name: 'Gone',
      role: 'TUTOR',
      active: false,
      deactivatedAt: new Date(),
      passwordHash: await hashPassword('correct horse battery'),
    },
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and opens a server-side session, returning no hash', async () => {
    const user = await authorize()(
      { email: ' Pat@Test.example ', password: 'correct horse battery' },
      fromAddress('10.0.0.1'),
    );
    expect(user).toMatchObject({ email: 'pat@test.example', name: 'Pat' });
    expect(JSON.stringify(user)).not.toMatch(/argon2/);
    expect(await db.authSession.count({ where: { revokedAt: null } })).toBe(1);
  });

  it('says the same thing for a wrong password, an unknown email and a deactivated account', async () => {
    const attempts = [
      { email: 'pat@test.example', password: 'wrong password' },
      { email: 'nobody@test.example', password: 'correct horse battery' },
      { email: 'gone@test.example', password: 'correct horse battery' },
    ];
    for (const credentials of attempts) {
      await expect(authorize()(credentials, fromAddress('10.0.0.2'))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    expect(await db.authSession.count()).toBe(0);
  });

  it('refuses malformed and oversized input with the same message', async () => {
    await expect(authorize()({ email: 'x'.repeat(5000), password: 'y' }, fromAddress('10.0.0.3'))).rejects.toThrow(
      SIGN_IN_FAILED_MESSAGE,
    );
    await expect(
      authorize()({ email: 'pat@test.example', password: 'p'.repeat(10_000) }, fromAddress('10.0.0.3')),
    ).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
  });

  it('locks an account for the address that guessed, not for its owner elsewhere', async () => {
    const limit = RATE_LIMIT.perAccountAndAddress.attempts;
    for (let i = 0; i < limit; i++) {
      await expect(
        authorize()({ email: 'pat@test.example', password: `wrong ${i}` }, fromAddress('10.1.0.1')),
      ).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.1.0.1')),
    ).rejects.toThrow(RATE_LIMITED_MESSAGE);
    // Five more addresses, five failures each: still only those addresses are locked.
    for (let a = 2; a <= 6; a++) {
      for (let i = 0; i < limit; i++)
        await expect(
          authorize()({ email: 'pat@test.example', password: 'x' }, fromAddress(`10.1.0.${a}`)),
        ).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.9.9.9')),
    ).resolves.toBeTruthy();
    // An unknown email is limited in exactly the same way, so the lock reveals nothing.
    for (let i = 0; i < limit; i++) {
      await expect(
        authorize()({ email: 'ghost@test.example', password: 'x' }, fromAddress('10.2.0.1')),
      ).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(authorize()({ email: 'ghost@test.example', password: 'x' }, fromAddress('10.2.0.1'))).rejects.toThrow(
      RATE_LIMITED_MESSAGE,
    );
  });

  it('locks an account for everyone after many failures from everywhere (the slower global limit)', async () => {
    const { attempts, windowMinutes } = RATE_LIMIT.perAccount;
    await pool.query(
      `INSERT INTO sign_in_counter (key, "windowStart", "windowSeconds", attempts) VALUES ('account:pat@test.example', now(), $1, $2)`,
      [windowMinutes * 60, attempts],
    );
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.9.9.9')),
    ).rejects.toThrow(RATE_LIMITED_MESSAGE);
    // A window that has passed starts again.
    await pool.query(`UPDATE sign_in_counter SET "windowStart" = now() - interval '2 hours'`);
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.9.9.9')),
    ).resolves.toBeTruthy();
  });

  it('limits one address trying many accounts', async () => {
    for (let i = 0; i < RATE_LIMIT.perAddress.attempts; i++) {
      await expect(
        authorize()({ email: `guess${i}@test.example`, password: 'x' }, fromAddress('10.3.3.3')),
      ).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.3.3.3')),
    ).rejects.toThrow(RATE_LIMITED_MESSAGE);
    await expect(
      authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.4.4.4')),
    ).resolves.toBeTruthy();
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const rotating = (i: number) => ({
      headers: { [PEER_HEADER]: '203.0.113.9', 'x-forwarded-for': `198.51.100.${i}`, 'user-agent': 'vitest' },
    });
    // Spraying many accounts, a new forwarded address each time: the peer's limit still applies.
    const answers = [];
    const tries = RATE_LIMIT.perAddress.attempts + 3;
    for (let i = 0; i < tries; i++)
      answers.push(
        await authorize()({ email: `guess${i}@test.example`, password: 'x' }, rotating(i)).catch(
          (e: Error) => e.message,
        ),
      );
    expect(answers.filter((m) => m === RATE_LIMITED_MESSAGE)).toHaveLength(3);
    expect(new Set((await db.signInAttempt.findMany({ select: { ipAddress: true } })).map((a) => a.ipAddress))).toEqual(
      new Set(['203.0.113.9']),
    );
  });

  it('checks at most the limit of 30 parallel wrong guesses', async () => {
    const guesses = Array.from({ length: 30 }, (_, i) =>
      authorize()({ email: 'pat@test.example', password: `guess ${i}` }, fromAddress('10.5.5.5')).catch(
        (e: Error) => e.message,
      ),
    );
    const answers = await Promise.all(guesses);
    expect(answers.every((m) => m === SIGN_IN_FAILED_MESSAGE || m === RATE_LIMITED_MESSAGE)).toBe(true);
    const checked = await db.signInAttempt.count({ where: { email: 'pat@test.example' } });
    expect(checked).toBeLessThanOrEqual(RATE_LIMIT.perAccountAndAddress.attempts);
    expect(answers.filter((m) => m === RATE_LIMITED_MESSAGE).length).toBe(30 - checked);
  });
});

describe('where sign-in leads', () => {
  const attacks = [
    '/\\evil.example/login',
    '/\t/evil.example/login',
    '//evil.example',
    'https://evil.example/login',
    'javascript:alert(1)',
  ];

  it('next-auth’s redirect never leaves the app', async () => {
    const redirect = authOptions().callbacks!.redirect!;
    const baseUrl = 'http://app.test';
    for (const url of attacks) expect(await redirect({ url, baseUrl }), url).toBe(baseUrl);
    expect(await redirect({ url: '/sites/1?week=2026-11-30', baseUrl })).toBe(
      'http://app.test/sites/1?week=2026-11-30',
    );
    expect(await redirect({ url: 'http://app.test/tutor', baseUrl })).toBe('http://app.test/tutor');
  });

  it('the login page sends someone already signed in home, not to another site', async () => {
    const { default: LoginPage } = await import('../../app/login/page');
    const { signInAs, signOut } = await import('../setup/sign-in');
    await signInAs('pat@test.example');
    const target = async (callbackUrl: string) => {
      try {
        await LoginPage({ searchParams: Promise.resolve({ callbackUrl }) });
      } catch (error) {
        return String((error as { digest?: string }).digest).split(';')[2];
      }
      return 'no redirect';
    };
    try {
      for (const url of attacks) expect(await target(url), url).toBe('/tutor');
      expect(await target('/tutor/week')).toBe('/tutor/week');
    } finally {
      signOut();
    }
  });
});
