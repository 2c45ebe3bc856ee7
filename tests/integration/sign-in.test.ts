// Password sign-in: one message for every failure, rate limits kept in Postgres.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { authOptions, SIGN_IN_FAILED_MESSAGE } from '../../lib/auth/options';
import { hashPassword } from '../../lib/auth/password';
import { RATE_LIMIT, RATE_LIMITED_MESSAGE } from '../../lib/auth/rate-limit';
import { db } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

function authorize(): Authorize {
  const provider = authOptions().providers.find((p) => p.id === 'credentials') as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize;
}

const fromAddress = (ip: string) => ({ headers: { 'x-forwarded-for': ip, 'user-agent': 'vitest' } });

beforeEach(async () => {
  await truncateAll(pool);
  await db.user.create({
    data: { email: 'pat@test.example', name: 'Pat', role: 'TUTOR', passwordHash: await hashPassword('correct horse battery') },
  });
  await db.user.create({
    data: { email: 'gone@test.example', name: 'Gone', role: 'TUTOR', active: false, deactivatedAt: new Date(), passwordHash: await hashPassword('correct horse battery') },
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and opens a server-side session, returning no hash', async () => {
    const user = await authorize()({ email: ' Pat@Test.example ', password: 'correct horse battery' }, fromAddress('10.0.0.1'));
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
    await expect(authorize()({ email: 'x'.repeat(5000), password: 'y' }, fromAddress('10.0.0.3'))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    await expect(authorize()({ email: 'pat@test.example', password: 'p'.repeat(10_000) }, fromAddress('10.0.0.3'))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
  });

  it('locks an account after repeated failures, even against the right password, from any address', async () => {
    for (let i = 0; i < RATE_LIMIT.perAccount; i++) {
      await expect(authorize()({ email: 'pat@test.example', password: `wrong ${i}` }, fromAddress(`10.1.0.${i}`))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.9.9.9'))).rejects.toThrow(RATE_LIMITED_MESSAGE);
    // An unknown email is limited in exactly the same way, so the lock reveals nothing.
    for (let i = 0; i < RATE_LIMIT.perAccount; i++) {
      await expect(authorize()({ email: 'ghost@test.example', password: 'x' }, fromAddress(`10.2.0.${i}`))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(authorize()({ email: 'ghost@test.example', password: 'x' }, fromAddress('10.2.9.9'))).rejects.toThrow(RATE_LIMITED_MESSAGE);
  });

  it('limits one address trying many accounts', async () => {
    for (let i = 0; i < RATE_LIMIT.perAddress; i++) {
      await expect(authorize()({ email: `guess${i}@test.example`, password: 'x' }, fromAddress('10.3.3.3'))).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.3.3.3'))).rejects.toThrow(RATE_LIMITED_MESSAGE);
    await expect(authorize()({ email: 'pat@test.example', password: 'correct horse battery' }, fromAddress('10.4.4.4'))).resolves.toBeTruthy();
  });
});

describe('where sign-in leads', () => {
  const attacks = ['/\\evil.example/login', '/\t/evil.example/login', '//evil.example', 'https://evil.example/login', 'javascript:alert(1)'];

  it('next-auth’s redirect never leaves the app', async () => {
    const redirect = authOptions().callbacks!.redirect!;
    const baseUrl = 'http://app.test';
    for (const url of attacks) expect(await redirect({ url, baseUrl }), url).toBe(baseUrl);
    expect(await redirect({ url: '/sites/1?week=2026-11-30', baseUrl })).toBe('http://app.test/sites/1?week=2026-11-30');
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
