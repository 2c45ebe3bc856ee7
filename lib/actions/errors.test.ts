import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForbiddenError, SignedOutError } from '../auth/errors';
import { toActionError } from './errors';
import { ActionError } from './result';

afterEach(() => vi.restoreAllMocks());

describe('toActionError', () => {
  it('passes people-facing refusals through', () => {
    expect(toActionError(new ActionError('Pick a site.', { siteIds: ['Pick a site.'] }))).toEqual({
      ok: false,
      message: 'Pick a site.',
      fieldErrors: { siteIds: ['Pick a site.'] },
    });
    expect(toActionError(new ForbiddenError())).toEqual({ ok: false, message: 'You do not have access to that.' });
    expect(toActionError(new SignedOutError())).toMatchObject({ ok: false, retry: 'signed-out' });
  });

  it('explains database rules in words', () => {
    const error = new Error(
      'ERROR: group_full: group "Grades 2–3 Math" already has 4 students on these dates (limit 4)',
    );
    expect(toActionError(error)).toEqual({
      ok: false,
      message: 'group "Grades 2–3 Math" already has 4 students on these dates (limit 4)',
    });
    expect(toActionError(Object.assign(new Error('x'), { code: 'P2025' }))).toMatchObject({
      message: /no longer exists/,
    });
    expect(toActionError(Object.assign(new Error('x'), { code: 'P2002', meta: { target: ['email'] } }))).toMatchObject({
      message: 'That email is already in use.',
    });
  });

  it('never marks a value the database cannot take as retryable (the outbox would resend it forever)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refusals = [
      new RangeError('Invalid time value'),
      Object.assign(new Error('date/time field value out of range: "2026-11-31"'), { code: '22008' }),
      Object.assign(new Error('Invalid value for argument `date`: Provided Date object is invalid.'), {
        name: 'PrismaClientValidationError',
      }),
    ];
    for (const error of refusals) {
      const result = toActionError(error);
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
      expect(result).not.toHaveProperty('retry');
    }
  });

  it('hides anything unexpected and logs one line with no secrets', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = toActionError(
      new Error('Invalid invocation { passwordHash: "$argon2id$v=19$m=19456$abc" token: "s3cret" }\nstack'),
    );
    // The tablet's outbox keeps such an entry waiting and sends it again later.
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/nothing was saved/), retry: 'server-error' });
    const logged = String(log.mock.calls[0]?.[0]);
    expect(logged).not.toMatch(/argon2id|s3cret|stack/);
  });
});
