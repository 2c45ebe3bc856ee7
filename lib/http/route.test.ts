import { describe, expect, it, vi } from 'vitest';
import { ForbiddenError, NotFoundError, SignedOutError } from '@/lib/auth/errors';
import { TooManyUploadsError, UploadError } from '@/lib/imports/files';
import { defineRoute, RouteError } from './route';

vi.mock('server-only', () => ({}));

const answerTo = async (error: unknown) => {
  const route = defineRoute('test', async () => {
    throw error;
  });
  const response = await route(new Request('http://localhost/api/x'));
  return { status: response.status, body: (await response.json()) as { message: string }, headers: response.headers };
};

describe('defineRoute', () => {
  it('answers each kind of refusal with its status and its sentence', async () => {
    expect(await answerTo(new SignedOutError())).toMatchObject({ status: 401 });
    expect(await answerTo(new ForbiddenError('Not yours.'))).toMatchObject({
      status: 403,
      body: { message: 'Not yours.' },
    });
    expect(await answerTo(new NotFoundError('No such site.'))).toMatchObject({ status: 404 });
    expect(await answerTo(new RouteError(409, 'Changed meanwhile.'))).toMatchObject({ status: 409 });
    expect(await answerTo(new UploadError('Not a CSV.'))).toMatchObject({
      status: 400,
      body: { message: 'Not a CSV.' },
    });
    const busy = await answerTo(new TooManyUploadsError(3));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('120');
  });

  it('answers anything else with a 500 sentence, never the error itself', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await answerTo(new Error('relation "secret_table" does not exist'));
    expect(answer.status).toBe(500);
    expect(answer.body.message).not.toContain('secret_table');
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it('refuses a write from another site’s page when asked to, and passes the route’s params', async () => {
    const route = defineRoute<{ id: string }>('test', async (_request, { id }) => Response.json({ id }), {
      sameOriginOnly: true,
    });
    const foreign = new Request('http://localhost/api/x', {
      method: 'POST',
      headers: { origin: 'https://evil.example', host: 'localhost' },
    });
    expect((await route(foreign, { params: Promise.resolve({ id: 'a' }) })).status).toBe(403);
    const own = new Request('http://localhost/api/x', {
      method: 'POST',
      headers: { origin: 'http://localhost', host: 'localhost' },
    });
    expect(await (await route(own, { params: Promise.resolve({ id: 'a' }) })).json()).toEqual({ id: 'a' });
  });
});
